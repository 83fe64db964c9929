// Paying a supplier invoice: treasury releases the payment (maybe after a compliance hold)
// and sends it to the bank; the bank acknowledges, settles and books it on the statement.
// Faults: sent but never confirmed; status report lost in middleware; rejected; returned.
import { HOUR, MINUTE, addBusinessDays, businessDayOnOrAfter, inBusinessHours, isoDate, localDay, localMinute, localMs } from '../company/business-clock.ts';
import { statementName } from '../company/counterparties.ts';
import { integrationFlows, type FlowName } from '../company/integration-flows.ts';
import { operatingAccount, treasurySource } from '../company/legal-entities.ts';
import { formatMinor } from '../company/money.ts';
import { rngFor, type Rng } from '../company/prng.ts';
import type { Actor, SimContext } from '../engine/sim-context.ts';
import type { FaultKind } from '../fault-rates.ts';
import { bankEntryBooked } from './bank-entry.ts';
import { rejectReason, returnReason } from './bank-reason-codes.ts';
import { cloudEvent } from './cloud-event.ts';
import { emitMessageEvents, handoffSpans } from './handoff-telemetry.ts';
import type { SupplierInvoiceFacts } from './supplier-invoice.ts';

type Stage = 'released' | 'held' | 'hold_released' | 'sent' | 'status' | 'settled' | 'booked' | 'returned' | 'return_booked';
type Outcome = 'settles' | 'stuck' | 'rejected' | 'returned';

export class SupplierPayment implements Actor {
  private stage: Stage = 'released';
  private delayed = false;
  private settleDay = 0;

  private constructor(
    public atMs: number,
    private readonly rng: Rng,
    private readonly invoice: SupplierInvoiceFacts,
    private readonly paymentId: string,
    private readonly amount: bigint,
    private readonly requestedDay: number,
    private readonly attempt: number,
    private readonly outcome: Outcome,
    private readonly lost: boolean,
    private readonly hold: 'none' | 'released' | 'stuck',
  ) {}

  /** The payment of an invoice, released at releaseMs (via the ERP → treasury payment-run flow). */
  static create(ctx: SimContext, releaseMs: number, invoice: SupplierInvoiceFacts, amount: bigint, requestedDay: number, attempt: number): SupplierPayment {
    const paymentId = `${invoice.documentId.replace(/^INV-/, 'PAY-')}${attempt > 1 ? `-${attempt}` : ''}`;
    const rng = rngFor(ctx.seed, 'payment', paymentId);
    const f = ctx.faults;
    const r = rng.next();
    const outcome: Outcome = r < f.stuckPayment ? 'stuck' : r < f.stuckPayment + f.bankReject ? 'rejected' : r < f.stuckPayment + f.bankReject + f.bankReturn ? 'returned' : 'settles';
    const lost = outcome !== 'stuck' && outcome !== 'rejected' && rng.chance(f.missingConfirmation);
    const hold = rng.chance(0.02) ? (rng.chance(0.3) ? 'stuck' : 'released') : 'none';
    const payment = new SupplierPayment(releaseMs, rng, invoice, paymentId, amount, requestedDay, attempt, outcome, lost, hold);
    payment.handOff(ctx, 'erp-payment-run-to-treasury', releaseMs);
    return payment;
  }

  step(ctx: SimContext): boolean {
    const t = this.atMs;
    const rng = this.rng;
    const tz = this.invoice.entity.timeZone;
    switch (this.stage) {
      case 'released':
        this.send(ctx, 'released', this.delayed ? 'flowOutage' : undefined, {}, 'erp-payment-run-to-treasury');
        if (this.hold !== 'none') return this.next('held', t + rng.int(1 * MINUTE, 15 * MINUTE));
        return this.handOff(ctx, 'treasury-payment-to-bank', t + rng.int(10 * MINUTE, 3 * HOUR), 'sent');
      case 'held':
        this.send(ctx, 'held', undefined, { reason_code: rng.pick(['SANCTIONS_SCREENING', 'DUAL_APPROVAL', 'LIMIT_EXCEEDED']) });
        return this.hold === 'stuck' ? false : this.next('hold_released', inBusinessHours(t + rng.int(2 * HOUR, 30 * HOUR), tz, rng));
      case 'hold_released':
        this.send(ctx, 'hold_released');
        return this.handOff(ctx, 'treasury-payment-to-bank', t + rng.int(5 * MINUTE, 1 * HOUR), 'sent');
      case 'sent':
        this.send(ctx, 'sent', this.outcome === 'stuck' ? 'stuckPayment' : this.delayed ? 'flowOutage' : undefined, {}, 'treasury-payment-to-bank');
        return this.outcome === 'stuck' ? false : this.handOff(ctx, 'bank-status-inbound', t + rng.int(15 * MINUTE, 2 * HOUR), 'status');
      case 'status':
        return this.status(ctx);
      case 'settled':
        this.bankStatus(ctx, 'settled', { value_date: isoDate(this.settleDay) });
        return this.handOff(ctx, 'bank-statement-inbound', this.statementMorning(this.settleDay), 'booked');
      case 'booked':
        this.book(ctx, 'DBIT', this.settleDay, this.lost ? 'missingConfirmation' : undefined);
        if (this.outcome !== 'returned') return false;
        return this.handOff(ctx, 'bank-status-inbound', localMs(addBusinessDays(this.settleDay, rng.int(2, 5)), 9 * 60 + rng.int(0, 420), tz), 'returned');
      case 'returned': {
        const reason = returnReason(rng);
        this.bankStatus(ctx, 'returned', { reason_code: reason.code, reason: reason.text }, 'bankReturn');
        this.settleDay = localDay(t, tz);
        return this.handOff(ctx, 'bank-statement-inbound', this.statementMorning(this.settleDay), 'return_booked');
      }
      case 'return_booked':
        this.book(ctx, 'CRDT', this.settleDay);
        this.retry(ctx, t);
        return false;
    }
  }

  private status(ctx: SimContext): boolean {
    const t = this.atMs;
    const rng = this.rng;
    const tz = this.invoice.entity.timeZone;
    if (this.outcome === 'rejected') {
      const reason = rejectReason(rng);
      this.bankStatus(ctx, 'rejected', { reason_code: reason.code, reason: reason.text }, 'bankReject');
      this.retry(ctx, t);
      return false;
    }
    const today = localDay(t, tz);
    this.settleDay = localMinute(t, tz) < 14 * 60 ? businessDayOnOrAfter(today) : addBusinessDays(today + 1, 0);
    if (this.lost) {
      if (ctx.visible(t)) emitMessageEvents(ctx, integrationFlows['bank-status-inbound'], this.doc(), `PAIN002-${this.paymentId}`, t, true, this.delayed);
      return this.handOff(ctx, 'bank-statement-inbound', this.statementMorning(this.settleDay), 'booked');
    }
    this.bankStatus(ctx, 'acknowledged');
    const settleAt = Math.max(t + 30 * MINUTE, localMs(this.settleDay, 15 * 60 + rng.int(0, 120), tz));
    return this.handOff(ctx, 'bank-status-inbound', settleAt, 'settled');
  }

  /** Half the time the treasurer pays again a few business days later (new payment, same invoice). */
  private retry(ctx: SimContext, t: number): void {
    if (this.attempt >= 3 || !this.rng.chance(0.5)) return;
    const tz = this.invoice.entity.timeZone;
    const day = addBusinessDays(localDay(t, tz) + 1, this.rng.int(0, 2));
    ctx.spawn(SupplierPayment.create(ctx, localMs(day, 9 * 60 + this.rng.int(0, 240), tz), this.invoice, this.amount, day, this.attempt + 1));
  }

  private statementMorning(valueDay: number): number {
    return localMs(addBusinessDays(valueDay + 1, 0), 5 * 60 + 30 + this.rng.int(0, 60), this.invoice.entity.timeZone);
  }

  private next(stage: Stage, atMs: number): boolean {
    this.stage = stage;
    this.atMs = atMs;
    return true;
  }

  private handOff(ctx: SimContext, flow: FlowName, dueMs: number, stage: Stage = this.stage): boolean {
    const passage = ctx.outages.passage(integrationFlows[flow], dueMs, this.rng);
    this.delayed = passage.delayed;
    return this.next(stage, passage.atMs);
  }

  private doc() {
    return { entity: this.invoice.entity.code, documentType: 'payment', documentId: this.paymentId };
  }

  private data(extra: Record<string, string>): Record<string, string> {
    const f = this.invoice;
    return {
      entity: f.entity.code,
      document_type: 'payment',
      document_id: this.paymentId,
      correlation_id: f.documentId,
      counterparty_id: f.supplier.id,
      counterparty_name: f.supplier.name,
      amount: formatMinor(this.amount, f.entity.currency),
      currency: f.entity.currency,
      value_date: isoDate(this.requestedDay),
      end_to_end_id: this.paymentId,
      reference: f.reference,
      account: operatingAccount(f.entity).account,
      ...extra,
    };
  }

  /** A treasury-side payment event, with the spans of the flow that carried it. */
  private send(ctx: SimContext, stage: string, fault?: FaultKind, extra: Record<string, string> = {}, flow?: FlowName): void {
    const t = this.atMs;
    if (!ctx.visible(t)) return;
    const spans = flow && ctx.spansWanted ? handoffSpans(integrationFlows[flow], this.doc(), t, `${this.paymentId}.${stage}`, this.delayed) : undefined;
    const event = cloudEvent(treasurySource, `${this.paymentId}.${stage}`, `finance.payment.${stage}`, t, this.paymentId, this.data(extra), this.invoice.entity.timeZone);
    ctx.emit(t, event, { fault, spans });
  }

  /** A status from the bank (pain.002 / camt.054) through the bank connector. */
  private bankStatus(ctx: SimContext, stage: string, extra: Record<string, string> = {}, fault?: FaultKind): void {
    const t = this.atMs;
    if (!ctx.visible(t)) return;
    const bank = operatingAccount(this.invoice.entity).bankSource;
    ctx.emit(t, cloudEvent(bank, `${this.paymentId}.${stage}`, `finance.payment.${stage}`, t, this.paymentId, this.data(extra)), { fault: fault ?? (this.delayed ? 'flowOutage' : undefined) });
    emitMessageEvents(ctx, integrationFlows['bank-status-inbound'], this.doc(), `PAIN002-${this.paymentId}-${stage}`, t, false, this.delayed);
  }

  private book(ctx: SimContext, creditDebit: 'CRDT' | 'DBIT', valueDay: number, fault?: FaultKind): void {
    const f = this.invoice;
    const account = operatingAccount(f.entity);
    ctx.balances.book(account.account, f.entity.currency, creditDebit, this.amount);
    const t = this.atMs;
    if (!ctx.visible(t)) return;
    const documentId = `BE-${this.paymentId}${creditDebit === 'CRDT' ? '-R' : ''}`;
    const entry = { entity: f.entity, account, documentId, amount: this.amount, creditDebit, valueDay, bookingDay: valueDay, endToEndId: this.paymentId, reference: f.reference, counterpartyName: statementName(f.supplier.name) };
    ctx.emit(t, bankEntryBooked(entry, t), { fault: fault ?? (this.delayed ? 'flowOutage' : undefined) });
  }
}
