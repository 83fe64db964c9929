// A client that streams batches of finance events with unique ids to ingest (several posts in
// flight) and remembers exactly which ids were acknowledged with 200, and how the other posts
// ended (status code or network error), so a fault test can check nothing acknowledged is lost.
import { invoiceEvent } from './finance-events.ts';

export interface ProducerOptions {
  /** Read before every post, so a restarted ingest on a new address is followed. */
  url: () => string;
  key: string;
  idPrefix: string;
  batchSize?: number;
  /** Pause between posts of one worker. */
  intervalMs?: number;
  /** Workers posting at the same time. */
  concurrency?: number;
}

export interface PostResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export class EventProducer {
  readonly acked = new Set<string>();
  /** Count of posts per outcome: '200', '503', 'ECONNREFUSED', … */
  readonly outcomes = new Map<string, number>();
  private next = 0;
  private workers: Promise<void>[] = [];
  private running = false;

  constructor(readonly options: ProducerOptions) {}

  start(): void {
    this.running = true;
    for (let w = 0; w < (this.options.concurrency ?? 1); w++) this.workers.push(this.work());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers.splice(0));
  }

  /** Posts one batch of new ids and records the outcome. */
  async postBatch(size = this.options.batchSize ?? 5): Promise<PostResult | undefined> {
    const ids = Array.from({ length: size }, () => `${this.options.idPrefix}${this.next++}`);
    try {
      const response = await fetch(`${this.options.url()}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents-batch+json', authorization: `Bearer ${this.options.key}` },
        body: JSON.stringify(ids.map((id) => invoiceEvent({ id }))),
        signal: AbortSignal.timeout(15_000),
      });
      const body = await response.json().catch(() => undefined);
      if (response.status === 200) ids.forEach((id) => this.acked.add(id));
      this.count(String(response.status));
      return { status: response.status, headers: response.headers, body };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      this.count(cause?.code ?? (error as Error).name);
      return undefined;
    }
  }

  private async work(): Promise<void> {
    while (this.running) {
      const result = await this.postBatch();
      await sleep(result ? (this.options.intervalMs ?? 20) : 50);
    }
  }

  private count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
