// Maps each metric procedure's answer to one shape the list page, entity page and overview
// draw: totals per currency, breakdown tables, and the documents behind the number as table
// rows that link to their timeline. Amounts stay exact decimal strings throughout.
import type { ApiOutputs } from '../lib/trpc.ts';
import { entityPath } from '../entities/entity-path.ts';
import { timelinePath } from '../documents/timeline-path.ts';
import type { MetricId } from './metric-catalog.ts';
import { toMoneyTotals, type MoneyTotal } from './money-totals.ts';

type Metrics = ApiOutputs['metrics'];
export type StuckDocumentsAnswer = Metrics['stuckDocuments'];
export type UnmatchedPaymentsAnswer = Metrics['unmatchedPayments'];
export type DelayedConfirmationsAnswer = Metrics['delayedConfirmations'];
export type DuplicatePaymentRiskAnswer = Metrics['duplicatePaymentRisk'];
export type ReceivablesMisalignmentAnswer = Metrics['receivablesMisalignment'];

export interface BreakdownRow {
  label: string;
  currency: string | null;
  count: string;
  amount: string | null;
}

export interface Breakdown {
  title: string;
  rows: BreakdownRow[];
}

export interface MetricDocument {
  key: string;
  entity: string;
  documentType: string;
  documentId: string;
  /** Stage, kind or bank status: why the document is in the list. */
  status: string;
  currency: string;
  amount: string | null;
  counterparty: string;
  /** Warehouse UTC timestamp the document has been waiting since. */
  since: string;
  /** Warehouse UTC timestamp it was due by. */
  dueAt: string;
  /** One more fact worth a column: hours past due, bank and reason, a match difference. */
  detail: string;
  timelineHref: string;
}

/** The metric's money in the reporting currency; total null when some rate is missing. */
export interface ReportingTotal {
  currency: string;
  total: string | null;
  totalKnown: string;
  missingRates: { currency: string; date: string }[];
}

export interface MetricView {
  metric: MetricId;
  reporting: ReportingTotal | null;
  /** Epoch ms the server computed the answer (it serves the latest evaluation); null if it did not say. */
  computedAt: number | null;
  totals: MoneyTotal[];
  breakdowns: Breakdown[];
  documents: MetricDocument[];
  hasMore: boolean;
  /** What the numbers do not include yet, said above them (e.g. matching still catching up); absent when nothing. */
  notice?: string;
}

type Reported = {
  reporting?: { reporting_currency: string; total: string | null; total_known: string; missing_rates: { currency: string; date: string }[] };
  computed_at?: string;
};
/** An answer as the mapping needs it: the reporting total and computed_at are optional (older servers lack them). */
type Mapped<A> = Omit<A, 'reporting' | 'computed_at'> & Reported;

function computedAtOf(answer: Reported): number | null {
  const at = answer.computed_at ? Date.parse(answer.computed_at) : NaN;
  return Number.isNaN(at) ? null : at;
}

function reportingOf(answer: Reported): ReportingTotal | null {
  const r = answer.reporting;
  return r ? { currency: r.reporting_currency, total: r.total, totalKnown: r.total_known, missingRates: r.missing_rates } : null;
}

const counterpartyOf = (row: { counterparty_name: string; counterparty_id: string }) => row.counterparty_name || row.counterparty_id || '—';
const keyOf = (...parts: string[]) => parts.join('|');
const humanize = (code: string) => code.replace(/^finance\./, '').replace(/[._]/g, ' ');
/** The step of a stage code without its document type: 'finance.invoice.approved' → 'approved'. */
const stageStep = (stage: string) => humanize(stage.slice(stage.lastIndexOf('.') + 1));

export function fromStuckDocuments(answer: Mapped<StuckDocumentsAnswer>): MetricView {
  return {
    reporting: reportingOf(answer),
    computedAt: computedAtOf(answer),
    metric: 'stuck-documents',
    totals: toMoneyTotals(answer.totals.map((t) => ({ currency: t.currency, amount: t.amount, count: t.documents }))),
    breakdowns: [
      { title: 'By stage', rows: answer.byStage.map((r) => ({ label: `${humanize(r.document_type)} · ${stageStep(r.stage)}`, currency: r.currency, count: r.documents, amount: r.amount })) },
      { title: 'By time past SLA', rows: answer.byLateness.map((r) => ({ label: r.bucket, currency: null, count: r.documents, amount: null })) },
    ],
    documents: answer.documents.rows.map((r) => ({
      key: keyOf(r.entity, r.document_type, r.document_id),
      entity: r.entity,
      documentType: r.document_type,
      documentId: r.document_id,
      status: humanize(r.stage),
      currency: r.currency,
      amount: r.amount,
      counterparty: counterpartyOf(r),
      since: r.stage_entered_at,
      dueAt: r.due_at,
      detail: `${r.hours_past_due} h past SLA (${r.sla})`,
      timelineHref: timelinePath(r.entity, r.document_type, r.document_id),
    })),
    hasMore: answer.documents.hasMore,
  };
}

const kindLabel: Record<string, string> = {
  bank_entry_unmatched: 'bank entry unmatched',
  payment_unsettled: 'payment unsettled',
  receipt_unapplied: 'receipt unapplied',
};

export function fromUnmatchedPayments(answer: Mapped<UnmatchedPaymentsAnswer>): MetricView {
  return {
    reporting: reportingOf(answer),
    computedAt: computedAtOf(answer),
    metric: 'unmatched-payments',
    totals: toMoneyTotals(answer.totals.map((t) => ({ currency: t.currency, amount: t.amount, count: t.documents }))),
    breakdowns: [
      { title: 'By kind', rows: answer.byKind.map((r) => ({ label: kindLabel[r.kind] ?? r.kind, currency: r.currency, count: r.documents, amount: r.amount })) },
      { title: 'By entity', rows: answer.byEntity.map((r) => ({ label: r.entity, currency: r.currency, count: r.documents, amount: r.amount })) },
      { title: 'Matched, by rule', rows: answer.matchesByRule.map((r) => ({ label: humanize(r.rule), currency: r.currency, count: r.documents, amount: r.document_amount })) },
    ],
    documents: answer.documents.rows.map((r) => ({
      key: keyOf(r.kind, r.entity, r.document_type, r.document_id),
      entity: r.entity,
      documentType: r.document_type,
      documentId: r.document_id,
      status: kindLabel[r.kind] ?? r.kind,
      currency: r.currency,
      amount: r.amount,
      counterparty: counterpartyOf(r),
      since: r.since,
      dueAt: r.due_at,
      detail: r.difference === '' ? '' : `difference ${r.difference}`,
      timelineHref: timelinePath(r.entity, r.document_type, r.document_id),
    })),
    hasMore: answer.documents.hasMore,
    ...(answer.matchingBehind ? { notice: matchingBehindNotice(answer.matchingBehind.matchedThrough) } : {}),
  };
}

/** More arrived than a read matches on its own: the server's matcher is catching up. */
function matchingBehindNotice(matchedThrough: string | null): string {
  const through = matchedThrough === null ? 'nothing has been matched yet' : `matches are complete for what arrived up to ${matchedThrough} UTC`;
  return `Payment matching is catching up with a large arrival: ${through}. Some entries listed as unmatched may be matched within minutes.`;
}

export function fromDelayedConfirmations(answer: Mapped<DelayedConfirmationsAnswer>): MetricView {
  return {
    reporting: reportingOf(answer),
    computedAt: computedAtOf(answer),
    metric: 'delayed-confirmations',
    totals: toMoneyTotals(answer.totals.map((t) => ({ currency: t.currency, amount: t.amount, count: t.payments }))),
    breakdowns: [
      { title: 'Awaiting status, by entity and bank', rows: answer.byEntityBank.map((r) => ({ label: `${r.entity} · ${r.bank || 'unknown bank'}`, currency: r.currency, count: r.payments, amount: r.amount })) },
      { title: 'Rejected and returned, by reason', rows: answer.byReason.map((r) => ({ label: `${r.status} · ${r.reason_code || 'no code'}`, currency: r.currency, count: r.payments, amount: r.amount })) },
    ],
    documents: answer.documents.rows.map((r) => ({
      key: keyOf(r.status, r.entity, r.document_id),
      entity: r.entity,
      documentType: 'payment',
      documentId: r.document_id,
      status: humanize(r.status),
      currency: r.currency,
      amount: r.amount,
      counterparty: counterpartyOf(r),
      since: r.sent_at,
      dueAt: r.due_at,
      detail: [r.bank, r.reason_code].filter(Boolean).join(' · '),
      timelineHref: timelinePath(r.entity, 'payment', r.document_id),
    })),
    hasMore: answer.documents.hasMore,
  };
}

export function fromDuplicatePaymentRisk(answer: Mapped<DuplicatePaymentRiskAnswer>): MetricView {
  return {
    reporting: reportingOf(answer),
    computedAt: computedAtOf(answer),
    metric: 'duplicate-payment-risk',
    totals: toMoneyTotals(answer.totals.map((t) => ({ currency: t.currency, amount: t.amount, count: t.pairs }))),
    breakdowns: [
      { title: 'By status', rows: answer.byStatus.map((r) => ({ label: r.status === 'paid' ? 'already paid' : 'before payment', currency: r.currency, count: r.pairs, amount: r.amount })) },
      { title: 'By entity', rows: answer.byEntity.map((r) => ({ label: r.entity, currency: r.currency, count: r.pairs, amount: r.amount })) },
    ],
    documents: answer.documents.rows.map((r) => ({
      key: keyOf(r.entity, r.invoice_a, r.source_a, r.invoice_b, r.source_b),
      entity: r.entity,
      documentType: 'supplier_invoice',
      documentId: r.invoice_b,
      status: r.status === 'paid' ? 'already paid' : 'before payment',
      currency: r.currency,
      amount: r.amount,
      counterparty: counterpartyOf(r),
      since: r.time_b,
      dueAt: r.time_a,
      detail: `looks like ${r.invoice_a} (${r.reference_a} vs ${r.reference_b}, distance ${r.distance})`,
      timelineHref: timelinePath(r.entity, 'supplier_invoice', r.invoice_b),
    })),
    hasMore: answer.documents.hasMore,
  };
}

const receivablesKindLabel: Record<string, string> = { misaligned: 'promise exceeds receivables', broken_promise: 'broken promise' };

export function fromReceivablesMisalignment(answer: Mapped<ReceivablesMisalignmentAnswer>): MetricView {
  return {
    reporting: reportingOf(answer),
    computedAt: computedAtOf(answer),
    metric: 'receivables-misalignment',
    totals: toMoneyTotals(answer.totals.map((t) => ({ currency: t.currency, amount: t.amount, count: t.count }))),
    breakdowns: [
      { title: 'By kind', rows: answer.totals.map((r) => ({ label: receivablesKindLabel[r.kind] ?? r.kind, currency: r.currency, count: r.count, amount: r.amount })) },
      { title: 'By entity', rows: answer.byEntity.map((r) => ({ label: `${r.entity} · ${receivablesKindLabel[r.kind] ?? r.kind}`, currency: r.currency, count: r.count, amount: r.amount })) },
      { title: 'Broken promises by days overdue', rows: answer.byAging.map((r) => ({ label: r.bucket, currency: r.currency, count: r.count, amount: r.amount })) },
    ],
    documents: answer.documents.rows.map((r) => {
      const invoice = r.invoice_ids[0];
      return {
        key: keyOf(r.kind, r.entity, r.counterparty_id, r.currency, r.commitment_ids.join(',')),
        entity: r.entity,
        documentType: invoice ? 'customer_invoice' : 'customer',
        documentId: invoice ?? r.counterparty_id,
        status: receivablesKindLabel[r.kind] ?? r.kind,
        currency: r.currency,
        amount: r.difference,
        counterparty: counterpartyOf(r),
        since: `${r.promised_date} 00:00:00.000`,
        dueAt: `${r.promised_date} 00:00:00.000`,
        detail: `committed ${r.committed}, open ${r.open_receivables}${r.received === null ? '' : `, received ${r.received}`}${r.days_overdue === null ? '' : `, ${r.days_overdue} days overdue`}`,
        timelineHref: invoice ? timelinePath(r.entity, 'customer_invoice', invoice) : entityPath(r.entity),
      };
    }),
    hasMore: answer.documents.hasMore,
  };
}
