// Running ledger balance of each bank account, moved by every booked bank entry, so the
// opening and closing balances the banks report add up with the entries they sent.
import type { CurrencyCode } from '../company/money.ts';
import { sampleBalance } from '../company/money.ts';
import { rngFor } from '../company/prng.ts';

export class AccountBalances {
  private readonly balances = new Map<string, bigint>();

  constructor(private readonly seed: number) {}

  current(account: string, currency: CurrencyCode): bigint {
    let balance = this.balances.get(account);
    if (balance === undefined) {
      balance = sampleBalance(rngFor(this.seed, 'balance', account), currency);
      this.balances.set(account, balance);
    }
    return balance;
  }

  book(account: string, currency: CurrencyCode, creditDebit: 'CRDT' | 'DBIT', amountMinor: bigint): void {
    const balance = this.current(account, currency);
    this.balances.set(account, creditDebit === 'CRDT' ? balance + amountMinor : balance - amountMinor);
  }
}
