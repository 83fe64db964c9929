// The link rows read so far for one entity, combined as the engine combines them when it
// merges (min first_time, max latest, max bank_match) and asked the questions a hop asks.
// Which ids have been read is kept too: a hop may only use what is known.
import type { DocumentKey, DocumentLinkRow } from '../../sql/queries/document-timeline-links.sql.ts';
import { compareTuples } from './byte-order.ts';

export interface Neighbour {
  document_type: string;
  document_id: string;
}

export interface Match extends Neighbour {
  rule: string;
  withinTolerance: boolean;
}

const sep = '\u0000';
const groupKey = (id: string, type: string, link: string) => [id, type, link].join(sep);

export class LinkIndex {
  /** (document_id, document_type, link) → (other_type, other_id) → row. */
  private readonly rows = new Map<string, Map<string, DocumentLinkRow>>();
  /** Ids whose link rows were all read. */
  private readonly linksRead = new Set<string>();
  /** Ids whose documents (and their types) are known. */
  private readonly typesKnown = new Map<string, Set<string>>();

  constructor(private readonly asOf: string | undefined) {}

  /** Adds every link row of these ids (as stored or combined: combining again changes nothing). */
  addLinks(ids: string[], rows: DocumentLinkRow[]): void {
    for (const id of ids) {
      this.linksRead.add(id);
      if (!this.typesKnown.has(id)) this.typesKnown.set(id, new Set());
    }
    for (const row of rows) {
      const group = this.rows.get(groupKey(row.document_id, row.document_type, row.link)) ?? new Map<string, DocumentLinkRow>();
      this.rows.set(groupKey(row.document_id, row.document_type, row.link), group);
      const other = row.other_type + sep + row.other_id;
      const seen = group.get(other);
      group.set(other, seen ? combine(seen, row) : row);
      if (row.link === 'document') this.typesKnown.get(row.document_id)?.add(row.document_type);
    }
  }

  /** Records which documents these ids have, found some other way (their events). */
  addDocuments(ids: string[], documents: Neighbour[]): void {
    for (const id of ids) if (!this.typesKnown.has(id)) this.typesKnown.set(id, new Set());
    for (const d of documents) this.typesKnown.get(d.document_id)?.add(d.document_type);
  }

  hasLinksOf(id: string): boolean {
    return this.linksRead.has(id);
  }

  /** The types of the documents of this id, or undefined when not known yet. */
  typesOf(id: string): string[] | undefined {
    const types = this.typesKnown.get(id);
    return types && [...types];
  }

  /** The document's current correlation_id: the one named by its latest event, by (time, source, id). */
  correlationOf(key: DocumentKey): string | undefined {
    let best: DocumentLinkRow | undefined;
    for (const row of this.of(key.document_id, key.document_type, 'correlation')) {
      if (!best || compareTuples(row.latest, best.latest) > 0) best = row;
    }
    return best?.other_id;
  }

  /** Documents that named this id as their correlation_id by asOf. */
  childrenOf(id: string): Neighbour[] {
    return this.of(id, '', 'correlation_child')
      .filter((r) => this.asOf === undefined || r.first_time <= this.asOf)
      .map((r) => ({ document_type: r.other_type, document_id: r.other_id }));
  }

  /** The document's bank matches whose evidence is known by asOf. */
  matchesOf(key: DocumentKey): Match[] {
    return this.of(key.document_id, key.document_type, 'bank_match')
      .filter((r) => this.asOf === undefined || r.bank_match[3] <= this.asOf)
      .map((r) => ({ document_type: r.other_type, document_id: r.other_id, rule: r.bank_match[1], withinTolerance: Number(r.bank_match[2]) === 1 }));
  }

  private of(id: string, type: string, link: DocumentLinkRow['link']): DocumentLinkRow[] {
    return [...(this.rows.get(groupKey(id, type, link))?.values() ?? [])];
  }
}

function combine(a: DocumentLinkRow, b: DocumentLinkRow): DocumentLinkRow {
  return {
    ...a,
    first_time: a.first_time <= b.first_time ? a.first_time : b.first_time,
    latest: compareTuples(a.latest, b.latest) >= 0 ? a.latest : b.latest,
    bank_match: compareTuples(bankMatchTuple(a), bankMatchTuple(b)) >= 0 ? a.bank_match : b.bank_match,
  };
}

const bankMatchTuple = (r: DocumentLinkRow) => [r.bank_match[0], r.bank_match[1], Number(r.bank_match[2]), r.bank_match[3]];
