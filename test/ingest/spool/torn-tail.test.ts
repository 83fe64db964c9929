// A crash can leave the last line of the active segment half written. It was never
// acknowledged, so opening the spool cuts it off, however long it is, and new appends start
// on a clean line boundary.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { segmentName } from '../../../ingest/spool/spool-position.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { readSpool, spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';

async function openWithSegment(content: string) {
  const dir = await tempSpoolDir();
  const path = join(dir, segmentName(1));
  await writeFile(path, content);
  return { path, spool: await Spool.open({ dir, maxBytes: 64 << 20 }) };
}

it('cuts a short torn last line', async () => {
  const whole = spoolLine(1) + spoolLine(2);
  const { path, spool } = await openWithSegment(whole + 'spans\t{"n":3,"pa');
  expect(spool.end).toEqual({ segment: 1, offset: whole.length });
  expect((await stat(path)).size).toBe(whole.length);
  await spool.append(Buffer.from(spoolLine(4)));
  expect(await readSpool(spool)).toBe(whole + spoolLine(4));
  await spool.close();
});

it('cuts a torn last line longer than a mebibyte (a quarantined raw body)', async () => {
  const whole = spoolLine(1);
  const torn = `quarantine\t{"raw":"${'x'.repeat(1536 * 1024)}`;
  const { path, spool } = await openWithSegment(whole + torn);
  expect(spool.end).toEqual({ segment: 1, offset: whole.length });
  await spool.append(Buffer.from(spoolLine(2)));
  expect(await readFile(path, 'utf8')).toBe(whole + spoolLine(2));
  await spool.close();
});

it('empties a segment that holds only a torn line', async () => {
  const { spool } = await openWithSegment(`spans\t{"n":1,"pad":"${'y'.repeat(2 << 20)}`);
  expect(spool.end).toEqual({ segment: 1, offset: 0 });
  expect(spool.unflushedBytes).toBe(0);
  await spool.close();
});
