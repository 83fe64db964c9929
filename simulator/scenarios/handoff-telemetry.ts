// Telemetry of a middleware hand-off: OTLP spans for flows that are instrumented, and
// integration.message.* events for the bank connector that is not. Randomness here comes
// from the message's own id, so it never disturbs a document's lifecycle stream.
import { MINUTE } from '../company/business-clock.ts';
import type { IntegrationFlow } from '../company/integration-flows.ts';
import { rngFor, type Rng } from '../company/prng.ts';
import type { SimContext } from '../engine/sim-context.ts';
import type { SimSpan } from '../sim-event.ts';
import { cloudEvent } from './cloud-event.ts';

export interface CarriedDocument {
  entity: string;
  documentType: string;
  documentId: string;
}

const hex = (rng: Rng, words: number) => {
  let out = '';
  for (let i = 0; i < words; i++) out += (Math.floor(rng.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return out;
};

/** The spans of one hand-off ending at deliveredMs: the flow span and its delivery attempt(s). */
export function handoffSpans(flow: IntegrationFlow, doc: CarriedDocument, deliveredMs: number, key: string, afterOutage: boolean): SimSpan[] {
  const rng = rngFor('span', key);
  const traceId = hex(rng, 4);
  const rootId = hex(rng, 2);
  const startMs = deliveredMs - rng.int(40, rng.chance(0.05) ? 30_000 : 2_500);
  const attributes = {
    'integration.flow': flow.name,
    'finance.document_id': doc.documentId,
    'finance.entity': doc.entity,
    'finance.document_type': doc.documentType,
    'messaging.system': flow.messagingSystem,
  };
  const spans: SimSpan[] = [{ traceId, spanId: rootId, name: `${flow.name} process`, kind: 'consumer', startMs, endMs: deliveredMs, ok: true, service: flow.source, attributes: { ...attributes, 'messaging.operation': 'process' } }];
  let attemptStart = startMs + rng.int(2, 20);
  if (afterOutage || rng.chance(0.02)) {
    const failedEnd = Math.min(attemptStart + rng.int(5, 1_000), deliveredMs - 2);
    spans.push({
      traceId, spanId: hex(rng, 2), parentSpanId: rootId, name: `${flow.name} deliver to ${flow.to}`, kind: 'client',
      startMs: attemptStart, endMs: failedEnd, ok: false, statusMessage: afterOutage ? `${flow.to} endpoint unavailable` : `HTTP 503 from ${flow.to}`,
      service: flow.source, attributes: { ...attributes, 'messaging.operation': 'publish' },
    });
    attemptStart = failedEnd + 1;
  }
  spans.push({
    traceId, spanId: hex(rng, 2), parentSpanId: rootId, name: `${flow.name} deliver to ${flow.to}`, kind: 'client',
    startMs: attemptStart, endMs: deliveredMs, ok: true, service: flow.source, attributes: { ...attributes, 'messaging.operation': 'publish', 'integration.retry': String(spans.length > 1) },
  });
  return spans;
}

/**
 * integration.message.* events for one message through an event-reporting flow, from
 * atMs on: received, then delivered — or, if lost, failed twice and dead-lettered.
 */
export function emitMessageEvents(ctx: SimContext, flow: IntegrationFlow, doc: CarriedDocument, messageId: string, atMs: number, lost: boolean, afterOutage: boolean): void {
  const rng = rngFor(ctx.seed, 'message', messageId);
  const data = { entity: doc.entity, flow: flow.name, message_id: messageId, correlation_id: doc.documentId };
  let t = atMs + rng.int(2_000, 90_000);
  const send = (stage: string, extra: Record<string, string> = {}) => {
    ctx.emit(t, cloudEvent(flow.source, `${messageId}.${stage}`, `integration.message.${stage.replace(/-\d$/, '')}`, t, doc.documentId, { ...data, ...extra }));
  };
  send('received');
  if (lost) {
    t += rng.int(1_000, 20_000);
    send('failed', { reason_code: 'SCHEMA_MISMATCH' });
    t += 5 * MINUTE;
    send('retried');
    t += rng.int(1_000, 20_000);
    send('failed-2', { reason_code: 'SCHEMA_MISMATCH' });
    t += rng.int(1_000, 5_000);
    send('dead_lettered', { reason_code: 'MAX_RETRIES' });
    return;
  }
  if (afterOutage || rng.chance(0.02)) {
    t += rng.int(500, 5_000);
    send('failed', { reason_code: afterOutage ? 'ENDPOINT_UNAVAILABLE' : 'HTTP_503' });
    t += rng.int(1_000, 60_000);
    send('retried');
  }
  t += rng.int(200, 20_000);
  send('delivered');
}
