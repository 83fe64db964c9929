// Appends spool lines for an HTTP request and maps a full spool to 503 + Retry-After.
import { HttpProblem } from '../http/http-problem.ts';
import { SpoolFullError, type Spool } from './spool.ts';

/** The lines are handed over: the array is emptied once they are bytes, so the strings are not held while the spool syncs. */
export async function appendDurably(spool: Spool, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const data = Buffer.from(lines.join(''), 'utf8');
  lines.length = 0;
  try {
    await spool.append(data);
  } catch (error) {
    if (error instanceof SpoolFullError) {
      throw new HttpProblem(503, `${error.message}; retry later`, { 'Retry-After': '5' });
    }
    throw error;
  }
}
