// Customer money arriving: the bank books the credit on the collections account (seen in
// the next morning's statement), the ERP records the receipt and cash application applies
// it to the invoice. Remittance quality varies. Fault: received but never applied.
import { HOUR, MINUTE, addBusinessDays, businessDayOnOrAfter, inBusinessHours, isoDate, localMs } from '../company/business-clock.ts';
import { statementName } from '../company/counterparties.ts';
import { integrationFlows } from '../company/integration-flows.ts';
import { collectionsAccount } from '../company/legal-entities.ts';
import { formatMinor } from '../company/money.ts';
import { rngFor, type Rng } from '../company/prng.ts';
import type { Actor, SimContext } from '../engine/sim-context.ts';
import type { FaultKind } from '../fault-rates.ts';
import { bankEntryBooked } from './bank-entry.ts';
import { cloudEvent } from './cloud-event.ts';
import type { CustomerInvoiceFacts } from './customer-invoice.ts';

type Stage = 'booked' | 'received' | 'applied';

export class CustomerReceipt implements Actor {
  private stage: Stage = 'booked';
  private delayed = false;

  private constructor(
    public atMs: number,
    private readonly rng: Rng,
    private readonly invoice: CustomerInvoiceFacts,
    private readonly receiptId: string,
    private readonly amount: bigint,
    private readonly valueDay: number,
    private readonly endToEndId: string,
    private readonly remittance: string | undefined,
    private readonly unapplied: boolean,
  ) {}

  /** Money for `invoice` with value date `payDay`, first visible in the next statement. */
  static create(ctx: SimContext, invoice: CustomerInvoiceFacts, receiptId: string, amount: bigint, payDay: number): CustomerReceipt {
    const rng = rngFor(ctx.seed, 'receipt', receiptId);
    const valueDay = businessDayOnOrAfter(payDay);
    const r = rng.next();
    const remittance = r < 0.7 ? invoice.documentId : r < 0.85 ? `PAYMENT ${invoice.documentId.slice(-5)} ${statementName(invoice.customer.name).slice(0, 12)}` : undefined;
    const endToEndId = rng.chance(0.4) ? 'NOTPROVIDED' : `E2E${rng.int(10_000_000, 99_999_999)}${rng.int(1000, 9999)}`;
    const statementAt = localMs(addBusinessDays(valueDay + 1, 0), 5 * 60 + 30 + rng.int(0, 60), invoice.entity.timeZone);
    const receipt = new CustomerReceipt(statementAt, rng, invoice, receiptId, amount, valueDay, endToEndId, remittance, rng.chance(ctx.faults.unappliedReceipt));
    const passage = ctx.outages.passage(integrationFlows['bank-statement-inbound'], statementAt, rng);
    receipt.atMs = passage.atMs;
    receipt.delayed = passage.delayed;
    return receipt;
  }

  step(ctx: SimContext): boolean {
    const t = this.atMs;
    const f = this.invoice;
    const tz = f.entity.timeZone;
    switch (this.stage) {
      case 'booked': {
        const account = collectionsAccount(f.entity);
        ctx.balances.book(account.account, f.entity.currency, 'CRDT', this.amount);
        if (ctx.visible(t)) {
          const entry = {
            entity: f.entity, account, documentId: `BE-${this.receiptId}`, amount: this.amount, creditDebit: 'CRDT' as const,
            valueDay: this.valueDay, bookingDay: this.valueDay, endToEndId: this.endToEndId, reference: this.remittance,
            counterpartyName: statementName(f.customer.name),
          };
          ctx.emit(t, bankEntryBooked(entry, t), { fault: this.delayed ? 'flowOutage' : undefined });
        }
        this.stage = 'received';
        this.atMs = inBusinessHours(t + this.rng.int(10 * MINUTE, 3 * HOUR), tz, this.rng);
        return true;
      }
      case 'received':
        this.send(ctx, 'received', this.unapplied ? 'unappliedReceipt' : undefined);
        if (this.unapplied) return false;
        this.stage = 'applied';
        this.atMs = inBusinessHours(t + this.rng.int(30 * MINUTE, 40 * HOUR), tz, this.rng);
        return true;
      case 'applied':
        this.send(ctx, 'applied');
        return false;
    }
  }

  private send(ctx: SimContext, stage: string, fault?: FaultKind): void {
    const t = this.atMs;
    if (!ctx.visible(t)) return;
    const f = this.invoice;
    const data: Record<string, string> = {
      entity: f.entity.code,
      document_type: 'receipt',
      document_id: this.receiptId,
      correlation_id: f.documentId,
      counterparty_id: f.customer.id,
      counterparty_name: f.customer.name,
      amount: formatMinor(this.amount, f.entity.currency),
      currency: f.entity.currency,
      value_date: isoDate(this.valueDay),
      end_to_end_id: this.endToEndId,
      account: collectionsAccount(f.entity).account,
    };
    if (this.remittance !== undefined) data.reference = this.remittance;
    ctx.emit(t, cloudEvent(f.entity.erpSource, `${this.receiptId}.${stage}`, `finance.receipt.${stage}`, t, this.receiptId, data, f.entity.timeZone), { fault });
  }
}
