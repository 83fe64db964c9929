// Segment rollover: once the active segment reaches segmentBytes the next write starts a new
// file; reading walks across segments in order, and a reopened spool continues in the last one.
import { expect, it } from 'vitest';
import { Spool } from '../../../ingest/spool/spool.ts';
import { readSpool, segmentFiles, spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';

it('rolls to new segments and reads across them in order', async () => {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 100 });
  const lines = Array.from({ length: 12 }, (_, n) => spoolLine(n, 20));
  for (const line of lines) await spool.append(Buffer.from(line));

  const files = await segmentFiles(dir);
  expect(files.length).toBeGreaterThanOrEqual(4);
  expect(spool.end.segment).toBe(files.length);
  expect(await readSpool(spool, { segment: 1, offset: 0 }, 64)).toBe(lines.join(''));
  expect(spool.unflushedBytes).toBe(lines.join('').length);
  await spool.close();

  const reopened = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 100 });
  expect(reopened.end.segment).toBe(files.length);
  await reopened.append(Buffer.from(spoolLine(99)));
  expect(await readSpool(reopened)).toBe(lines.join('') + spoolLine(99));
  await reopened.close();
});

it('never splits one group write across segments', async () => {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 50 });
  const lines = Array.from({ length: 40 }, (_, n) => spoolLine(n));
  await Promise.all(lines.map((line) => spool.append(Buffer.from(line))));
  const batches: string[] = [];
  for (let from = { segment: 1, offset: 0 }, read = await spool.read(from, 1 << 20); read; read = await spool.read(from, 1 << 20)) {
    expect(read.from.segment).toBe(read.to.segment);
    batches.push(read.data.toString());
    from = read.to;
  }
  expect(batches.join('')).toBe(lines.join(''));
  await spool.close();
});
