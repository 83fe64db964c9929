// Reads a bank file the way intake does (parser → events and rows) without a spool, so a
// test can look at every spool line the file would produce, by table.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankFileFormat } from '../../../ingest/bank-files/bank-file-model.ts';
import { BankFileRefusal } from '../../../ingest/bank-files/bank-file-model.ts';
import { BankFileOutput } from '../../../ingest/bank-files/bank-file-output.ts';
import { parseBankFile } from '../../../ingest/bank-files/parse-bank-file.ts';

export const fixtureDir = fileURLToPath(new URL('../../fixtures/bank-files/', import.meta.url));
export const fixture = (name: string) => join(fixtureDir, name);

export interface ReadBankFile {
  format: BankFileFormat;
  output: BankFileOutput;
  /** Rows spooled for a table, parsed. */
  rows(table: string): any[];
  /** finance_events rows with their data object parsed. */
  events(type?: string): any[];
}

export async function readBankFile(path: string, entity = 'DE01'): Promise<ReadBankFile> {
  const lines: string[] = [];
  const output = new BankFileOutput({
    ctx: { fileId: 'a'.repeat(64), fileKey: 'aaaa', entity },
    receivedAtMs: Date.parse('2026-11-26T10:00:00Z'),
    lines: { add: (line) => lines.push(line) },
    sourceAllowed: () => true,
  });
  const format = await parseBankFile(path, output, async () => undefined);
  const rows = (table: string) => lines.filter((l) => l.startsWith(`${table}\t`)).map((l) => JSON.parse(l.slice(table.length + 1)));
  return {
    format,
    output,
    rows,
    events: (type) => rows('finance_events').map((r) => ({ ...r, data: JSON.parse(r.data) })).filter((e) => !type || e.type === type),
  };
}

/** The refusal a file gets; fails the test if the file is taken. */
export async function refusalOf(path: string): Promise<BankFileRefusal> {
  try {
    await readBankFile(path);
  } catch (error) {
    if (error instanceof BankFileRefusal) return error;
    throw error;
  }
  throw new Error(`${path} was taken, expected a refusal`);
}
