// Sends middleware spans to POST /v1/traces as OTLP/HTTP JSON. Spans are telemetry, not
// finance records: a few retries, then they are dropped with a warning. An ingest without
// the endpoint (404) means "traces not supported": said once, then spans are skipped.
import type { SimSpan } from '../sim-event.ts';
import { exportTraceServiceRequest } from './otlp-json.ts';
import { backoffMs, retryAfterMs, sleep } from './retry-timing.ts';

const maxAttempts = 5;

export interface TracesClientOptions {
  ingestUrl: string;
  apiKey: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export class TracesClient {
  /** False once ingest has said it has no traces endpoint. */
  supported = true;
  private warnedPartial = false;
  private readonly url: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: TracesClientOptions) {
    this.url = new URL('/v1/traces', options.ingestUrl).toString();
    this.fetch = options.fetch ?? fetch;
  }

  /** Sends the spans; returns how many ingest took (0 if unsupported or given up). */
  async send(spans: readonly SimSpan[]): Promise<number> {
    if (!this.supported || spans.length === 0) return 0;
    const body = JSON.stringify(exportTraceServiceRequest(spans));
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(this.url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json' },
          body,
          signal: this.options.signal,
        });
      } catch (error) {
        if (this.options.signal?.aborted) throw error;
        await sleep(backoffMs(attempt), this.options.signal);
        continue;
      }
      const text = await response.text();
      if (response.ok) return spans.length - this.refusedIn(text);
      if (response.status === 404) {
        this.supported = false;
        this.options.log.info({ url: this.url }, 'ingest has no /v1/traces endpoint; middleware spans are not sent');
        return 0;
      }
      if (response.status === 429 || response.status === 503) {
        await sleep(retryAfterMs(response.headers.get('retry-after'), 1_000), this.options.signal);
      } else if (response.status >= 500) {
        await sleep(backoffMs(attempt), this.options.signal);
      } else {
        this.options.log.warn({ status: response.status, body: text.slice(0, 300), spans: spans.length }, 'ingest refused spans; dropped');
        return 0;
      }
    }
    this.options.log.warn({ spans: spans.length }, `spans dropped after ${maxAttempts} attempts`);
    return 0;
  }

  /** Spans ingest took the request for but refused (OTLP partialSuccess), logged once. */
  private refusedIn(text: string): number {
    let answer: { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      return 0;
    }
    const refused = Number(answer.partialSuccess?.rejectedSpans ?? 0);
    if (refused > 0 && !this.warnedPartial) {
      this.warnedPartial = true;
      this.options.log.warn({ refused, reason: answer.partialSuccess?.errorMessage }, 'ingest refused some spans (kept in its quarantine)');
    }
    return refused;
  }
}
