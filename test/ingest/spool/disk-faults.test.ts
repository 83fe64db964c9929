// Disk faults while appending: a short write must not be acknowledged as whole, and bytes of
// a failed (unacknowledged) write must not shift where later acknowledged records are read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { segmentName } from '../../../ingest/spool/spool-position.ts';
import { Spool } from '../../../ingest/spool/spool.ts';
import { failingSyncOnce, shortWriteOnce } from '../../support/spool-faults.ts';
import { readSpool, spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';

it('writes the rest of a short write before acknowledging', async () => {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 1 << 20 });
  shortWriteOnce(spool);
  const first = spoolLine(1, 100) + spoolLine(2, 100);
  await spool.append(Buffer.from(first));
  await spool.append(Buffer.from(spoolLine(3)));
  expect(await readFile(join(dir, segmentName(1)), 'utf8')).toBe(first + spoolLine(3));
  expect(await readSpool(spool)).toBe(first + spoolLine(3));
  await spool.close();
});

it('refuses an append whose fsync failed and keeps later records at their offsets', async () => {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 1 << 20 });
  await spool.append(Buffer.from(spoolLine(1)));
  failingSyncOnce(spool);
  await expect(spool.append(Buffer.from(spoolLine(2)))).rejects.toThrow(/EIO/);
  await spool.append(Buffer.from(spoolLine(3)));
  expect(spool.unflushedBytes).toBe(spoolLine(1).length + spoolLine(3).length);
  expect(await readSpool(spool)).toBe(spoolLine(1) + spoolLine(3));
  await spool.close();
});
