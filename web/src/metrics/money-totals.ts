// Totals per currency for a metric card or list header: exact amounts, formatted labels, and
// counts, largest count first so the main currency leads.
import { formatCount } from '../components/format-count.ts';
import { addDecimals } from '../money/decimal-string.ts';
import { formatMoney } from '../money/format-money.ts';

export interface MoneyTotal {
  currency: string;
  /** Exact decimal string as received. */
  amount: string;
  amountLabel: string;
  count: string;
  countLabel: string;
}

export interface TotalRow {
  currency: string;
  amount: string;
  count: string;
}

/** One line per currency (rows of the same currency summed exactly), most items first. */
export function toMoneyTotals(rows: readonly TotalRow[]): MoneyTotal[] {
  const byCurrency = new Map<string, { amounts: string[]; count: bigint }>();
  for (const row of rows) {
    const entry = byCurrency.get(row.currency) ?? { amounts: [], count: 0n };
    entry.amounts.push(row.amount);
    entry.count += BigInt(row.count);
    byCurrency.set(row.currency, entry);
  }
  return [...byCurrency.entries()]
    .map(([currency, { amounts, count }]) => {
      const amount = addDecimals(amounts);
      return { currency, amount, amountLabel: formatMoney(amount, currency), count: count.toString(), countLabel: formatCount(count.toString()) };
    })
    .sort((a, b) => (BigInt(a.count) === BigInt(b.count) ? a.currency.localeCompare(b.currency) : BigInt(b.count) > BigInt(a.count) ? 1 : -1));
}

/** The count across currencies (each item is counted in exactly one currency). */
export function totalCount(totals: readonly MoneyTotal[]): string {
  return totals.reduce((sum, t) => sum + BigInt(t.count), 0n).toString();
}
