// Moves a spool's lines into ClickHouse for tests and the bench. With the bank tables in the
// flusher's allowlist this is the product's Flusher; until then, a minimal stand-in that
// inserts each table's lines the same way (JSONEachRow, rows unchanged).
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { Flusher } from '../../../ingest/spool/flusher.ts';
import { splitByTable } from '../../../ingest/spool/insert-bodies.ts';
import type { Spool } from '../../../ingest/spool/spool.ts';
import type { SpoolPosition } from '../../../ingest/spool/spool-position.ts';

/** Whether ingest/spool/flusher.ts already accepts the bank tables. */
export function flusherKnowsBankTables(): boolean {
  try {
    splitByTable(Buffer.from('bank_files\t{}\nbank_statement_entries\t{}\nbank_balances\t{}\nbank_payment_statuses\t{}\nbank_file_checks\t{}\n'));
    return true;
  } catch {
    return false;
  }
}

const positions = new WeakMap<Spool, SpoolPosition>();

/** Everything appended to the spool so far ends up in ClickHouse. */
export async function drainSpool(spool: Spool, ch: ClickHouseClient): Promise<void> {
  if (flusherKnowsBankTables()) {
    const flusher = new Flusher(spool, ch, { lingerMs: 0 });
    await flusher.start();
    try {
      await flusher.drained(120_000);
    } finally {
      await flusher.stop();
    }
    return;
  }
  let position = positions.get(spool) ?? { segment: 1, offset: 0 };
  for (;;) {
    const read = await spool.read(position, 8 * 1024 * 1024);
    if (!read) break;
    for (const [table, rows] of byTable(read.data)) {
      const result = await ch.exec({ query: `INSERT INTO ${table} FORMAT JSONEachRow`, values: Readable.from([Buffer.concat(rows)]) });
      result.stream.resume();
    }
    position = read.to;
  }
  positions.set(spool, position);
}

function byTable(data: Buffer): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  for (let start = 0; start < data.length; ) {
    const tab = data.indexOf(0x09, start);
    const newline = data.indexOf(0x0a, start);
    const table = data.toString('latin1', start, tab);
    if (!/^[a-z_]+$/.test(table)) throw new Error(`spool line names "${table.slice(0, 40)}"`);
    if (!out.has(table)) out.set(table, []);
    out.get(table)!.push(data.subarray(tab + 1, newline + 1));
    start = newline + 1;
  }
  return out;
}
