// Release: once the flusher has a position in ClickHouse, segments wholly before it are
// deleted and no longer count as backlog; the active segment is never deleted.
import { expect, it } from 'vitest';
import { segmentName } from '../../../ingest/spool/spool-position.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { readSpool, segmentFiles, spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';

async function spoolOfSegments(count: number) {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 60 });
  for (let n = 0; spool.end.segment < count || spool.end.offset === 0; n++) await spool.append(Buffer.from(spoolLine(n, 40)));
  return { dir, spool };
}

it('deletes the segments before the released position and keeps the rest', async () => {
  const { dir, spool } = await spoolOfSegments(4);
  const third = await spool.read({ segment: 3, offset: 0 }, 1 << 20);
  const before = spool.unflushedBytes;
  await spool.release({ segment: 3, offset: 0 });
  expect(await segmentFiles(dir)).toEqual([segmentName(3), segmentName(4)]);
  expect(spool.unflushedBytes).toBeLessThan(before);
  expect((await readSpool(spool, { segment: 3, offset: 0 })).startsWith(third!.data.toString())).toBe(true);
  await spool.close();
});

it('keeps the active segment even when everything in it is released', async () => {
  const { dir, spool } = await spoolOfSegments(3);
  await spool.release(spool.end);
  expect(await segmentFiles(dir)).toEqual([segmentName(3)]);
  expect(spool.unflushedBytes).toBe(0);
  await spool.append(Buffer.from(spoolLine(7)));
  expect(spool.unflushedBytes).toBe(spoolLine(7).length);
  await spool.close();
});

it('counts only bytes after the released position once reopened', async () => {
  const { dir, spool } = await spoolOfSegments(3);
  const position = (await spool.read({ segment: 2, offset: 0 }, 1))!.to;
  await spool.release(position);
  const backlog = spool.unflushedBytes;
  await spool.close();
  const reopened = await Spool.open({ dir, maxBytes: 1 << 20, segmentBytes: 60 });
  await reopened.release(position);
  expect(reopened.unflushedBytes).toBe(backlog);
  await reopened.close();
});
