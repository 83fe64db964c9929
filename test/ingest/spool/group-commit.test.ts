// Group commit: appends issued together share writes and fsyncs, and each one resolves only
// once its bytes are durable, in the order the appends were made.
import { expect, it } from 'vitest';
import { Spool } from '../../../ingest/spool/spool.ts';
import { readSpool, spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';

it('makes many concurrent appends durable in call order, sharing writes', async () => {
  const dir = await tempSpoolDir();
  const spool = await Spool.open({ dir, maxBytes: 64 << 20 });
  let groupWrites = 0;
  spool.onAppend(() => groupWrites++);
  const lines = Array.from({ length: 500 }, (_, n) => spoolLine(n, n % 7));
  await Promise.all(lines.map((line) => spool.append(Buffer.from(line))));
  await spool.close();

  expect(groupWrites).toBeGreaterThan(0);
  expect(groupWrites).toBeLessThan(lines.length / 10);
  const reopened = await Spool.open({ dir, maxBytes: 64 << 20 });
  expect(await readSpool(reopened)).toBe(lines.join(''));
  await reopened.close();
});

it('resolves each append only once its own line can be read back', async () => {
  const spool = await Spool.open({ dir: await tempSpoolDir(), maxBytes: 1 << 20 });
  const missing: number[] = [];
  await Promise.all(
    Array.from({ length: 50 }, async (_, n) => {
      await spool.append(Buffer.from(spoolLine(n)));
      if (!(await readSpool(spool)).includes(spoolLine(n))) missing.push(n);
    }),
  );
  expect(missing).toEqual([]);
  await spool.close();
});
