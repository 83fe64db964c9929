// One document's current state, as document_state keeps it (see 0004_document_state.sql),
// computed from the document's own event rows: the latest event by (time, source, id) gives
// the stage, each field its latest non-empty value. A document with more rows than a plain
// read takes is answered from document_state.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import { documentStateEventsSql, documentStateSql, type DocumentStateEventRow, type DocumentStateRow } from '../../sql/queries/document-state.sql.ts';
import { latestWith } from './latest-event.ts';
import { readLimits } from './timeline-reads.ts';

export interface DocumentStateInput {
  entity: string;
  documentType: string;
  documentId: string;
}

export async function documentState(ch: ClickHouseClient, input: DocumentStateInput): Promise<DocumentStateRow | null> {
  const rows = await queryRows<DocumentStateEventRow>(ch, documentStateEventsSql(input, readLimits.plainRows + 1));
  if (rows.length > readLimits.plainRows) {
    const [row] = await queryRows<DocumentStateRow>(ch, documentStateSql(input, { limit: 1, offset: 0 }));
    return row ?? null;
  }
  const last = latestWith(rows);
  if (!last) return null;
  const latest = (field: 'currency' | 'counterparty_id' | 'counterparty_name' | 'correlation_id' | 'reference') => latestWith(rows, (r) => r[field] !== '')?.[field] ?? '';
  const times = rows.map((r) => r.time).sort();
  return {
    entity: input.entity,
    document_type: input.documentType,
    document_id: input.documentId,
    stage: last.type,
    stage_entered_at: times.at(-1)!,
    first_event_at: times[0]!,
    last_received_at: rows.map((r) => r.received_at).sort().at(-1)!,
    amount: latestWith(rows, (r) => r.amount !== null)?.amount ?? null,
    currency: latest('currency'),
    counterparty_id: latest('counterparty_id'),
    counterparty_name: latest('counterparty_name'),
    correlation_id: latest('correlation_id'),
    reference: latest('reference'),
    sources: [...new Set(rows.map((r) => r.source))],
    events: String(new Set(rows.map((r) => `${r.source}\u0000${r.id}`)).size),
  };
}
