// The company model on its own: entities and bank identifiers, exact money, seeded
// randomness, FX rates, business calendars and time zones, statement names.
import { describe, expect, it } from 'vitest';
import { creditorReference, hasValidCheckDigits } from '../../simulator/company/bank-references.ts';
import { addBusinessDays, isBusinessDay, localDay, localMs, rfc3339 } from '../../simulator/company/business-clock.ts';
import { statementName } from '../../simulator/company/counterparties.ts';
import { FxRates } from '../../simulator/company/fx-rates.ts';
import { legalEntities } from '../../simulator/company/legal-entities.ts';
import { formatMinor, proportion } from '../../simulator/company/money.ts';
import { Rng, hashSeed } from '../../simulator/company/prng.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('company model', () => {
  it('has at least four legal entities with two bank accounts each, IBANs with valid check digits', () => {
    expect(legalEntities.length).toBeGreaterThanOrEqual(4);
    for (const entity of legalEntities) {
      expect(new Set(entity.accounts.map((a) => a.bankSource)).size).toBe(2);
      for (const a of entity.accounts) if (/^[A-Z]{2}\d\d/.test(a.account)) expect(hasValidCheckDigits(a.account)).toBe(true);
    }
    expect(hasValidCheckDigits(creditorReference('539007547034'))).toBe(true);
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
  });

  it('formats minor units with the currency scale and splits money exactly', () => {
    expect(formatMinor(1250000n, 'EUR')).toBe('12500.00');
    expect(formatMinor(5n, 'USD')).toBe('0.05');
    expect(formatMinor(177116n, 'JPY')).toBe('177116');
    expect(formatMinor(-120n, 'GBP')).toBe('-1.20');
    expect(proportion(1001n, 98n, 100n)).toBe(981n); // 980.98 rounds half up
    const total = 123457n;
    const first = proportion(total, 37n, 100n);
    expect(first + (total - first)).toBe(total);
  });

  it('draws the same numbers for the same seed', () => {
    const a = new Rng(hashSeed(42, 'doc', 7));
    const b = new Rng(hashSeed(42, 'doc', 7));
    expect([a.next(), a.int(1, 6), a.next()]).toEqual([b.next(), b.int(1, 6), b.next()]);
    expect(hashSeed(42, 'doc', 7)).not.toBe(hashSeed(42, 'doc', 8));
  });

  it('gives an FX rate that depends only on seed and date', () => {
    const d = day('2026-03-02');
    const fresh = new FxRates(42).rate('USD', d);
    const walked = new FxRates(42);
    walked.rate('USD', d + 30);
    expect(walked.rate('USD', d)).toBe(fresh);
    expect(fresh).toMatch(/^\d\.\d{6}$/);
    expect(new FxRates(42).rate('JPY', d)).toMatch(/^1\d\d\.\d{6}$/);
  });

  it('knows business days and local time zones', () => {
    expect(isBusinessDay(day('2026-03-07'))).toBe(false); // Saturday
    expect(isBusinessDay(day('2026-12-25'))).toBe(false);
    expect(addBusinessDays(day('2026-03-06'), 1)).toBe(day('2026-03-09'));
    const nineInTokyo = localMs(day('2026-03-02'), 9 * 60, 'Asia/Tokyo');
    expect(new Date(nineInTokyo).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(localDay(nineInTokyo, 'America/New_York')).toBe(day('2026-03-01'));
    expect(rfc3339(nineInTokyo, 540)).toBe('2026-03-02T09:00:00.000+09:00');
    expect(rfc3339(nineInTokyo, -300)).toBe('2026-03-01T19:00:00.000-05:00');
  });

  it('shows names on statements the way banks do', () => {
    expect(statementName('Müller Präzisionstechnik GmbH')).toBe('MULLER PRAZISIONSTECHNIK GMBH');
    expect(statementName('Großmann Verpackungen GmbH')).toBe('GROSSMANN VERPACKUNGEN GMBH');
    expect(statementName('Łódź Komponenty Sp. z o.o.')).toBe('LODZ KOMPONENTY SP. Z O.O.');
    expect(statementName('株式会社山田製作所')).toBe('株式会社山田製作所');
  });
});
