// A document's "current" value of a field: from its latest event by (time, source, id) that
// carries one — the order document_state's argMax keeps, so the answer never depends on
// arrival order.
import { compareTuples } from './byte-order.ts';

interface EventOrder {
  time: string;
  source: string;
  id: string;
}

export function latestWith<T extends EventOrder>(rows: T[], has: (row: T) => boolean = () => true): T | undefined {
  let best: T | undefined;
  for (const row of rows) {
    if (has(row) && (!best || compareTuples([row.time, row.source, row.id], [best.time, best.source, best.id]) > 0)) best = row;
  }
  return best;
}
