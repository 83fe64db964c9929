// The hostile corpus's building blocks: the expected answers, a seeded PRNG, and the builder
// that turns one hostile record or body into requests of every body kind.
import { catalogue } from '../../../ingest/events/catalogue.ts';
import { invoiceEvent } from '../finance-events.ts';

export type Expected =
  /** Nothing parsed; `quarantined` says whether the body is kept as one quarantine row. */
  | { status: 400; quarantined: boolean }
  | { status: 401 | 413 | 415 }
  /** Parsed into records: `valid` of them are accepted, the rest rejected (at `path`, when given). */
  | { records: number; valid: number; rejectedIndex?: number; path?: string };

export interface HostileInput {
  category: string;
  label: string;
  body: string | Buffer;
  headers: Record<string, string>;
  /** Send the body as a stream without Content-Length. */
  stream?: boolean;
  /** Send without a key, or with a wrong one. */
  auth?: 'none' | 'wrong';
  /** Send no Content-Type header at all. */
  noContentType?: boolean;
  expect: Expected;
}

export type Kind = 'single' | 'batch' | 'ndjson';
export const contentTypes: Record<Kind, string> = {
  single: 'application/cloudevents+json',
  batch: 'application/cloudevents-batch+json',
  ndjson: 'application/x-ndjson',
};

/** Mulberry32: a tiny seeded PRNG, enough to vary cut points and values reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class CorpusBuilder {
  readonly inputs: HostileInput[] = [];
  readonly random: () => number;
  private ids = 0;
  private rotation = 0;

  constructor(readonly seed: number, readonly maxBodyBytes: number) {
    this.random = prng(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** A valid event object with a fresh, deterministic id. */
  event(overrides: Parameters<typeof invoiceEvent>[0] = {}): Record<string, any> {
    return invoiceEvent({ id: `hc-${this.seed}-${++this.ids}`, ...overrides });
  }

  validText(): string {
    return JSON.stringify(this.event());
  }

  /** An event changed by `patch` (on a fresh valid event), as JSON text. */
  patched(patch: (event: Record<string, any>) => void): string {
    const event = this.event();
    patch(event);
    return JSON.stringify(event);
  }

  /** A whole request. */
  add(category: string, label: string, body: string | Buffer, expect: Expected, extra: Partial<HostileInput> = {}): void {
    this.inputs.push({ category, label, body, headers: { 'content-type': contentTypes.single, ...extra.headers }, expect, ...omitHeaders(extra) });
  }

  /**
   * One record's text, sent in the next body kind of the rotation (or one of `kinds`).
   * `outcome` is 'valid' or the path its rejection must name ('' for any path).
   */
  record(category: string, label: string, text: string, outcome: 'valid' | string, kinds: Kind[] = ['single', 'batch', 'ndjson']): void {
    const kind = kinds[this.rotation++ % kinds.length]!;
    const valid = outcome === 'valid';
    const path = valid || outcome === '' ? undefined : outcome;
    const headers = { 'content-type': contentTypes[kind] };
    if (kind === 'single') {
      this.add(category, `${label} (single)`, text, { records: 1, valid: valid ? 1 : 0, rejectedIndex: 0, path }, { headers });
    } else if (kind === 'batch') {
      this.add(category, `${label} (batch)`, `[${this.validText()},${text},${this.validText()}]`, { records: 3, valid: valid ? 3 : 2, rejectedIndex: 1, path }, { headers });
    } else {
      this.add(category, `${label} (ndjson)`, `${this.validText()}\r\n${text}\n`, { records: 2, valid: valid ? 2 : 1, rejectedIndex: 1, path }, { headers });
    }
  }

  /** A body that does not parse as a whole: 400, kept in the quarantine. */
  unparseable(category: string, label: string, body: string | Buffer, kind: Kind = 'single', extra: Partial<HostileInput> = {}): void {
    this.add(category, label, body, { status: 400, quarantined: true }, { ...extra, headers: { 'content-type': contentTypes[kind], ...extra.headers } });
  }
}

export function omitHeaders(extra: Partial<HostileInput>): Partial<HostileInput> {
  const { headers: _ignored, ...rest } = extra;
  return rest;
}

/** A catalogue type's minimal valid data: entity, document_id and its required fields. */
export function minimalData(type: string): Record<string, string> {
  const samples: Record<string, string> = {
    amount: '100.00', currency: 'EUR', counterparty_id: 'SUP-0042', promised_date: '2026-12-01', account: 'DE89370400440532013000',
    credit_debit: 'CRDT', value_date: '2026-11-20', bucket_date: '2026-11-30', category: 'payroll', direction: 'outflow',
    balance_date: '2026-11-20', balance_type: 'closing', base_currency: 'EUR', quote_currency: 'USD', rate: '1.0842',
    rate_date: '2026-11-20', reason_code: 'AC04', flow: 'erp-to-bank', message_id: 'MSG-0001',
  };
  const data: Record<string, string> = { entity: 'DE01', document_id: 'DOC-1' };
  for (const field of catalogue[type]!.required) data[field] = samples[field]!;
  return data;
}

export const MB = 1024 * 1024;
