// In fault tests ClickHouse is down on purpose, and @clickhouse/client logs every refused
// connection (a ping per readiness check, an insert per flusher retry) with a stack. This drops
// just those lines for the test file; everything else still reaches the console.
import { afterAll, beforeAll } from 'vitest';

export function quietClickHouseClientLogs(): void {
  const original = { warn: console.warn, error: console.error };
  const fromClient = (args: unknown[]) => typeof args[0] === 'string' && args[0].includes('[@clickhouse/client]');
  beforeAll(() => {
    console.warn = (...args: unknown[]) => (fromClient(args) ? undefined : original.warn(...args));
    console.error = (...args: unknown[]) => (fromClient(args) ? undefined : original.error(...args));
  });
  afterAll(() => Object.assign(console, original));
}
