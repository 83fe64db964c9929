// Generated records against the real ingest validator, and the shape of the simulated company.
import { describe, expect, it } from 'vitest';
import { validateEvent } from '../../ingest/events/validate-event.ts';
import { currencyScale, type CurrencyCode } from '../../simulator/company/money.ts';
import type { CloudEvent } from '../../simulator/generator.ts';
import { firstRecords, parsed } from './sample.ts';

const records = firstRecords(10_000, { days: 10 });
const events = records.filter((r) => r.kind !== 'malformed').map((r) => r.event as CloudEvent);

describe('generated records against the ingest validator', () => {
  it('every event (and redelivery) passes validation', () => {
    const failures = events.map((e) => ({ e, v: validateEvent(e) })).filter(({ v }) => !v.ok);
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('every malformed record is rejected', () => {
    const malformed = records.filter((r) => r.kind === 'malformed');
    expect(malformed.length).toBeGreaterThan(10);
    const accepted = malformed.filter((r) => {
      const value = parsed(r);
      return value !== undefined && validateEvent(value).ok;
    });
    expect(accepted.map((r) => r.event)).toEqual([]);
  });

  it('malformed records are single lines, so NDJSON can carry them', () => {
    expect(records.filter((r) => typeof r.event === 'string' && r.event.includes('\n'))).toEqual([]);
  });
});

describe('the simulated company', () => {
  it('spans at least four entities and three currencies', () => {
    const entities = new Set(events.map((e) => e.data.entity).filter((x) => x !== 'GROUP'));
    const currencies = new Set(events.map((e) => e.data.currency).filter(Boolean));
    expect(entities.size).toBeGreaterThanOrEqual(4);
    expect(currencies.size).toBeGreaterThanOrEqual(3);
  });

  it('writes every amount as a decimal string with exactly its currency’s minor units', () => {
    const withAmount = events.filter((e) => e.data.amount !== undefined);
    expect(withAmount.length).toBeGreaterThan(1000);
    const wrong = withAmount.filter((e) => {
      const scale = currencyScale[e.data.currency as CurrencyCode];
      const pattern = scale === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${scale}}$`);
      return typeof e.data.amount !== 'string' || !pattern.test(e.data.amount);
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(withAmount.some((e) => e.data.currency === 'JPY')).toBe(true);
  });

  it('writes FX rates against EUR with six decimals', () => {
    const rates = events.filter((e) => e.type === 'finance.fx.rate');
    expect(new Set(rates.map((e) => e.data.quote_currency))).toEqual(new Set(['USD', 'GBP', 'JPY']));
    for (const e of rates) {
      expect(e.data.base_currency).toBe('EUR');
      expect(e.data.rate).toMatch(/^\d+\.\d{6}$/);
    }
  });

  it('uses non-ASCII counterparty names', () => {
    expect(events.some((e) => /[^\x00-\x7f]/.test(e.data.counterparty_name ?? ''))).toBe(true);
  });
});
