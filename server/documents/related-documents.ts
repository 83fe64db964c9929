// The documents around one document, found hop by hop (correlation both ways, payment
// matches): two hops reach invoice → payment → bank entry from either end. Bounded: at most
// `maxRelated` documents; `truncated` says some were left out.
//
// A hop from a set of documents (the frontier) takes their links — the documents naming one
// of them as correlation_id (correlation_child), the documents of each one's current
// correlation_id (correlation_parent), their bank matches (bank_match, or
// bank_match_partial outside tolerance) — distinct, ordered by (relation, entity,
// document_type, document_id), the first `linkLimit`; documents already seen are skipped.
//
// The walk runs on the link rows read so far (LinkIndex) and says what it still needs: the
// link rows of more ids, or — for the correlation parents of the last hop — only which
// documents an id has. It asks ahead: when a hop waits for a correlation parent, it asks for
// the ids the next hop starts from too.
import type { DocumentKey } from '../../sql/queries/document-timeline-links.sql.ts';
import { compareTuples } from './byte-order.ts';
import type { LinkIndex } from './link-index.ts';

export type Relation = 'correlation_child' | 'correlation_parent' | 'bank_match' | 'bank_match_partial';

export interface RelatedDocument extends DocumentKey {
  relation: Relation;
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

export type Walk =
  | { done: true; related: RelatedDocument[]; truncated: boolean }
  | { done: false; readLinks: string[] }
  | {
      done: false;
      readLinks: [];
      /** Ids of which only the documents are needed: the correlation parents of the last hop. */
      findDocuments: string[];
      /** The related documents are among these and the documents of findDocuments. */
      candidates: DocumentKey[];
    };

interface Link {
  key: DocumentKey;
  relation: Relation;
  rule: string;
  via: DocumentKey;
}

const keyOf = (k: DocumentKey) => `${k.entity}\u0000${k.document_type}\u0000${k.document_id}`;
const linkId = (l: Link) => [keyOf(l.key), l.relation, l.rule, keyOf(l.via)].join('\u0001');
const unique = (ids: string[]) => [...new Set(ids)];

/** The walk from `root` as far as the index allows. */
export function walkRelated(root: DocumentKey, index: LinkIndex): Walk {
  const seen = new Set([keyOf(root)]);
  const related: RelatedDocument[] = [];
  let frontier: DocumentKey[] = [root];
  let truncated = false;
  for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
    const missing = unique(frontier.map((f) => f.document_id).filter((id) => !index.hasLinksOf(id)));
    if (missing.length > 0) return { done: false, readLinks: missing };
    const hop = hopLinks(root.entity, frontier, index);
    if (hop.unresolvedParents.length > 0) {
      // Parents sort last: the hop's links are among the first known ones and the parents.
      const known = hop.links.slice(0, linkLimit).filter((l) => !seen.has(keyOf(l.key))).map((l) => l.key);
      if (depth < maxHops) return { done: false, readLinks: unique([...hop.unresolvedParents, ...known.map((k) => k.document_id)]) };
      return { done: false, readLinks: [], findDocuments: hop.unresolvedParents, candidates: [...related, ...known] };
    }
    const links = hop.links.slice(0, linkLimit);
    if (links.length >= linkLimit) truncated = true;
    const next: DocumentKey[] = [];
    for (const link of links) {
      if (seen.has(keyOf(link.key))) continue;
      if (related.length >= maxRelated) {
        truncated = true;
        break;
      }
      // A child's link names its parent by (entity, id); the parent is the frontier document of that id.
      const via = frontier.find((f) => f.entity === link.via.entity && f.document_id === link.via.document_id && (link.via.document_type === '' || f.document_type === link.via.document_type));
      seen.add(keyOf(link.key));
      related.push({ ...link.key, relation: link.relation, rule: link.rule, via: via ?? link.via, depth });
      next.push(link.key);
    }
    frontier = next;
  }
  return { done: true, related, truncated };
}

/** One hop's distinct links in hop order, and the correlation_ids whose documents are not known yet. */
function hopLinks(entity: string, frontier: DocumentKey[], index: LinkIndex): { links: Link[]; unresolvedParents: string[] } {
  const links = new Map<string, Link>();
  const add = (link: Link) => links.set(linkId(link), link);
  const unresolvedParents: string[] = [];
  for (const f of frontier) {
    for (const child of index.childrenOf(f.document_id)) {
      add({ key: { entity, ...child }, relation: 'correlation_child', rule: '', via: { entity, document_type: '', document_id: f.document_id } });
    }
    const parentId = index.correlationOf(f);
    if (parentId !== undefined) {
      const types = index.typesOf(parentId);
      if (types === undefined) unresolvedParents.push(parentId);
      for (const type of types ?? []) add({ key: { entity, document_type: type, document_id: parentId }, relation: 'correlation_parent', rule: '', via: f });
    }
    for (const m of index.matchesOf(f)) {
      add({
        key: { entity, document_type: m.document_type, document_id: m.document_id },
        relation: m.withinTolerance ? 'bank_match' : 'bank_match_partial',
        rule: m.rule,
        via: f,
      });
    }
  }
  const order = (l: Link) => [l.relation, l.key.entity, l.key.document_type, l.key.document_id];
  return { links: [...links.values()].sort((a, b) => compareTuples(order(a), order(b))), unresolvedParents: unique(unresolvedParents) };
}
