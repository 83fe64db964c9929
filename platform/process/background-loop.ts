// A job the server runs every few seconds in the background (payment matcher, state
// snapshots): one run at a time, a failing run logged once per outage and retried on the next
// tick, and stop() waiting for a run in progress.
import type { Logger } from '../logging/logger.ts';

export interface BackgroundLoop {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function startBackgroundLoop(o: {
  /** Names the job in the log ("payment matcher"). */
  name: string;
  log: Logger;
  intervalMs: number;
  /** Run once right away instead of first after an interval. */
  runAtStart?: boolean;
  /** One run; `stopped()` tells a long run to end early. */
  run: (stopped: () => boolean) => Promise<void>;
}): BackgroundLoop {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let failures = 0;
  const tick = async () => {
    try {
      await o.run(() => stopped);
      if (failures > 0) o.log.info({ failures }, `${o.name} recovered`);
      failures = 0;
    } catch (error) {
      // ClickHouse or PostgreSQL away: log once per outage, try again on the next tick.
      if (failures++ === 0) o.log.warn({ err: error }, `${o.name} run failed; retrying on the next tick`);
    }
  };
  if (o.runAtStart) current = current.then(tick);
  const timer = setInterval(() => {
    if (stopped) return;
    current = current.then(tick);
  }, o.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
