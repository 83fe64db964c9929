// The redelivery memory keeps exactly the last `capacity` identities remembered, forgetting the
// oldest first — also long after it first filled (its oldest slot wraps around) and after a
// restart seeded it with older identities. Checked against a plain list over random operations.
import { expect, it } from 'vitest';
import { RecentIdentities } from '../../ingest/events/recent-identities.ts';
import { Rng } from '../../simulator/company/prng.ts';

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
    memory.add(key);
    addToModel(key);
    if (step === 2_500) {
      // a restart's seeding: older identities (some also remembered since) go before the rest
      const older = new Set(Array.from({ length: 80 }, (_, i) => `k${Math.floor(next() * 400)}-${i % 3 === 0 ? 'x' : ''}${i}`));
      for (const key of model.slice(0, 5)) older.add(key);
      memory.seedOlder(new Set(older));
      const since = model;
      const kept = [...older].filter((k) => !since.includes(k));
      model = [...kept.slice(Math.max(0, kept.length - (capacity - since.length))), ...since];
    }
    if (step % 97 === 0) {
      expect(memory.size).toBe(model.length);
      for (let k = 0; k < 400; k++) expect(memory.has(`k${k}`)).toBe(model.includes(`k${k}`));
    }
  }
  expect(memory.size).toBe(capacity);
  expect(model.every((key) => memory.has(key))).toBe(true);
});
