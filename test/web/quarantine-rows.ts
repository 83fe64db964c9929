// Sample quarantine.list rows for web tests, shaped exactly as the API returns them.
import type { QuarantineApiRow } from '../../web/src/quarantine/quarantine-record.ts';

export function quarantineRow(overrides: Partial<QuarantineApiRow> = {}): QuarantineApiRow {
  return {
    quarantine_id: '94ba0c67-8882-48c3-b0fa-29523d1ed0df',
    received_at: '2026-11-26 06:32:15.930',
    channel: 'events',
    source: 'ap/coupa-eu',
    event_id: 'INV-DE01-1~bad',
    event_type: 'finance.invoice.received',
    api_key_prefix: 'adf0fb7459b5',
    raw: '{"specversion":"1.0","id":"INV-DE01-1~bad","data":{"amount":1250.5,"currency":"EUR"}}',
    error_paths: ['data.amount'],
    error_messages: ['must be a decimal string such as "1250.00" (got number); JSON numbers lose cents'],
    status: 'quarantined',
    status_at: '2026-11-26 06:32:15.930',
    version: '1795674735930',
    ...overrides,
  };
}
