// The spool's size limit holds for a burst: appends still queued for the group write count
// against maxBytes, so concurrent requests cannot overshoot it together.
import { expect, it } from 'vitest';
import { Spool, SpoolFullError } from '../../../ingest/spool/spool.ts';
import { spoolLine, tempSpoolDir } from '../../support/spool-dir.ts';

it('refuses the part of a concurrent burst that would exceed maxBytes', async () => {
  const line = Buffer.from(spoolLine(1, 80)); // about 100 bytes
  const maxBytes = line.length * 10;
  const spool = await Spool.open({ dir: await tempSpoolDir(), maxBytes });
  const results = await Promise.allSettled(Array.from({ length: 30 }, () => spool.append(line)));
  const refused = results.filter((r) => r.status === 'rejected');
  expect(results.length - refused.length).toBe(10);
  refused.forEach((r) => expect((r as PromiseRejectedResult).reason).toBeInstanceOf(SpoolFullError));
  expect(spool.unflushedBytes).toBeLessThanOrEqual(maxBytes);
  await spool.close();
});
