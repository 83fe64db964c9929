// Appends spool lines for an HTTP request and maps a full spool to 503 + Retry-After.
import { HttpProblem } from '../http/http-problem.ts';
import { SpoolFullError, type Spool } from './spool.ts';

export async function appendDurably(spool: Spool, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  try {
    await spool.append(Buffer.from(lines.join(''), 'utf8'));
  } catch (error) {
    if (error instanceof SpoolFullError) {
      throw new HttpProblem(503, `${error.message}; retry later`, { 'Retry-After': '5' });
    }
    throw error;
  }
}
