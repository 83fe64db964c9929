// The documents around one document, found hop by hop (correlation both ways, payment
// matches): two hops reach invoice → payment → bank entry from either end. Bounded: at most
// `maxRelated` documents; `truncated` says some were left out.
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../../platform/clickhouse/sql-template.ts';
import { documentLinksSql, type DocumentKey, type DocumentLinkRow } from '../../sql/queries/document-timeline-links.sql.ts';

export interface RelatedDocument extends DocumentKey {
  relation: DocumentLinkRow['relation'];
  /** The rule of a bank match ('' otherwise). */
  rule: string;
  /** The document it was reached from. */
  via: DocumentKey;
  /** 1 = linked to the document itself, 2 = linked to a related document. */
  depth: number;
}

export const maxHops = 2;
export const maxRelated = 50;
/** One hop returns at most this many links (a hub document cannot flood the timeline). */
export const linkLimit = maxRelated * 4;

const keyOf = (k: DocumentKey) => `${k.entity}\u0000${k.document_type}\u0000${k.document_id}`;

/** Related documents of `root`, nearest first. */
export async function relatedDocuments(ch: ClickHouseClient, root: DocumentKey, asOf: string | undefined): Promise<{ related: RelatedDocument[]; truncated: boolean }> {
  const seen = new Map<string, DocumentKey>([[keyOf(root), root]]);
  const related: RelatedDocument[] = [];
  let frontier: DocumentKey[] = [root];
  let truncated = false;
  for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
    const links = await queryRows<DocumentLinkRow>(ch, documentLinksSql(frontier, asOf, linkLimit));
    if (links.length >= linkLimit) truncated = true;
    const next: DocumentKey[] = [];
    for (const link of links) {
      const key = { entity: link.entity, document_type: link.document_type, document_id: link.document_id };
      if (seen.has(keyOf(key))) continue;
      if (related.length >= maxRelated) {
        truncated = true;
        break;
      }
      const via = frontier.find((f) => f.entity === link.via_entity && f.document_id === link.via_id && (link.via_type === '' || f.document_type === link.via_type));
      seen.set(keyOf(key), key);
      related.push({ ...key, relation: link.relation, rule: link.rule, via: via ?? { entity: link.via_entity, document_type: link.via_type, document_id: link.via_id }, depth });
      next.push(key);
    }
    frontier = next;
  }
  return { related, truncated };
}
