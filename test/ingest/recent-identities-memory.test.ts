// The redelivery memory keeps exactly the last `capacity` identities remembered, forgetting the
// oldest first — also long after it first filled (its oldest slot wraps around) and after a
// restart seeded it with older identities. Checked against a plain list over random operations.
import { expect, it } from 'vitest';
import { RecentIdentities, type IdentityKey } from '../../ingest/events/recent-identities.ts';
import { Rng } from '../../simulator/company/prng.ts';

const k = (id: string): IdentityKey => RecentIdentities.key('test/source', id);

it('remembers the last capacity identities, oldest forgotten first, across many wrap-arounds and a seeding', () => {
  const capacity = 50;
  const memory = new RecentIdentities(capacity);
  let model: string[] = []; // oldest first
  const rng = new Rng(7); // seeded, so a failure replays
  const next = () => rng.next();
  const addToModel = (key: string) => {
    if (model.includes(key)) return;
    model.push(key);
    if (model.length > capacity) model.shift();
  };
  for (let step = 0; step < 5_000; step++) {
    const key = `k${Math.floor(next() * 400)}`;
    memory.add(k(key));
    addToModel(key);
    if (step === 2_500) {
      // a restart's seeding: older identities (some also remembered since) go before the rest
      const older = new Set(Array.from({ length: 80 }, (_, i) => `k${Math.floor(next() * 400)}-${i % 3 === 0 ? 'x' : ''}${i}`));
      for (const key of model.slice(0, 5)) older.add(key);
      memory.seedOlder(new Set([...older].map(k)));
      const since = model;
      const kept = [...older].filter((k) => !since.includes(k));
      model = [...kept.slice(Math.max(0, kept.length - (capacity - since.length))), ...since];
    }
    if (step % 97 === 0) {
      expect(memory.size).toBe(model.length);
      for (let i = 0; i < 400; i++) expect(memory.has(k(`k${i}`))).toBe(model.includes(`k${i}`));
    }
  }
  expect(memory.size).toBe(capacity);
  expect(model.every((key) => memory.has(k(key)))).toBe(true);
});

it('stays exact at scale: a memory grown from empty, wrapped many times, with forgotten identities answered as new', () => {
  const capacity = 20_000;
  const memory = new RecentIdentities(capacity);
  const rng = new Rng(11);
  // The model: each remembered identity's place in the sequence of new identities; one is
  // remembered while fewer than `capacity` new identities came after it.
  const place = new Map<string, number>();
  let added = 0;
  const remembered = (id: string) => (place.get(id) ?? -Infinity) > added - capacity;
  let forgottenSeen = 0;
  for (let step = 0; step < 150_000; step++) {
    // mostly new identities, some redeliveries of recent or long-forgotten ones
    const id = rng.next() < 0.8 || step === 0 ? `e${step}` : `e${Math.floor(rng.next() * step)}`;
    const expected = remembered(id);
    if (!expected && place.has(id)) forgottenSeen++;
    expect(memory.has(k(id))).toBe(expected);
    if (!expected) place.set(id, ++added);
    memory.add(k(id));
    if (step % 10_000 === 0) expect(memory.size).toBe(Math.min(capacity, added));
  }
  expect(forgottenSeen).toBeGreaterThan(1000); // the case is exercised
  expect(memory.size).toBe(capacity);
  for (const [id] of place) expect(memory.has(k(id))).toBe(remembered(id));
});
