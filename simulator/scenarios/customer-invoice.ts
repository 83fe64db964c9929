// A customer invoice from issue to cash: issued in the ERP and synced to the CRM
// (erp-invoice-to-crm flow), maybe a collection commitment (promise to pay) or a dispute,
// then one receipt — or two, when the customer pays in part. Faults: broken promises.
import { DAY, HOUR, MINUTE, dateCode, inBusinessHours, isoDate, localMs } from '../company/business-clock.ts';
import { customers, type Counterparty } from '../company/counterparties.ts';
import { integrationFlows } from '../company/integration-flows.ts';
import { crmSource, type LegalEntity } from '../company/legal-entities.ts';
import { formatMinor, proportion, sampleAmount } from '../company/money.ts';
import type { Rng } from '../company/prng.ts';
import type { Actor, SimContext } from '../engine/sim-context.ts';
import type { FaultKind } from '../fault-rates.ts';
import { cloudEvent } from './cloud-event.ts';
import { CustomerReceipt } from './customer-receipt.ts';
import { handoffSpans } from './handoff-telemetry.ts';

export interface CustomerInvoiceFacts {
  entity: LegalEntity;
  customer: Counterparty;
  documentId: string;
  amount: bigint;
  dueDay: number;
}

type Stage = 'issued' | 'synced' | 'commitment' | 'disputed' | 'written_off';

export class CustomerInvoice implements Actor {
  private stage: Stage = 'issued';
  private delayed = false;
  /** Local day the money arrives; 0 = never. */
  private payDay: number;
  private readonly promise: 'none' | 'kept' | 'broken';
  private readonly dispute: 'none' | 'paid-late' | 'written-off';
  private readonly partial: boolean;

  constructor(
    public atMs: number,
    private readonly rng: Rng,
    readonly facts: CustomerInvoiceFacts,
    brokenPromiseRate: number,
  ) {
    const r = rng.next();
    this.dispute = r < 0.02 ? 'written-off' : r < 0.04 ? 'paid-late' : 'none';
    this.promise = this.dispute === 'none' && rng.chance(0.55) ? (rng.chance(brokenPromiseRate) ? 'broken' : 'kept') : 'none';
    this.partial = rng.chance(0.15);
    // Most customers pay a little late; a few early.
    this.payDay = facts.dueDay + Math.round(-5 + 30 * rng.next() ** 2);
  }

  step(ctx: SimContext): boolean {
    const t = this.atMs;
    const rng = this.rng;
    const f = this.facts;
    switch (this.stage) {
      case 'issued': {
        ctx.expectedCash.add(f.entity.code, f.dueDay, 'inflow', f.amount);
        this.send(ctx, f.entity.erpSource, 'finance.customer_invoice.issued', f.documentId);
        const passage = ctx.outages.passage(integrationFlows['erp-invoice-to-crm'], t + rng.int(1 * MINUTE, 30 * MINUTE), rng);
        this.delayed = passage.delayed;
        this.stage = 'synced';
        this.atMs = passage.atMs;
        return true;
      }
      case 'synced': {
        if (ctx.visible(t) && ctx.spansWanted) {
          ctx.emitSpans(t, handoffSpans(integrationFlows['erp-invoice-to-crm'], this.doc(), t, `${f.documentId}.synced`, this.delayed));
        }
        if (this.dispute !== 'none') return this.next('disputed', localMs(f.dueDay - rng.int(0, 10), 10 * 60 + rng.int(0, 400), f.entity.timeZone));
        if (this.promise !== 'none') return this.next('commitment', localMs(f.dueDay - rng.int(2, 12), 9 * 60 + rng.int(0, 480), f.entity.timeZone));
        return this.pay(ctx);
      }
      case 'commitment': {
        const promisedDay = this.payDay;
        const amount = this.partial ? this.firstPart() : f.amount;
        const extra = { amount: formatMinor(amount, f.entity.currency), promised_date: isoDate(promisedDay), correlation_id: f.documentId };
        this.send(ctx, crmSource, 'finance.collection.commitment', `PTP-${f.documentId.slice(3)}`, extra, this.promise === 'broken' ? 'brokenPromise' : undefined);
        if (this.promise === 'broken') this.payDay = rng.chance(0.4) ? 0 : promisedDay + rng.int(10, 40);
        return this.pay(ctx);
      }
      case 'disputed':
        this.send(ctx, crmSource, 'finance.customer_invoice.disputed', f.documentId, { reason_code: rng.pick(['PRICE_DISPUTE', 'GOODS_DAMAGED', 'QUANTITY_MISMATCH', 'NOT_RECEIVED']) });
        if (this.dispute === 'written-off') return this.next('written_off', inBusinessHours(t + rng.int(30, 60) * DAY, f.entity.timeZone, rng));
        this.payDay += rng.int(15, 40);
        return this.pay(ctx);
      case 'written_off':
        this.send(ctx, f.entity.erpSource, 'finance.customer_invoice.written_off', f.documentId, { reason_code: 'BAD_DEBT' });
        return false;
    }
  }

  /** Spawns the receipt(s) and ends: from here on the money is the receipts' story. */
  private pay(ctx: SimContext): boolean {
    if (this.payDay === 0) return false;
    const f = this.facts;
    const payDay = Math.max(this.payDay, Math.floor(this.atMs / DAY) + 1);
    if (!this.partial) {
      ctx.spawn(CustomerReceipt.create(ctx, f, `RCPT-${f.documentId.slice(3)}`, f.amount, payDay));
      return false;
    }
    const first = this.firstPart();
    ctx.spawn(CustomerReceipt.create(ctx, f, `RCPT-${f.documentId.slice(3)}-1`, first, payDay));
    ctx.spawn(CustomerReceipt.create(ctx, f, `RCPT-${f.documentId.slice(3)}-2`, f.amount - first, payDay + this.rng.int(7, 25)));
    return false;
  }

  /** The first instalment of a partial payment: 30–70 % of the invoice, exact in minor units. */
  private firstPart(): bigint {
    const percent = 30n + BigInt(Number(this.facts.amount % 41n));
    return proportion(this.facts.amount, percent, 100n);
  }

  private next(stage: Stage, atMs: number): boolean {
    this.stage = stage;
    this.atMs = Math.max(atMs, this.atMs + 1 * HOUR);
    return true;
  }

  private doc() {
    return { entity: this.facts.entity.code, documentType: 'customer_invoice', documentId: this.facts.documentId };
  }

  private send(ctx: SimContext, source: string, type: string, documentId: string, extra: Record<string, string> = {}, fault?: FaultKind): void {
    const t = this.atMs;
    if (!ctx.visible(t)) return;
    const f = this.facts;
    const data: Record<string, string> = {
      entity: f.entity.code,
      document_type: type === 'finance.collection.commitment' ? 'collection_commitment' : 'customer_invoice',
      document_id: documentId,
      counterparty_id: f.customer.id,
      counterparty_name: f.customer.name,
      amount: formatMinor(f.amount, f.entity.currency),
      currency: f.entity.currency,
      due_date: isoDate(f.dueDay),
      reference: f.documentId,
      ...extra,
    };
    const stage = type.slice(type.lastIndexOf('.') + 1);
    ctx.emit(t, cloudEvent(source, `${documentId}.${stage}`, type, t, documentId, data, f.entity.timeZone), { fault });
  }
}

/** A new customer invoice issued on `day`. */
export function createCustomerInvoice(ctx: SimContext, rng: Rng, entity: LegalEntity, day: number, index: number, issuedMs: number): CustomerInvoice {
  const customer = customers[rng.skewedIndex(customers.length)]!;
  const facts: CustomerInvoiceFacts = {
    entity,
    customer,
    documentId: `CI-${entity.code}-${dateCode(day)}-${String(index).padStart(5, '0')}`,
    amount: sampleAmount(rng, entity.currency, 400, 180_000),
    dueDay: day + rng.pick([30, 30, 45, 60]),
  };
  return new CustomerInvoice(issuedMs, rng, facts, ctx.faults.brokenPromise);
}
