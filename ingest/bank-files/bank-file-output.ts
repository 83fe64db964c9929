// The record sink behind every bank file reader: turns each record into its validated
// finance event and detail-table row as spool lines, counts what the file held and keeps
// the check results. An event that fails the catalogue refuses the whole file, pointing
// at the element or line it came from.
import { financeEventLine } from '../events/event-row.ts';
import { validateEvent } from '../events/validate-event.ts';
import type { BankRecordSink, CheckResult, PaymentInstruction, PaymentStatus, StatementBalance, StatementEntry, StatementRef } from './bank-file-model.ts';
import { BankFileRefusal } from './bank-file-model.ts';
import { balanceEvent, entryEvents, instructionEvent, statusEvent, type BankEvent, type EventContext } from './bank-events.ts';
import { balanceLine, entryLines, rowContext, statusLine, type RowContext } from './bank-rows.ts';

export interface BankFileCounts {
  statements: number;
  entries: number;
  transactions: number;
  balances: number;
  statuses: number;
  instructions: number;
  events: number;
}

export interface OutputOptions {
  ctx: EventContext;
  receivedAtMs: number;
  /** Where the spool lines go (a SpoolLinesBuffer). */
  lines: { add(line: string): void };
  /** Whether the sender may speak for this source (the API key's scope). */
  sourceAllowed: (source: string) => boolean;
}

export class BankFileOutput implements BankRecordSink {
  readonly counts: BankFileCounts = { statements: 0, entries: 0, transactions: 0, balances: 0, statuses: 0, instructions: 0, events: 0 };
  readonly checks: CheckResult[] = [];
  info = { messageId: '', createdAt: '', source: 'bank/unknown' };
  private readonly rows: RowContext;
  private readonly checkedSources = new Set<string>();

  constructor(private readonly options: OutputOptions) {
    this.rows = rowContext(options.ctx, options.receivedAtMs);
  }

  file(info: { messageId: string; createdAt: string; source: string }): void {
    this.info = info;
  }

  statement(_statement: StatementRef): void {
    this.counts.statements++;
  }

  entry(entry: StatementEntry): void {
    this.counts.entries++;
    this.counts.transactions += Math.max(1, entry.details.length);
    for (const e of entryEvents(this.options.ctx, entry)) this.emit(e);
    for (const line of entryLines(this.rows, entry)) this.options.lines.add(line);
  }

  balance(balance: StatementBalance): void {
    this.counts.balances++;
    const event = balanceEvent(this.options.ctx, balance);
    this.options.lines.add(balanceLine(this.rows, balance, event ? this.emit(event) : ''));
  }

  status(status: PaymentStatus): void {
    this.counts.statuses++;
    this.options.lines.add(statusLine(this.rows, status, this.emit(statusEvent(this.options.ctx, status))));
  }

  instruction(instruction: PaymentInstruction): void {
    this.counts.instructions++;
    this.emit(instructionEvent(this.options.ctx, instruction));
  }

  check(result: CheckResult): void {
    this.checks.push(result);
  }

  /** Validates the event as any sender's would be and spools it; returns its id. */
  private emit({ event, path }: BankEvent): string {
    const validation = validateEvent(event);
    if (!validation.ok) {
      const reasons = validation.errors.map((e) => `${e.path} ${e.message}`).join('; ');
      throw new BankFileRefusal(path, `cannot become a valid ${String(event.type)} event: ${reasons}`);
    }
    const { source } = validation.event;
    if (!this.checkedSources.has(source)) {
      if (!this.options.sourceAllowed(source)) throw new BankFileRefusal(path, `the file speaks for source "${source}", which this API key may not send`, 403);
      this.checkedSources.add(source);
    }
    this.options.lines.add(financeEventLine(validation.event, this.options.receivedAtMs));
    this.counts.events++;
    return validation.event.id;
  }
}
