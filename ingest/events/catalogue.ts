// The event type catalogue: which types exist, which document they belong to and which
// data fields each requires. Unknown types are quarantined, never guessed.

export type Area = 'ap' | 'payments' | 'o2c' | 'bank' | 'treasury' | 'masterdata' | 'integration';

export interface EventTypeSpec {
  area: Area;
  /** document_type used when the event does not name one. */
  defaultDocumentType: string;
  /** data fields that must be present (beyond entity and document_id). */
  required: readonly string[];
  /** The event has no document of its own; document_id is derived (see derivedDocumentId). */
  derivedDocument?: boolean;
}

const money = ['amount', 'currency'] as const;

const spec = (area: Area, defaultDocumentType: string, required: readonly string[] = [], derivedDocument = false): EventTypeSpec => ({
  area,
  defaultDocumentType,
  required,
  derivedDocument,
});

export const catalogue: Readonly<Record<string, EventTypeSpec>> = {
  'finance.invoice.received': spec('ap', 'supplier_invoice', [...money, 'counterparty_id']),
  'finance.invoice.approved': spec('ap', 'supplier_invoice'),
  'finance.invoice.rejected': spec('ap', 'supplier_invoice'),
  'finance.invoice.posted': spec('ap', 'supplier_invoice'),
  'finance.invoice.scheduled': spec('ap', 'supplier_invoice'),
  'finance.invoice.cancelled': spec('ap', 'supplier_invoice'),
  'finance.payment.released': spec('payments', 'payment', money),
  'finance.payment.sent': spec('payments', 'payment'),
  'finance.payment.acknowledged': spec('payments', 'payment'),
  'finance.payment.settled': spec('payments', 'payment'),
  'finance.payment.rejected': spec('payments', 'payment', ['reason_code']),
  'finance.payment.returned': spec('payments', 'payment', ['reason_code']),
  'finance.payment.held': spec('payments', 'payment'),
  'finance.payment.hold_released': spec('payments', 'payment'),
  'finance.customer_invoice.issued': spec('o2c', 'customer_invoice', [...money, 'counterparty_id']),
  'finance.customer_invoice.disputed': spec('o2c', 'customer_invoice'),
  'finance.customer_invoice.written_off': spec('o2c', 'customer_invoice'),
  'finance.collection.commitment': spec('o2c', 'collection_commitment', [...money, 'counterparty_id', 'promised_date']),
  'finance.collection.milestone': spec('o2c', 'collection_commitment'),
  'finance.receipt.received': spec('o2c', 'receipt', money),
  'finance.receipt.applied': spec('o2c', 'receipt'),
  'finance.customer.credit_hold': spec('o2c', 'customer', ['counterparty_id'], true),
  'finance.customer.credit_released': spec('o2c', 'customer', ['counterparty_id'], true),
  'finance.bank_entry.booked': spec('bank', 'bank_entry', [...money, 'account', 'credit_debit', 'value_date']),
  'finance.bank_entry.pending': spec('bank', 'bank_entry', [...money, 'account', 'credit_debit']),
  'finance.forecast.updated': spec('treasury', 'forecast', [...money, 'bucket_date', 'category', 'direction'], true),
  'finance.balance.reported': spec('treasury', 'balance', [...money, 'account', 'balance_date', 'balance_type'], true),
  'finance.fx.rate': spec('treasury', 'fx_rate', ['base_currency', 'quote_currency', 'rate', 'rate_date'], true),
  'masterdata.supplier.changed': spec('masterdata', 'supplier', ['counterparty_id'], true),
  'masterdata.customer.changed': spec('masterdata', 'customer', ['counterparty_id'], true),
  'masterdata.bank_account.changed': spec('masterdata', 'bank_account', ['account'], true),
  'integration.message.received': spec('integration', 'integration_message', ['flow', 'message_id'], true),
  'integration.message.delivered': spec('integration', 'integration_message', ['flow', 'message_id'], true),
  'integration.message.failed': spec('integration', 'integration_message', ['flow', 'message_id'], true),
  'integration.message.retried': spec('integration', 'integration_message', ['flow', 'message_id'], true),
  'integration.message.dead_lettered': spec('integration', 'integration_message', ['flow', 'message_id'], true),
};

export const eventTypes = Object.keys(catalogue);

/** document_id for events that describe something other than a finance document. */
export function derivedDocumentId(type: string, data: Record<string, unknown>): string {
  const s = (k: string) => (typeof data[k] === 'string' ? (data[k] as string) : '');
  switch (catalogue[type]?.defaultDocumentType) {
    case 'forecast':
      return `${s('currency')}/${s('bucket_date')}/${s('category')}/${s('direction')}`;
    case 'balance':
      return `${s('account')}/${s('balance_date')}/${s('balance_type')}`;
    case 'fx_rate':
      return `${s('base_currency')}/${s('quote_currency')}/${s('rate_date')}`;
    case 'integration_message':
      return `${s('flow')}/${s('message_id')}`;
    case 'bank_account':
      return s('account');
    default:
      return s('counterparty_id');
  }
}
