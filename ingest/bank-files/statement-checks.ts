// The checks treasury expects of a statement, in exact decimal: per currency, opening +
// credits − debits = closing over booked entries; the statement's own summary (TxsSummry)
// against its entries; a batched entry's details against the entry. Fed record by record.
import type { CheckResult, StatementBalance, StatementEntry } from './bank-file-model.ts';
import { fromUnits, toUnits } from './bank-values.ts';

interface CurrencyTotals {
  opening?: { code: string; units: bigint };
  closing?: bigint;
  credits: bigint;
  debits: bigint;
  booked: number;
}

export interface StatementSummary {
  total?: { count: number | null; sum: string | null };
  credits?: { count: number | null; sum: string | null };
  debits?: { count: number | null; sum: string | null };
  /** Signed net (credits − debits). */
  net?: string | null;
}

const maxListedBatchFailures = 50;

export class StatementReconciler {
  private readonly currencies = new Map<string, CurrencyTotals>();
  private readonly all = { count: 0, units: 0n, credits: { count: 0, units: 0n }, debits: { count: 0, units: 0n } };
  private summary: StatementSummary | undefined;
  private batches = { checked: 0, failed: [] as CheckResult[], unlisted: 0 };

  constructor(
    private readonly scope: string,
    /** Statements promise balances; notifications and reports need not carry them. */
    private readonly expectsBalances: boolean,
  ) {}

  /** Records a balance; `role` overrides the code (MT940 :60M:/:62M: open and close a page). */
  balance(balance: StatementBalance, role?: 'opening' | 'closing'): void {
    const totals = this.totals(balance.currency);
    const as = role ?? (balance.code === 'OPBD' || balance.code === 'PRCD' ? 'opening' : balance.code === 'CLBD' ? 'closing' : undefined);
    // OPBD is the opening balance itself; PRCD (previous closing) stands in only without it.
    if (as === 'opening' && (totals.opening === undefined || totals.opening.code === 'PRCD')) totals.opening = { code: balance.code, units: toUnits(balance.amount) };
    if (as === 'closing') totals.closing = toUnits(balance.amount);
  }

  entry(entry: StatementEntry): void {
    const units = toUnits(entry.amount);
    const side = entry.creditDebit === 'CRDT' ? this.all.credits : this.all.debits;
    this.all.count++;
    this.all.units += units;
    side.count++;
    side.units += units;
    if (entry.status === 'booked') {
      const totals = this.totals(entry.currency);
      totals.booked++;
      if (entry.creditDebit === 'CRDT') totals.credits += units;
      else totals.debits += units;
    }
    this.checkBatch(entry);
  }

  setSummary(summary: StatementSummary): void {
    this.summary = summary;
  }

  results(): CheckResult[] {
    const out: CheckResult[] = [];
    for (const [currency, t] of this.currencies) out.push(...this.balanceCheck(currency, t));
    if (this.summary) out.push(...this.summaryChecks(this.summary));
    if (this.batches.checked > 0) {
      const failed = this.batches.failed.length + this.batches.unlisted;
      out.push(...this.batches.failed);
      if (this.batches.unlisted) out.push(result('batch_details', this.scope, 'failed', '', '', `${this.batches.unlisted} more batched entries disagree with their details`));
      if (failed === 0) out.push(result('batch_details', this.scope, 'passed', `${this.batches.checked} batched entries`, `${this.batches.checked} agree`, 'transaction details agree with their entries'));
    }
    return out;
  }

  private totals(currency: string): CurrencyTotals {
    let t = this.currencies.get(currency);
    if (!t) this.currencies.set(currency, (t = { credits: 0n, debits: 0n, booked: 0 }));
    return t;
  }

  private balanceCheck(currency: string, t: CurrencyTotals): CheckResult[] {
    const scope = `${this.scope} ${currency}`;
    if (t.opening === undefined || t.closing === undefined) {
      if (!this.expectsBalances && t.opening === undefined && t.closing === undefined) return [];
      const missing = t.opening === undefined ? 'an opening (OPBD/PRCD)' : 'a closing (CLBD)';
      return [result('balance', scope, 'skipped', '', '', `no ${missing} balance to reconcile ${t.booked} booked entries against`)];
    }
    const computed = t.opening.units + t.credits - t.debits;
    const ok = computed === t.closing;
    const detail = `opening ${fromUnits(t.opening.units)} + credits ${fromUnits(t.credits)} − debits ${fromUnits(t.debits)} = ${fromUnits(computed)}; closing balance ${fromUnits(t.closing)}`;
    return [result('balance', scope, ok ? 'passed' : 'failed', fromUnits(t.closing), fromUnits(computed), ok ? detail : `${detail} (difference ${fromUnits(computed - t.closing)})`)];
  }

  private summaryChecks(s: StatementSummary): CheckResult[] {
    const out: CheckResult[] = [];
    const compare = (check: string, stated: { count: number | null; sum: string | null } | undefined, actual: { count: number; units: bigint }) => {
      if (!stated || (stated.count === null && stated.sum === null)) return;
      const countOk = stated.count === null || stated.count === actual.count;
      const sumOk = stated.sum === null || toUnits(stated.sum) === actual.units;
      const expected = [stated.count !== null ? `${stated.count} entries` : '', stated.sum !== null ? `sum ${fromUnits(toUnits(stated.sum))}` : ''].filter(Boolean).join(', ');
      out.push(result(check, this.scope, countOk && sumOk ? 'passed' : 'failed', expected, `${actual.count} entries, sum ${fromUnits(actual.units)}`, 'TxsSummry against the entries in the statement'));
    };
    compare('summary_total', s.total, this.all);
    compare('summary_credits', s.credits, this.all.credits);
    compare('summary_debits', s.debits, this.all.debits);
    if (s.net !== undefined && s.net !== null) {
      const net = this.all.credits.units - this.all.debits.units;
      out.push(result('summary_net', this.scope, toUnits(s.net) === net ? 'passed' : 'failed', fromUnits(toUnits(s.net)), fromUnits(net), 'TxsSummry net (credits − debits) against the entries'));
    }
    return out;
  }

  private checkBatch(entry: StatementEntry): void {
    const problem = batchProblem(entry);
    if (problem === undefined) return;
    this.batches.checked++;
    if (problem === null) return;
    if (this.batches.failed.length >= maxListedBatchFailures) this.batches.unlisted++;
    else this.batches.failed.push(result('batch_details', `${this.scope} ${entry.path}`, 'failed', problem.expected, problem.actual, problem.detail));
  }
}

/** undefined: nothing to check; null: the details agree; otherwise what disagrees. */
export function batchProblem(entry: StatementEntry): { expected: string; actual: string; detail: string } | null | undefined {
  const { details, batch } = entry;
  const amounts = details.map((d) => d.amount);
  const summed = details.length > 1 && amounts.every((a) => a !== null);
  if (batch.count === null && batch.amount === null && !summed) return undefined;
  if (batch.count !== null && details.length > 0 && batch.count !== details.length) {
    return { expected: `${batch.count} transactions`, actual: `${details.length} transactions`, detail: 'Btch/NbOfTxs against the TxDtls of the entry' };
  }
  if (batch.amount !== null && toUnits(batch.amount) !== toUnits(entry.amount)) {
    return { expected: entry.amount, actual: batch.amount, detail: 'Btch/TtlAmt against the entry amount' };
  }
  if (summed) {
    const total = amounts.reduce((sum, a) => sum + toUnits(a!), 0n);
    if (total !== toUnits(entry.amount)) return { expected: entry.amount, actual: fromUnits(total), detail: 'sum of TxDtls amounts against the entry amount' };
  }
  return null;
}

export function result(check: string, scope: string, outcome: CheckResult['outcome'], expected: string, actual: string, detail: string): CheckResult {
  return { check, scope, outcome, expected, actual, detail };
}
