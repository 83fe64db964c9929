// What the simulator produces: CloudEvents as a source system would send them, raw
// malformed records, and middleware spans, each stamped with when it is delivered.
import type { FaultKind } from './fault-rates.ts';

/** A CloudEvents 1.0 structured event with a finance data object (all values strings). */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  /** Business time: when it happened in the source system (RFC 3339 with offset). */
  time: string;
  subject?: string;
  data: Record<string, string>;
}

export interface SimEvent {
  /** The event, or for a malformed record the raw text a broken source sent (one line). */
  event: CloudEvent | string;
  kind: 'event' | 'malformed' | 'duplicate';
  /** Delivery time (epoch ms): when the record reaches ingest; differs from business time when delayed. */
  at: number;
  /** The fault this record shows, where it shows one. */
  fault?: FaultKind;
}

/** A middleware span (converted to OTLP JSON by the player). */
export interface SimSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'internal' | 'consumer' | 'client';
  startMs: number;
  endMs: number;
  ok: boolean;
  statusMessage?: string;
  /** service.name of the reporting runtime. */
  service: string;
  attributes: Record<string, string>;
}
