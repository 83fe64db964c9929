// Builders for valid finance CloudEvents, so a test states only what it is about.

let counter = 0;

export function invoiceEvent(overrides: { id?: string; source?: string; type?: string; time?: string; data?: Record<string, unknown> } = {}) {
  counter += 1;
  return {
    specversion: '1.0',
    id: overrides.id ?? `ap-${process.pid}-${counter}`,
    source: overrides.source ?? 'ap/coupa-eu',
    type: overrides.type ?? 'finance.invoice.received',
    time: overrides.time ?? '2026-11-20T10:15:00Z',
    subject: 'INV-2026-000123',
    data: {
      entity: 'DE01',
      document_type: 'supplier_invoice',
      document_id: 'INV-2026-000123',
      counterparty_id: 'SUP-0042',
      counterparty_name: 'Müller GmbH',
      amount: '12500.00',
      currency: 'EUR',
      due_date: '2026-12-20',
      reference: 'RF18539007547034',
      ...overrides.data,
    },
  };
}
