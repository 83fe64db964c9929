// A supplier invoice through AP and the ERP: received → approved → posted (carried by the
// ap-invoice-to-erp flow) → scheduled for payment, after which a payment takes over.
// Faults: approved but never posted; captured twice with a near-identical reference.
import { DAY, HOUR, MINUTE, businessDayOnOrAfter, dateCode, inBusinessHours, isoDate, localDay, localMs } from '../company/business-clock.ts';
import type { Counterparty } from '../company/counterparties.ts';
import { suppliers } from '../company/counterparties.ts';
import { integrationFlows } from '../company/integration-flows.ts';
import type { LegalEntity } from '../company/legal-entities.ts';
import { formatMinor, proportion, sampleAmount } from '../company/money.ts';
import { rngFor, type Rng } from '../company/prng.ts';
import type { Actor, SimContext } from '../engine/sim-context.ts';
import type { FaultKind } from '../fault-rates.ts';
import { cloudEvent } from './cloud-event.ts';
import { handoffSpans } from './handoff-telemetry.ts';
import { nearDuplicateReference, supplierReference } from './invoice-references.ts';
import { SupplierPayment } from './supplier-payment.ts';

export interface SupplierInvoiceFacts {
  entity: LegalEntity;
  supplier: Counterparty;
  documentId: string;
  amount: bigint;
  /** Early-payment (Skonto) discount in percent taken when paying, or 0. */
  discountPercent: number;
  reference: string;
  purchaseOrder: string;
  dueDay: number;
}

type Stage = 'received' | 'approved' | 'rejected' | 'posted' | 'scheduled';

export class SupplierInvoice implements Actor {
  private stage: Stage = 'received';
  private delayed = false;

  constructor(
    public atMs: number,
    private readonly rng: Rng,
    readonly facts: SupplierInvoiceFacts,
    private readonly secondCapture = false,
  ) {}

  step(ctx: SimContext): boolean {
    const t = this.atMs;
    const f = this.facts;
    const rng = this.rng;
    switch (this.stage) {
      case 'received':
        ctx.expectedCash.add(f.entity.code, f.dueDay, 'outflow', f.amount);
        this.send(ctx, f.entity.apSource, 'received', this.secondCapture ? 'duplicateInvoice' : undefined);
        this.stage = rng.chance(0.015) ? 'rejected' : 'approved';
        this.atMs = inBusinessHours(t + rng.int(1 * HOUR, 52 * HOUR), f.entity.timeZone, rng);
        return true;
      case 'rejected':
        ctx.expectedCash.add(f.entity.code, f.dueDay, 'outflow', -f.amount);
        this.send(ctx, f.entity.apSource, 'rejected', undefined, { reason_code: rng.pick(['PRICE_MISMATCH', 'NO_PURCHASE_ORDER', 'DUPLICATE']) });
        return false;
      case 'approved': {
        const stuck = rng.chance(ctx.faults.stuckApproval);
        this.send(ctx, f.entity.apSource, 'approved', stuck ? 'stuckApproval' : undefined);
        if (stuck) return false;
        this.stage = 'posted';
        return this.handOff(ctx, t + rng.int(2 * MINUTE, 3 * HOUR));
      }
      case 'posted':
        this.send(ctx, f.entity.erpSource, 'posted', this.delayed ? 'flowOutage' : undefined, {}, true);
        this.stage = 'scheduled';
        this.atMs = inBusinessHours(t + rng.int(1 * HOUR, 30 * HOUR), f.entity.timeZone, rng);
        return true;
      case 'scheduled': {
        const today = localDay(t, f.entity.timeZone);
        const payDay = businessDayOnOrAfter(Math.max(f.dueDay - rng.int(0, 3), today + 1));
        this.send(ctx, f.entity.erpSource, 'scheduled', undefined, { value_date: isoDate(payDay) });
        const release = localMs(payDay, 9 * 60 + rng.int(0, 180), f.entity.timeZone);
        const amount = f.discountPercent > 0 ? proportion(f.amount, BigInt(100 - f.discountPercent), 100n) : f.amount;
        ctx.spawn(SupplierPayment.create(ctx, release, f, amount, payDay, 1));
        return false;
      }
    }
  }

  private handOff(ctx: SimContext, dueMs: number): boolean {
    const passage = ctx.outages.passage(integrationFlows['ap-invoice-to-erp'], dueMs, this.rng);
    this.atMs = passage.atMs;
    this.delayed = passage.delayed;
    return true;
  }

  private send(ctx: SimContext, source: string, stage: string, fault?: FaultKind, extra: Record<string, string> = {}, carried = false): void {
    const t = this.atMs;
    if (!ctx.visible(t)) return;
    const f = this.facts;
    const data: Record<string, string> = {
      entity: f.entity.code,
      document_type: 'supplier_invoice',
      document_id: f.documentId,
      correlation_id: f.purchaseOrder,
      counterparty_id: f.supplier.id,
      counterparty_name: f.supplier.name,
      amount: formatMinor(f.amount, f.entity.currency),
      currency: f.entity.currency,
      due_date: isoDate(f.dueDay),
      reference: f.reference,
      ...extra,
    };
    const doc = { entity: f.entity.code, documentType: 'supplier_invoice', documentId: f.documentId };
    const spans = carried && ctx.spansWanted ? handoffSpans(integrationFlows['ap-invoice-to-erp'], doc, t, `${f.documentId}.posted`, this.delayed) : undefined;
    ctx.emit(t, cloudEvent(source, `${f.documentId}.${stage}`, `finance.invoice.${stage}`, t, f.documentId, data, f.entity.timeZone), { fault, spans });
  }
}

/** A new supplier invoice received on `day` (and, rarely, its second capture a few days later). */
export function createSupplierInvoice(ctx: SimContext, rng: Rng, entity: LegalEntity, day: number, index: number, receivedMs: number): SupplierInvoice[] {
  const supplier = suppliers[rng.skewedIndex(suppliers.length)]!;
  const discountPercent = (entity.country === 'DE' || entity.country === 'NL') && rng.chance(0.1) ? 2 : 0;
  const terms = discountPercent > 0 ? 14 : rng.pick(entity.paymentTerms);
  const number = `${entity.code}-${dateCode(day)}-${String(index).padStart(5, '0')}`;
  const facts: SupplierInvoiceFacts = {
    entity,
    supplier,
    documentId: `INV-${number}`,
    amount: sampleAmount(rng, entity.currency, 80, 120_000),
    discountPercent,
    reference: supplierReference(rng, supplier, new Date(day * DAY).getUTCFullYear()),
    purchaseOrder: `PO-${entity.code}-${rng.int(100_000, 999_999)}`,
    dueDay: day + terms,
  };
  const invoices = [new SupplierInvoice(receivedMs, rng, facts)];
  if (rng.chance(ctx.faults.duplicateInvoice)) {
    const twinRng = rngFor(ctx.seed, 'second-capture', facts.documentId);
    const twin = { ...facts, documentId: `INV-${entity.code}-${dateCode(day)}-D${String(index).padStart(5, '0')}`, reference: nearDuplicateReference(twinRng, facts.reference) };
    const at = inBusinessHours(receivedMs + twinRng.int(1, 10) * DAY, entity.timeZone, twinRng);
    invoices.push(new SupplierInvoice(at, twinRng, twin, true));
  }
  return invoices;
}
