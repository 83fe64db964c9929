// What the document timeline page draws, independent of the API's exact rows: the document's
// facts, related documents, events, spans and stages (times as epoch milliseconds).
import type { StageInput, WaterfallEventInput, WaterfallSpanInput } from './waterfall.ts';

export interface TimelineDocument {
  entity: string;
  documentType: string;
  documentId: string;
  stage: string;
  amount: string | null;
  currency: string;
  counterparty: string;
}

export interface RelatedDocument {
  entity: string;
  documentType: string;
  documentId: string;
  /** How it relates, e.g. "payment of", "bank entry". */
  relation: string;
}

export interface TimelineData {
  document: TimelineDocument | null;
  /** The entity's time zone, when the API said it. */
  timeZone: string | null;
  /** Lists the API cut short. */
  truncated: string[];
  related: RelatedDocument[];
  events: WaterfallEventInput[];
  spans: WaterfallSpanInput[];
  stages: StageInput[];
}
