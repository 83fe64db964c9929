// Every way of breaking a record yields something ingest refuses.
import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../ingest/events/validate-event.ts';
import { Rng } from '../../simulator/company/prng.ts';
import type { CloudEvent } from '../../simulator/generator.ts';
import { malformedRecord } from '../../simulator/scenarios/malformed-record.ts';
import { firstRecords, parsed } from './sample.ts';

describe('malformed records', () => {
  const byType = new Map<string, CloudEvent>();
  for (const r of firstRecords(6_000, { faults: { malformed: 0, duplicateDelivery: 0, outOfOrder: 0 } })) {
    const e = r.event as CloudEvent;
    if (!byType.has(e.type)) byType.set(e.type, e);
  }

  it('are rejected by ingest whatever event they start from and however they break', () => {
    expect(byType.size).toBeGreaterThan(15);
    const accepted: string[] = [];
    for (const event of byType.values()) {
      for (let seed = 0; seed < 150; seed++) {
        const raw = malformedRecord(event, new Rng(seed));
        const value = parsed({ event: raw, kind: 'malformed', at: 0 });
        if (value !== undefined && validateEvent(value).ok) accepted.push(raw);
      }
    }
    expect(accepted.slice(0, 3)).toEqual([]);
  });

  it('never reuse the id of the good event they were made from', () => {
    const event = byType.values().next().value!;
    for (let seed = 0; seed < 50; seed++) {
      const value = parsed({ event: malformedRecord(event, new Rng(seed)), kind: 'malformed', at: 0 }) as { id?: string } | undefined;
      if (value?.id !== undefined) expect(value.id).not.toBe(event.id);
    }
  });
});
