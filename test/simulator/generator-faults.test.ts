// Every fault kind shows up at default rates, and each looks the way it should on the wire.
import { describe, expect, it } from 'vitest';
import { faultKinds, generateEvents, type CloudEvent } from '../../simulator/generator.ts';
import { allReasonCodes } from '../../simulator/scenarios/bank-reason-codes.ts';
import { firstRecords, monday } from './sample.ts';

const sample = firstRecords(5_000);
const events = sample.filter((r) => r.kind !== 'malformed');
const business = (r: { event: CloudEvent | string }) => Date.parse((r.event as CloudEvent).time);

describe('faults in a 5,000-record sample at default rates', () => {
  it('shows every fault kind', () => {
    const seen = new Set(sample.map((r) => r.fault).filter(Boolean));
    expect(faultKinds.filter((k) => !seen.has(k))).toEqual([]);
  });

  it('redelivers duplicates with the same source and id and the same content', () => {
    const duplicates = sample.filter((r) => r.kind === 'duplicate');
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) {
      const e = d.event as CloudEvent;
      const original = sample.find((r) => r.kind === 'event' && (r.event as CloudEvent).id === e.id && (r.event as CloudEvent).source === e.source);
      expect(original && JSON.stringify(original.event)).toBe(JSON.stringify(e));
    }
  });

  it('delivers in delivery order, with out-of-order events older than ones delivered before them', () => {
    for (let i = 1; i < sample.length; i++) expect(sample[i]!.at).toBeGreaterThanOrEqual(sample[i - 1]!.at);
    const late = events.filter((r) => r.fault === 'outOfOrder');
    expect(late.length).toBeGreaterThan(0);
    for (const r of late) {
      const deliveredBefore = events.filter((o) => o.at < r.at && o.fault !== 'outOfOrder');
      expect(deliveredBefore.some((o) => business(o) > business(r))).toBe(true);
    }
  });

  it('gives bank rejects and returns ISO 20022 reason codes', () => {
    const statuses = events.map((r) => r.event as CloudEvent).filter((e) => e.type === 'finance.payment.rejected' || e.type === 'finance.payment.returned');
    expect(statuses.length).toBeGreaterThan(0);
    for (const e of statuses) expect(allReasonCodes.has(e.data.reason_code!)).toBe(true);
  });

  it('sends nothing for an outage’s flow during the outage, then a burst when it ends', () => {
    const burst = events.filter((r) => r.fault === 'flowOutage');
    expect(burst.length).toBeGreaterThan(1);
    const times = burst.map(business).sort((a, b) => a - b);
    // The held-back hand-offs all go through within minutes of each other.
    expect(times.filter((t) => t - times[0]! < 10 * 60_000).length).toBeGreaterThan(1);
  });

  it('stops stuck documents at the stage they are stuck in', () => {
    const stuckApproval = events.find((r) => r.fault === 'stuckApproval')!.event as CloudEvent;
    expect(stuckApproval.type).toBe('finance.invoice.approved');
    const types: string[] = [];
    for (const r of generateEvents({ seed: 42, start: monday, days: 20 })) {
      if (typeof r.event !== 'string' && r.event.subject === stuckApproval.subject) types.push(r.event.type);
    }
    expect(types).toContain('finance.invoice.approved');
    expect(types).not.toContain('finance.invoice.posted');
  });

  it('faults can be switched off', () => {
    const off = Object.fromEntries(faultKinds.map((k) => [k, 0]));
    const clean = firstRecords(3_000, { faults: off });
    expect(clean.filter((r) => r.fault !== undefined || r.kind !== 'event')).toEqual([]);
  });
});
