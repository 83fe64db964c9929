// A ClickHouse client that records the SQL of every query it sends, for tests that check
// which tables an answer was read from.
import type { ClickHouseClient } from '@clickhouse/client';

export function recordedStatements(ch: ClickHouseClient): { ch: ClickHouseClient; statements: string[] } {
  const statements: string[] = [];
  const proxy = new Proxy(ch, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'query') return (args: { query: string }) => (statements.push(args.query), value.call(target, args));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ch: proxy, statements };
}
