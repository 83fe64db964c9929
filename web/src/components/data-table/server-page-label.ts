// "26–50, more follow" for a server-paged table whose total is unknown ({ rows, hasMore }).
import { formatCount } from '../format-count.ts';

export function serverPageLabel(offset: number, shown: number, hasMore: boolean): string {
  if (shown === 0) return offset === 0 ? 'No rows' : `No rows after ${formatCount(String(offset))}`;
  const range = `${formatCount(String(offset + 1))}–${formatCount(String(offset + shown))}`;
  return hasMore ? `${range}, more follow` : `${range} of ${formatCount(String(offset + shown))}`;
}
