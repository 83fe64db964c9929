// Sends batches of records to POST /v1/events as NDJSON (one record a line, so even a
// cut-off malformed line travels alone) and keeps at it until ingest has answered for
// every record: Retry-After is honoured, errors are retried with backoff, the same batch
// is resent each time (ingest deduplicates on source and id).
import { backoffMs, retryAfterMs, sleep } from './retry-timing.ts';

export interface BatchOutcome {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Records ingest never judged because the request itself was refused (400, 413, 415). */
  refused: number;
  /** First rejection reasons of the batch, for the log. */
  sampleErrors: string[];
}

export interface IngestClientOptions {
  ingestUrl: string;
  apiKey: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Called when the client waits: backpressure (429/503) or an error it will retry. */
  onWait?: (reason: string, waitMs: number) => void;
}

/** The API key was refused or does not cover the sources: retrying cannot help. */
export class IngestAuthError extends Error {}

interface IngestAnswer {
  accepted?: number;
  duplicates?: number;
  rejected?: Array<{ index: number; id: string | null; errors: Array<{ path: string; message: string }> }>;
}

export class EventsClient {
  private readonly url: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: IngestClientOptions) {
    this.url = new URL('/v1/events', options.ingestUrl).toString();
    this.fetch = options.fetch ?? fetch;
  }

  async send(lines: readonly string[]): Promise<BatchOutcome> {
    const body = `${lines.join('\n')}\n`;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(this.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/x-ndjson' },
          body,
          signal: this.options.signal,
        });
      } catch (error) {
        if (this.options.signal?.aborted) throw error;
        await this.wait(`ingest unreachable: ${(error as Error).message}`, backoffMs(attempt));
        continue;
      }
      const text = await response.text();
      if (response.status === 200 || response.status === 422) return outcomeOf(parse(text), lines.length);
      if (response.status === 401 || response.status === 403) {
        throw new IngestAuthError(
          `ingest refused CLOSEWATCH_API_KEY (${response.status}: ${text.slice(0, 200)}); create a key that may send every source with: npm run keys:create -- --name demo --sources '*'`,
        );
      }
      if (response.status === 413 && lines.length > 1) return this.split(lines);
      if (response.status === 429 || response.status === 503) {
        await this.wait(`ingest busy (${response.status})`, retryAfterMs(response.headers.get('retry-after'), 1_000));
        continue;
      }
      if (response.status >= 500) {
        await this.wait(`ingest error ${response.status}: ${text.slice(0, 200)}`, backoffMs(attempt));
        continue;
      }
      return { accepted: 0, duplicates: 0, rejected: 0, refused: lines.length, sampleErrors: [`request refused (${response.status}): ${text.slice(0, 300)}`] };
    }
  }

  /** A batch too large for ingest goes again as two halves. */
  private async split(lines: readonly string[]): Promise<BatchOutcome> {
    const half = Math.ceil(lines.length / 2);
    const a = await this.send(lines.slice(0, half));
    const b = await this.send(lines.slice(half));
    return {
      accepted: a.accepted + b.accepted,
      duplicates: a.duplicates + b.duplicates,
      rejected: a.rejected + b.rejected,
      refused: a.refused + b.refused,
      sampleErrors: [...a.sampleErrors, ...b.sampleErrors].slice(0, 3),
    };
  }

  private async wait(reason: string, ms: number): Promise<void> {
    this.options.onWait?.(reason, ms);
    await sleep(ms, this.options.signal);
  }
}

function parse(text: string): IngestAnswer {
  try {
    return JSON.parse(text) as IngestAnswer;
  } catch {
    return {};
  }
}

function outcomeOf(answer: IngestAnswer, sent: number): BatchOutcome {
  const rejected = answer.rejected ?? [];
  return {
    accepted: answer.accepted ?? 0,
    duplicates: answer.duplicates ?? 0,
    rejected: answer.accepted === undefined ? sent : rejected.length,
    refused: 0,
    sampleErrors: rejected.slice(0, 3).map((r) => `${r.id ?? `#${r.index}`}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`),
  };
}
