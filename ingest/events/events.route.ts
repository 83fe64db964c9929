// POST /v1/events: authenticate, read, split into records, validate each, make the outcome
// durable in the spool, then answer with what was accepted, duplicated and rejected.
import { appendDurably } from '../spool/append-durably.ts';
import type { Context } from 'hono';
import type { ApiKeyStore } from '../auth/api-key-store.ts';
import { authenticate } from '../http/authenticate.ts';
import { HttpProblem } from '../http/http-problem.ts';
import { bodyKind, parseRecords, type ParsedRecord } from '../http/parse-records.ts';
import { readBody } from '../http/read-body.ts';
import { quarantineLine } from '../quarantine/quarantine-record.ts';
import type { Spool } from '../spool/spool.ts';
import { ingestMetrics } from '../telemetry/ingest-metrics.ts';
import { acceptRecords } from './accept-records.ts';
import type { RecentIdentities } from './recent-identities.ts';

export interface EventsRouteDeps {
  spool: Spool;
  keys: ApiKeyStore;
  recent: RecentIdentities;
  maxBodyBytes: number;
}

export function eventsRoute(deps: EventsRouteDeps) {
  return async (c: Context): Promise<Response> => {
    const principal = await authenticate(c.req.raw, deps.keys);
    const kind = bodyKind(c.req.header('content-type'));
    const body = await readBody(c.req.raw, deps.maxBodyBytes);
    const now = Date.now();
    let records: ParsedRecord[];
    try {
      records = parseRecords(kind, body);
    } catch (error) {
      if (error instanceof HttpProblem && error.status === 400) {
        // Nothing parsed: keep the body itself so it can be inspected and replayed.
        await appendDurably(deps.spool, [quarantineLine({ channel: 'events', raw: body.toString('utf8'), errors: [{ path: '(body)', message: error.message }], apiKeyPrefix: principal.prefix, receivedAtMs: now })]);
      }
      throw error;
    }
    const outcome = acceptRecords(records, principal, deps.recent, now);
    // Only the count is needed from here on: drop the array before waiting on the disk, so a
    // large batch's records are not kept alive while its lines are made durable.
    const recordCount = records.length;
    records = [];
    await appendDurably(deps.spool, outcome.lines);
    outcome.identities.forEach((key) => deps.recent.add(key));
    for (const [source, [accepted, rejected, duplicates]] of outcome.bySource) {
      if (accepted) ingestMetrics.record('accepted', source, accepted);
      if (rejected) ingestMetrics.record('rejected', source, rejected);
      if (duplicates) ingestMetrics.record('duplicate', source, duplicates);
    }
    const answer = { accepted: outcome.accepted, duplicates: outcome.duplicates, rejected: outcome.rejected };
    const nothingTaken = outcome.accepted === 0 && outcome.duplicates === 0;
    const status = !nothingTaken ? 200 : outcome.outOfScope === recordCount ? 403 : 422;
    return c.json(answer, status);
  };
}
