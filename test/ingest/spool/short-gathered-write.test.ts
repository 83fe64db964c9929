// Appends that share one gathered write (writev) of several buffers: when the kernel takes only
// part of it, the rest is written before any of them is acknowledged, in call order.
import type { FileHandle } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { Spool } from '../../../ingest/spool/spool.ts';
import { readSpool, spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';

/** Every gathered write on the active segment takes only the first buffer and half of the second. */
function shortGatheredWrites(spool: Spool): { shortened: number } {
  const handle = (spool as unknown as { active: { handle: FileHandle } }).active.handle;
  const writev = handle.writev.bind(handle);
  const seen = { shortened: 0 };
  (handle as { writev: unknown }).writev = (buffers: Buffer[]) => {
    if (buffers.length < 2) return writev(buffers);
    seen.shortened++;
    return writev([buffers[0]!, buffers[1]!.subarray(0, Math.floor(buffers[1]!.length / 2))]);
  };
  return seen;
}

it('writes the rest of a short gathered write before acknowledging', async () => {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 1 << 20 });
  await spool.append(Buffer.from(spoolLine(0))); // opens the file; the next appends queue behind each other
  const seen = shortGatheredWrites(spool);
  const lines = Array.from({ length: 20 }, (_, n) => spoolLine(n + 1, n * 7));
  await Promise.all(lines.map((line) => spool.append(Buffer.from(line))));
  expect(seen.shortened).toBeGreaterThan(0);
  expect(await readSpool(spool)).toBe(spoolLine(0) + lines.join(''));
  await spool.close();
  const reopened = await Spool.open({ dir, maxBytes: 1 << 20 });
  expect(await readSpool(reopened)).toBe(spoolLine(0) + lines.join(''));
  await reopened.close();
});
