// Waiting politely: how long a Retry-After header asks for, exponential backoff with
// jitter for errors that give no hint, and a sleep that ends early when the player stops.

/** Milliseconds a Retry-After header (delta-seconds or HTTP date) asks to wait, or `fallbackMs`. */
export function retryAfterMs(header: string | null, fallbackMs: number, nowMs = Date.now()): number {
  if (header === null || header.trim() === '') return fallbackMs;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, 5 * 60_000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.min(Math.max(0, at - nowMs), 5 * 60_000) : fallbackMs;
}

/** Backoff for the n-th consecutive failure (0-based): 250 ms doubling to 30 s, with ±25 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 250 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.75 + random() * 0.5));
}

export class StoppedError extends Error {
  constructor() {
    super('the player was stopped');
  }
}

/** Resolves after ms, or rejects with StoppedError as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new StoppedError());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
