// Built-in defaults for the finance settings: what Closewatch assumes until an admin says
// otherwise. Rows in PostgreSQL override them (per entity where the setting has one).
import type { SlaPolicy } from './finance-settings.ts';

export const defaultReportingCurrency = 'EUR';

export const defaultEntity = {
  timeZone: 'UTC',
  closeWorkingDays: 5,
  materiality: '0',
};

/** How long a document may stay in a stage before it counts as stuck. */
export const defaultSlaPolicies: SlaPolicy[] = [
  { documentType: 'supplier_invoice', stage: 'finance.invoice.received', entity: '*', amount: 2, unit: 'business_days' },
  { documentType: 'supplier_invoice', stage: 'finance.invoice.approved', entity: '*', amount: 1, unit: 'business_days' },
  { documentType: 'supplier_invoice', stage: 'finance.invoice.posted', entity: '*', amount: 3, unit: 'business_days' },
  { documentType: 'payment', stage: 'finance.payment.released', entity: '*', amount: 4, unit: 'hours' },
  { documentType: 'payment', stage: 'finance.payment.sent', entity: '*', amount: 1, unit: 'business_days' },
  { documentType: 'payment', stage: 'finance.payment.acknowledged', entity: '*', amount: 2, unit: 'business_days' },
  { documentType: 'payment', stage: 'finance.payment.held', entity: '*', amount: 1, unit: 'business_days' },
  { documentType: 'customer_invoice', stage: 'finance.customer_invoice.disputed', entity: '*', amount: 10, unit: 'business_days' },
  { documentType: 'receipt', stage: 'finance.receipt.received', entity: '*', amount: 2, unit: 'business_days' },
];

export const defaultMatching = {
  amountTolerance: '0.01',
  dateWindowDays: 3,
  receiptApplyDays: 2,
  confirmationSlaHours: 24,
  duplicateWindowDays: 30,
  duplicateMaxDistance: 2,
};
