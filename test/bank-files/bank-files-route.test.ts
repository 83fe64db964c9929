// POST /v1/bank-files against a real ingest and ClickHouse: the answer, what lands in
// finance_events and the bank tables, idempotent replays, visible exceptions, refusals kept
// in the quarantine with nothing half-ingested, auth, scope and size.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { ApiKeyStore, createApiKey } from '../../ingest/auth/api-key-store.ts';
import { bankFilesRoute } from '../../ingest/bank-files/bank-files.route.ts';
import { startBankIngest, type BankIngest } from './support/bank-ingest.ts';
import { fixture } from './support/read-bank-file.ts';

let bank: BankIngest;
beforeAll(async () => {
  bank = await startBankIngest();
});
afterAll(() => bank?.close());

const read = (name: string) => readFile(fixture(name));
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function count(table: string, fileId: string): Promise<number> {
  const [row] = await bank.query<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE file_id = {fileId:String}`, { fileId });
  return Number(row!.n);
}

async function eventCount(fileId: string): Promise<number> {
  const [row] = await bank.query<{ n: string }>("SELECT count() AS n FROM finance_events WHERE startsWith(id, {prefix:String})", { prefix: `${fileId.slice(0, 20)}:` });
  return Number(row!.n);
}

describe('a camt.053 with two statements', () => {
  let body: Buffer;
  let first: { status: number; body: any };
  beforeAll(async () => {
    body = await read('camt053_001_02_two_statements.xml');
    first = await bank.post(body, { query: 'entity=DE01&filename=camt053.xml' });
    await bank.drained();
  });

  it('answers the file id, type, version, counts and checks', () => {
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      file_id: sha(body),
      duplicate: false,
      type: 'camt.053',
      version: '001.02',
      message_id: 'CW-CAMT053-0001',
      status: 'processed',
      counts: { statements: 2, entries: 9, transactions: 11, balances: 5, events: 16 },
    });
    expect(first.body.checks.filter((c: any) => c.check === 'balance').map((c: any) => c.outcome)).toEqual(['passed', 'passed']);
  });

  it('lands its events in finance_events and its details in the bank tables', async () => {
    const fileId = sha(body);
    expect(await eventCount(fileId)).toBe(16);
    expect(await count('bank_statement_entries', fileId)).toBe(11);
    expect(await count('bank_balances', fileId)).toBe(5);
    expect(await count('bank_file_checks', fileId)).toBe(first.body.checks.length);
    const [file] = await bank.query('SELECT status, message_type, message_version, entity, file_name, channel, entries, checks_failed FROM bank_files FINAL WHERE file_id = {fileId:String}', { fileId });
    expect(file).toEqual({ status: 'processed', message_type: 'camt.053', message_version: '001.02', entity: 'DE01', file_name: 'camt053.xml', channel: 'http', entries: 9, checks_failed: 0 });
  });

  it('stores exact amounts and non-ASCII names', async () => {
    const rows = await bank.query(
      "SELECT toString(tx_amount) AS amount, counterparty_name, end_to_end_id FROM bank_statement_entries FINAL WHERE file_id = {fileId:String} AND entry_index = 2 AND statement_index = 1 ORDER BY tx_index",
      { fileId: sha(body) },
    );
    expect(rows).toEqual([
      { amount: '1000', counterparty_name: 'Société Générale SA', end_to_end_id: 'PAY-2026-0001' },
      { amount: '1250.5', counterparty_name: 'Øresund Shipping ApS', end_to_end_id: 'PAY-2026-0002' },
      { amount: '749.5', counterparty_name: 'Łódź Logistics Sp. z o.o.', end_to_end_id: 'PAY-2026-0003' },
    ]);
    const [event] = await bank.query("SELECT toString(amount) AS amount, counterparty_name, entity FROM finance_events WHERE id = {id:String}", { id: `${sha(body).slice(0, 20)}:s1:e1` });
    expect(event).toEqual({ amount: '12500', counterparty_name: 'Müller GmbH', entity: 'DE01' });
  });

  it('adds nothing when the same file comes again, and answers the same with duplicate: true', async () => {
    const fileId = sha(body);
    const before = [await eventCount(fileId), await count('bank_statement_entries', fileId), await count('bank_files', fileId)];
    const again = await bank.post(body, { query: 'entity=DE01&filename=camt053.xml' });
    const gzipped = await bank.post(body, { gzip: true });
    await bank.drained();
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect(gzipped.body).toMatchObject({ file_id: fileId, duplicate: true });
    expect([await eventCount(fileId), await count('bank_statement_entries', fileId), await count('bank_files', fileId)]).toEqual(before);
  });
});

it('takes a file once when it arrives twice at the same moment', async () => {
  const body = await read('camt054_001_08_batched_credit.xml');
  const answers = await Promise.all([bank.post(body), bank.post(body)]);
  expect(answers.map((a) => a.body.duplicate).sort()).toEqual([false, true]);
  await bank.drained();
  expect(await eventCount(sha(body))).toBe(2);
});

it('stores payment statuses with reason codes', async () => {
  const body = await read('pain002_001_03_rejects.xml');
  expect((await bank.post(body)).body).toMatchObject({ type: 'pain.002', counts: { statuses: 5 } });
  await bank.drained();
  const rows = await bank.query(
    "SELECT original_end_to_end_id, status, reason_code, reason_text FROM bank_payment_statuses FINAL WHERE file_id = {fileId:String} AND level = 'transaction' ORDER BY row_id",
    { fileId: sha(body) },
  );
  expect(rows.map((r: any) => [r.original_end_to_end_id, r.status, r.reason_code])).toEqual([
    ['PAY-2026-0001', 'ACSC', ''],
    ['PAY-2026-0002', 'RJCT', 'AC04'],
    ['PAY-2026-0003', 'RJCT', 'AM04'],
  ]);
  const [rejected] = await bank.query("SELECT document_id, JSONExtractString(data, 'reason_code') AS reason FROM finance_events WHERE type = 'finance.payment.rejected' AND document_id = 'PAY-2026-0002'");
  expect(rejected).toEqual({ document_id: 'PAY-2026-0002', reason: 'AC04' });
});

describe('a failed check', () => {
  it('processes the file with exceptions, stored and answered', async () => {
    const text = (await read('camt053_001_08_statement.xml')).toString('utf8').replace('<Amt Ccy="GBP">1400.00</Amt>', '<Amt Ccy="GBP">1399.00</Amt>');
    const res = await bank.post(text);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('processed_with_exceptions');
    expect(res.body.checks[0]).toMatchObject({ check: 'balance', outcome: 'failed', expected: '1399.00', actual: '1400.00' });
    await bank.drained();
    const fileId = sha(text);
    const failed = await bank.query("SELECT check_name, outcome, expected, actual FROM bank_file_checks FINAL WHERE file_id = {fileId:String} AND outcome = 'failed'", { fileId });
    expect(failed).toEqual([{ check_name: 'balance', outcome: 'failed', expected: '1399.00', actual: '1400.00' }]);
    const [file] = await bank.query('SELECT status, checks_failed FROM bank_files FINAL WHERE file_id = {fileId:String}', { fileId });
    expect(file).toEqual({ status: 'processed_with_exceptions', checks_failed: 1 });
  });
});

describe('a malformed file', () => {
  it('is refused whole with the element path and kept in the quarantine', async () => {
    const body = await read('camt053_001_02_malformed_amount.xml');
    const res = await bank.post(body);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ file_id: sha(body), path: 'Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt', error: expect.stringContaining('"1O.00" is not an amount') });
    await bank.drained();
    expect(await eventCount(sha(body))).toBe(0);
    expect(await count('bank_statement_entries', sha(body))).toBe(0);
    const [kept] = await bank.query("SELECT channel, error_paths, position(raw, 'CW-CAMT053-0001') > 0 AS has_raw FROM quarantine FINAL WHERE event_id = {fileId:String}", { fileId: sha(body) });
    expect(kept).toEqual({ channel: 'bank-files', error_paths: ['Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt'], has_raw: 1 });
    const [file] = await bank.query('SELECT status, error_path FROM bank_files FINAL WHERE file_id = {fileId:String}', { fileId: sha(body) });
    expect(file).toEqual({ status: 'failed', error_path: 'Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt' });
  });

  it('MT940 is refused with its line number', async () => {
    const res = await bank.post(await read('mt940_malformed_line.sta'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ line: 7, path: 'line 7 (:61:)' });
  });

  it('is taken when sent again after the cause is fixed', async () => {
    const fixed = (await read('camt053_001_02_malformed_amount.xml')).toString('utf8').replace('>1O.00<', '>10.00<');
    expect((await bank.post(fixed)).body).toMatchObject({ status: 'processed', duplicate: false });
  });

  it('that is no bank file at all is refused with 400', async () => {
    const res = await bank.post('{"hello":"world"}');
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('neither an ISO 20022 XML document');
  });
});

describe('access and limits', () => {
  it('requires an API key', async () => {
    expect((await bank.post('x', { key: null })).status).toBe(401);
  });

  it('refuses a file for a bank outside the key scope, without ingesting it', async () => {
    const { key } = await createApiKey(bank.ingest.postgres.db, 'ap only', ['ap/*']);
    const body = await read('mt940_two_statements.sta');
    const res = await bank.post(body, { key });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('"bank/COBADEFF"');
    await bank.drained();
    expect(await eventCount(sha(body))).toBe(0);
  });

  it('refuses an entity that is not an entity code', async () => {
    expect((await bank.post('x', { query: 'entity=de%2001' })).status).toBe(400);
  });

  it('refuses a file over the size limit, also after decompression', async () => {
    const app = new Hono();
    app.post('/v1/bank-files', bankFilesRoute({ spool: bank.spool, keys: new ApiKeyStore(bank.ingest.postgres.db), registry: bank.registry, workDir: bank.workDir, maxFileBytes: 3000 }));
    app.onError((error: any, c) => c.json({ error: error.message }, error.status ?? 500));
    const body = await read('camt053_001_08_statement.xml');
    const send = (payload: Buffer, gzip: boolean) =>
      app.request('/v1/bank-files', { method: 'POST', headers: { authorization: `Bearer ${bank.ingest.key}`, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }, body: payload as BodyInit });
    expect((await send(body, false)).status).toBe(413);
    const zipped = await send(gzipSync(body), true);
    expect(zipped.status).toBe(413);
    expect(((await zipped.json()) as any).error).toContain('after gzip decompression');
  });
});
