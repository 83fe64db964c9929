// The watched bank inbox: files dropped in are taken like uploads and moved to processed/
// or failed/ with a reason file; duplicates add nothing; files still being written wait.
import { copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBankInbox, type BankInbox, type InboxResult } from '../../ingest/bank-files/bank-inbox.ts';
import { startBankIngest, type BankIngest } from './support/bank-ingest.ts';
import { fixture } from './support/read-bank-file.ts';

let bank: BankIngest;
let inbox: BankInbox;
let dir: string;
const results: InboxResult[] = [];

beforeAll(async () => {
  bank = await startBankIngest();
  // Not <dataDir>/bank-inbox: once wired, the ingest service watches that one itself.
  dir = join(bank.ingest.dataDir, 'test-bank-inbox');
  // A file already waiting when the inbox starts is taken too.
  await mkdir(dir, { recursive: true });
  await copyFile(fixture('pain002_001_10_partial.xml'), join(dir, 'waiting.xml'));
  inbox = startBankInbox({ dir, spool: bank.spool, registry: bank.registry, workDir: bank.workDir, entity: 'DE01', settleMs: 100, onResult: (r) => results.push(r) });
  await inbox.ready;
});
afterAll(async () => {
  await inbox?.close();
  await bank?.close();
});

async function resultFor(name: string, nth = 1): Promise<InboxResult> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = results.filter((r) => r.file.endsWith(`/${name}`));
    if (found.length >= nth && found[nth - 1]!.outcome !== 'retry') return found[nth - 1]!;
    if (Date.now() > deadline) throw new Error(`inbox did not handle ${name}; results: ${JSON.stringify(results.map((r) => [r.file, r.outcome]))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('takes a file that was waiting before it started', async () => {
  const result = await resultFor('waiting.xml');
  expect(result).toMatchObject({ outcome: 'processed', movedTo: join(dir, 'processed', 'waiting.xml') });
});

it('moves a processed file to processed/ with its result next to it, and stores it', async () => {
  await copyFile(fixture('camt053_001_02_two_statements.xml'), join(dir, 'statement.xml'));
  const result = await resultFor('statement.xml');
  expect(result.outcome).toBe('processed');
  const reason = await readFile(join(dir, 'processed', 'statement.xml.reason.txt'), 'utf8');
  expect(reason).toContain('status: processed');
  expect(reason).toContain('passed balance');
  await bank.drained();
  const rows = await bank.query("SELECT channel, file_name, entity, entries FROM bank_files FINAL WHERE file_name = 'statement.xml'");
  expect(rows).toEqual([{ channel: 'inbox', file_name: 'statement.xml', entity: 'DE01', entries: 9 }]);
});

it('moves a malformed file to failed/ with the reason, and quarantines it', async () => {
  await copyFile(fixture('mt940_malformed_line.sta'), join(dir, 'bad.sta'));
  const result = await resultFor('bad.sta');
  expect(result.outcome).toBe('failed');
  expect(await readdir(join(dir, 'failed'))).toEqual(['bad.sta', 'bad.sta.reason.txt']);
  expect(await readFile(join(dir, 'failed', 'bad.sta.reason.txt'), 'utf8')).toContain('refused: line 7 (:61:): amount "12.500,00"');
  await bank.drained();
  const [kept] = await bank.query("SELECT channel, error_paths FROM quarantine FINAL WHERE event_id = {id:String}", { id: result.refusal!.file_id });
  expect(kept).toEqual({ channel: 'bank-files', error_paths: ['line 7 (:61:)'] });
});

it('adds nothing for the same file dropped again, and keeps both names apart', async () => {
  await bank.drained();
  const [before] = await bank.query<{ n: string }>('SELECT count() AS n FROM bank_statement_entries');
  await copyFile(fixture('camt053_001_02_two_statements.xml'), join(dir, 'statement.xml'));
  const result = await resultFor('statement.xml', 2);
  expect(result).toMatchObject({ outcome: 'duplicate', movedTo: join(dir, 'processed', 'statement.1.xml') });
  expect(await readFile(`${result.movedTo}.reason.txt`, 'utf8')).toMatch(/^duplicate: this file was already processed/);
  await bank.drained();
  const [after] = await bank.query<{ n: string }>('SELECT count() AS n FROM bank_statement_entries');
  expect(after).toEqual(before);
});

it('waits for a file still being written under a temporary name', async () => {
  const part = join(dir, 'late.xml.part');
  await writeFile(part, await readFile(fixture('camt054_001_08_batched_credit.xml')));
  await new Promise((r) => setTimeout(r, 400));
  expect(results.some((r) => r.file.includes('late.xml'))).toBe(false);
  await rename(part, join(dir, 'late.xml'));
  expect((await resultFor('late.xml')).outcome).toBe('processed');
});

it('creates its folders when they do not exist yet', async () => {
  const fresh = join(bank.ingest.dataDir, 'fresh-inbox');
  const own: InboxResult[] = [];
  const second = startBankInbox({ dir: fresh, spool: bank.spool, registry: bank.registry, workDir: bank.workDir, settleMs: 100, onResult: (r) => own.push(r) });
  try {
    await second.ready;
    await copyFile(fixture('pain002_001_03_rejects.xml'), join(fresh, 'status.xml'));
    for (let i = 0; i < 200 && own.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(own.map((r) => [r.outcome, r.movedTo])).toEqual([['processed', join(fresh, 'processed', 'status.xml')]]);
  } finally {
    await second.close();
  }
});
