// POST /v1/events over HTTP against a running ingest, then read ClickHouse: content types,
// mixed batches, exactly-once identity, auth, size, gzip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIngest, type TestIngest } from '../support/ingest.ts';
import { invoiceEvent } from '../support/finance-events.ts';

let ingest: TestIngest;
beforeAll(async () => {
  ingest = await startTestIngest({ INGEST_MAX_BODY_BYTES: String(64 * 1024) });
});
afterAll(() => ingest?.close());

async function storedCount(where: string, params: Record<string, unknown> = {}): Promise<number> {
  const rs = await ingest.clickhouse.ch.query({
    query: `SELECT uniqExact(source, id) AS n, count() AS rows FROM finance_events WHERE ${where}`,
    query_params: params,
    format: 'JSONEachRow',
  });
  const [row] = await rs.json<{ n: string }>();
  return Number(row!.n);
}

describe('accepted content types', () => {
  it('stores a single CloudEvent with its fields and exact amount', async () => {
    const event = invoiceEvent({ id: 'single-1', data: { amount: '1234567890.12' } });
    const res = await ingest.post(event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    await ingest.drained();
    const rs = await ingest.clickhouse.ch.query({
      query: "SELECT entity, document_id, amount, currency, toString(time) AS time FROM finance_events WHERE id = 'single-1'",
      format: 'JSONEachRow',
    });
    expect(await rs.json()).toEqual([{ entity: 'DE01', document_id: 'INV-2026-000123', amount: '1234567890.12', currency: 'EUR', time: '2026-11-20 10:15:00.000' }]);
  });

  it('stores a batch', async () => {
    const res = await ingest.post([invoiceEvent({ id: 'batch-1' }), invoiceEvent({ id: 'batch-2' })]);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0 });
    await ingest.drained();
    expect(await storedCount("id IN ('batch-1','batch-2')")).toBe(2);
  });

  it('stores NDJSON and rejects its unparseable line by index', async () => {
    const lines = [JSON.stringify(invoiceEvent({ id: 'nd-1' })), '{not json', JSON.stringify(invoiceEvent({ id: 'nd-2' }))].join('\n');
    const res = await ingest.post(lines, { contentType: 'application/x-ndjson', raw: true });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toHaveLength(1);
    expect(res.body.rejected[0].index).toBe(1);
    expect(res.body.rejected[0].errors[0].path).toBe('(record)');
    await ingest.drained();
    expect(await storedCount("id IN ('nd-1','nd-2')")).toBe(2);
  });

  it('accepts a gzip body', async () => {
    const res = await ingest.post([invoiceEvent({ id: 'gz-1' })], { gzip: true });
    expect(res.body.accepted).toBe(1);
    await ingest.drained();
    expect(await storedCount("id = 'gz-1'")).toBe(1);
  });
});

describe('mixed batches and the quarantine', () => {
  it('accepts the good, quarantines the bad with field paths', async () => {
    const bad = invoiceEvent({ id: 'mixed-bad', data: { amount: 12.5, currency: 'EURO' } });
    const res = await ingest.post([invoiceEvent({ id: 'mixed-good' }), bad, { ...invoiceEvent({ id: 'mixed-type' }), type: 'finance.invoice.teleported' }]);
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(1);
    const byIndex = Object.fromEntries(res.body.rejected.map((r: any) => [r.index, r]));
    expect(byIndex[1].id).toBe('mixed-bad');
    expect(byIndex[1].errors.map((e: any) => e.path).sort()).toEqual(['data.amount', 'data.currency']);
    expect(byIndex[2].errors).toEqual([{ path: 'type', message: expect.stringContaining('not in the event catalogue') }]);
    await ingest.drained();
    const rs = await ingest.clickhouse.ch.query({
      query: "SELECT event_id, error_paths, raw FROM quarantine FINAL WHERE event_id IN ('mixed-bad','mixed-type') ORDER BY event_id",
      format: 'JSONEachRow',
    });
    const rows = await rs.json<{ event_id: string; error_paths: string[]; raw: string }>();
    expect(rows.map((r) => r.event_id)).toEqual(['mixed-bad', 'mixed-type']);
    expect(JSON.parse(rows[0]!.raw).data.amount).toBe(12.5);
    expect(await storedCount("id LIKE 'mixed-%'")).toBe(1);
  });

  it('answers 422 when every record is rejected, 400 when nothing parses', async () => {
    const allBad = await ingest.post([{ ...invoiceEvent(), specversion: '0.3' }]);
    expect(allBad.status).toBe(422);
    expect(allBad.body.rejected[0].errors[0]).toEqual({ path: 'specversion', message: 'must be "1.0"' });
    const broken = await ingest.post('[{"id": ', { raw: true });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/not valid JSON/);
  });
});

describe('exactly once', () => {
  it('counts the same batch posted three times once', async () => {
    const batch = [invoiceEvent({ id: 'thrice-1' }), invoiceEvent({ id: 'thrice-2' })];
    const answers = [await ingest.post(batch), await ingest.post(batch), await ingest.post(batch)];
    expect(answers.map((a) => a.body.accepted)).toEqual([2, 0, 0]);
    expect(answers.map((a) => a.body.duplicates)).toEqual([0, 2, 2]);
    await ingest.drained();
    expect(await storedCount("id LIKE 'thrice-%'")).toBe(2);
  });

  it('counts one event sent in different batches once, even after the ingest forgot it', async () => {
    const event = invoiceEvent({ id: 'redelivered' });
    await ingest.post([event, invoiceEvent({ id: 'other-a' })]);
    // A fresh memory of recent identities (as after a restart): the row reaches ClickHouse twice.
    ingest.service.recent.clear();
    await ingest.post([invoiceEvent({ id: 'other-b' }), event]);
    await ingest.drained();
    expect(await storedCount("id = 'redelivered'")).toBe(1);
  });

  it('reports duplicates inside one batch', async () => {
    const event = invoiceEvent({ id: 'twin' });
    const res = await ingest.post([event, event]);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 1 });
  });
});

describe('refusals', () => {
  it('401 without or with a wrong key', async () => {
    expect((await ingest.post(invoiceEvent(), { key: null })).status).toBe(401);
    const wrong = await ingest.post(invoiceEvent(), { key: 'cwk_000000000000_' + 'x'.repeat(32) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/Bearer/);
  });

  it('403 when the key may not send for the source', async () => {
    const { createApiKey } = await import('../../ingest/auth/api-key-store.ts');
    const { key } = await createApiKey(ingest.postgres.db, 'ap only', ['ap/*']);
    const res = await ingest.post([invoiceEvent({ source: 'erp/sap' })], { key });
    expect(res.status).toBe(403);
    expect(res.body.rejected[0].errors[0].path).toBe('source');
    const ok = await ingest.post([invoiceEvent({ source: 'ap/basware' })], { key });
    expect(ok.status).toBe(200);
  });

  it('413 for a body over the limit, also after gzip', async () => {
    const huge = [invoiceEvent({ data: { counterparty_name: 'x'.repeat(200) } })];
    const many = Array.from({ length: 400 }, () => huge[0]);
    expect((await ingest.post(many)).status).toBe(413);
    expect((await ingest.post(many, { gzip: true })).status).toBe(413);
  });

  it('415 for an unsupported content type or encoding', async () => {
    expect((await ingest.post(invoiceEvent(), { contentType: 'text/plain' })).status).toBe(415);
  });
});
