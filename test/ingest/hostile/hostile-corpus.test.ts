// Posts the generated hostile corpus (test/support/hostile-corpus.ts) over real HTTP to a
// running ingest, 16 at a time, then checks: each answer is what its generator expects,
// nothing is a 5xx or a dropped connection, the heap stays bounded, every spooled line
// reaches ClickHouse, and the quarantine holds one row per refusal that is kept.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxErrorsPerRecord, maxPathLength } from '../../../ingest/events/record-error.ts';
import { hostileCorpus, type HostileInput } from '../../support/hostile-corpus.ts';
import { startTestIngest, type TestIngest } from '../../support/ingest.ts';

const maxBodyBytes = 2 * 1024 * 1024;
const parallel = 16;
const heapBudgetBytes = 300 * 1024 * 1024;

interface Answer {
  status: number;
  body: any;
  /** Set when the request failed below HTTP (reset, closed, refused). */
  networkError?: string;
}

let ingest: TestIngest;
let corpus: HostileInput[];
const answers: Answer[] = [];
const heap = { baseline: 0, peak: 0 };

beforeAll(async () => {
  ingest = await startTestIngest({ INGEST_MAX_BODY_BYTES: String(maxBodyBytes) });
  corpus = hostileCorpus({ seed: 20261120, maxBodyBytes });
  heap.baseline = heap.peak = process.memoryUsage().heapUsed;
  for (let i = 0; i < corpus.length; i += parallel) {
    answers.push(...(await Promise.all(corpus.slice(i, i + parallel).map(send))));
    heap.peak = Math.max(heap.peak, process.memoryUsage().heapUsed);
  }
}, 120_000);
afterAll(() => ingest?.close());

async function send(input: HostileInput): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${ingest.key}`, ...input.headers };
  if (input.auth === 'none') delete headers.authorization;
  if (input.auth === 'wrong') headers.authorization = `Bearer cwk_000000000000_${'x'.repeat(32)}`;
  if (input.noContentType) delete headers['content-type'];
  const bytes = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const body = input.stream ? (Readable.toWeb(Readable.from([bytes])) as ReadableStream) : bytes;
  try {
    const response = await fetch(`${ingest.url}/v1/events`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    const text = await response.text();
    return { status: response.status, body: parseJson(text) };
  } catch (error) {
    return { status: 0, body: undefined, networkError: String((error as Error).cause ?? error) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What is wrong with an answer, given what the input's generator expects; undefined if right. */
function mismatch(input: HostileInput, answer: Answer): string | undefined {
  const expected = input.expect;
  if ('status' in expected) return answer.status === expected.status ? undefined : `status ${answer.status}, expected ${expected.status}`;
  const valid = expected.valid > 0;
  if (answer.status !== (valid ? 200 : 422)) return `status ${answer.status}, expected ${valid ? 200 : 422}`;
  const { accepted, duplicates, rejected } = answer.body as { accepted: number; duplicates: number; rejected: Array<{ index: number; errors: Array<{ path: string }> }> };
  if (accepted + duplicates !== expected.valid) return `${accepted} accepted + ${duplicates} duplicates, expected ${expected.valid} valid`;
  if (rejected.length !== expected.records - expected.valid) return `${rejected.length} rejected, expected ${expected.records - expected.valid}`;
  if (expected.path !== undefined && expected.valid < expected.records) {
    const errors = rejected.find((r) => r.index === expected.rejectedIndex)?.errors ?? [];
    if (!errors.some((e) => e.path.startsWith(expected.path!))) return `record ${expected.rejectedIndex} rejected at ${JSON.stringify(errors.map((e) => e.path))}, expected ${expected.path}`;
  }
  return undefined;
}

/** Quarantine rows an answer implies: each rejected record, or the whole body of a kept 400. */
function quarantinedRows(input: HostileInput, answer: Answer): number {
  if (answer.status === 400) return 'quarantined' in input.expect && input.expect.quarantined ? 1 : 0;
  if (answer.status === 200 || answer.status === 422 || answer.status === 403) return answer.body.rejected.length;
  return 0;
}

const describeInput = (i: number) => `#${i} ${corpus[i]!.category}: ${corpus[i]!.label.slice(0, 80)}`;

describe('the hostile corpus over HTTP', () => {
  it('has at least 1,000 inputs', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
  });

  it('answers every input as its generator expects', () => {
    const wrong = answers.flatMap((answer, i) => {
      const problem = mismatch(corpus[i]!, answer);
      return problem ? [`${describeInput(i)} → ${problem} ${JSON.stringify(answer.body).slice(0, 300)}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('never answers 5xx and never drops a connection', () => {
    const broken = answers.flatMap((a, i) => (a.status === 0 || a.status >= 500 ? [`${describeInput(i)} → ${a.status} ${a.networkError ?? JSON.stringify(a.body)}`] : []));
    expect(broken).toEqual([]);
  });

  it('names a path and a reason for every rejection, within bounds', () => {
    const unbounded = answers.flatMap((a, i) =>
      (a.body?.rejected ?? []).flatMap((r: { errors: Array<{ path: string; message: string }> }) =>
        r.errors.length > maxErrorsPerRecord + 1 || r.errors.some((e) => !e.path || !e.message || e.path.length > maxPathLength + 1) ? [describeInput(i)] : [],
      ),
    );
    expect(unbounded).toEqual([]);
  });

  it(`keeps the heap growth under ${heapBudgetBytes / 1024 / 1024} MB`, () => {
    expect(heap.peak - heap.baseline).toBeLessThan(heapBudgetBytes);
  });

  it('gets every spooled line into ClickHouse (none is a poison row)', async () => {
    await expect(ingest.drained()).resolves.toBeUndefined();
  });

  it('keeps one quarantine row per rejected record and per kept unparseable body', async () => {
    await ingest.drained();
    const expected = answers.reduce((sum, answer, i) => sum + quarantinedRows(corpus[i]!, answer), 0);
    const rs = await ingest.clickhouse.ch.query({ query: 'SELECT count() AS n FROM quarantine FINAL', format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: string }>();
    expect(Number(row!.n)).toBe(expected);
  });

  it('stores each accepted event once', async () => {
    await ingest.drained();
    const expected = answers.reduce((sum, a) => sum + (a.status === 200 ? a.body.accepted : 0), 0);
    const rs = await ingest.clickhouse.ch.query({ query: 'SELECT uniqExact(source, id) AS n FROM finance_events', format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: string }>();
    expect(Number(row!.n)).toBe(expected);
  });
});
