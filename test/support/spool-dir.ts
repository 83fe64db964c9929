// Temporary spool directories and raw spool lines for tests of the spool and flusher. Lines are
// `<table>\t<row>\n` as the spool stores them; the spool itself never parses the row.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { SpoolPosition } from '../../ingest/spool/spool-position.ts';
import type { Spool } from '../../ingest/spool/spool.ts';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh directory, removed after the current test. */
export async function tempSpoolDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cw-test-spool-'));
  made.push(dir);
  return dir;
}

/** One spool line whose row is `{"n":<n>}` padded with `pad` characters. */
export function spoolLine(n: number, pad = 0): string {
  return `spans\t${JSON.stringify({ n, pad: 'x'.repeat(pad) })}\n`;
}

/** The segment files in a spool directory, in order. */
export async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.startsWith('segment-')).sort();
}

/** Everything durable in the spool from `from` on, read batch by batch as the flusher does. */
export async function readSpool(spool: Spool, from: SpoolPosition = { segment: 1, offset: 0 }, maxBytes = 1 << 20): Promise<string> {
  const parts: Buffer[] = [];
  let position = from;
  for (let read = await spool.read(position, maxBytes); read; read = await spool.read(position, maxBytes)) {
    parts.push(read.data);
    position = read.to;
  }
  return Buffer.concat(parts).toString('utf8');
}
