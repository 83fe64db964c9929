// toEventsReceived: API rows → total and bars for the "Events received" card.
import { describe, expect, it } from 'vitest';
import { toEventsReceived } from '../../web/src/overview/event-type-bars.ts';

describe('toEventsReceived', () => {
  it('orders types by count, largest first, ties by name', () => {
    const received = toEventsReceived(
      [
        { type: 'finance.payment.sent', events: '5' },
        { type: 'finance.invoice.received', events: '40' },
        { type: 'finance.bank_entry.booked', events: '5' },
      ],
      'en-US',
    );
    expect(received.bars.map((bar) => bar.type)).toEqual(['finance.invoice.received', 'finance.bank_entry.booked', 'finance.payment.sent']);
  });

  it('sums the total exactly, beyond float precision', () => {
    const received = toEventsReceived(
      [
        { type: 'a', events: '9007199254740993' },
        { type: 'b', events: '1' },
      ],
      'en-US',
    );
    expect(received.total).toBe('9007199254740994');
    expect(received.totalLabel).toBe('9,007,199,254,740,994');
    expect(received.bars[0]).toMatchObject({ count: '9007199254740993', countLabel: '9,007,199,254,740,993' });
  });

  it('scales bars to the largest type and keeps small non-zero counts visible', () => {
    const received = toEventsReceived(
      [
        { type: 'big', events: '2000000' },
        { type: 'half', events: '1000000' },
        { type: 'tiny', events: '1' },
        { type: 'none', events: '0' },
      ],
      'en-US',
    );
    expect(received.bars.map((bar) => [bar.type, bar.widthPermille])).toEqual([
      ['big', 1000],
      ['half', 500],
      ['tiny', 10],
      ['none', 0],
    ]);
  });

  it('maps no rows to an empty list and a zero total', () => {
    expect(toEventsReceived([], 'en-US')).toEqual({ total: '0', totalLabel: '0', bars: [] });
  });

  it('fails loudly on a count that is not a non-negative integer, naming the type', () => {
    expect(() => toEventsReceived([{ type: 'finance.fx.rate', events: '12.5' }])).toThrow(/finance\.fx\.rate/);
    expect(() => toEventsReceived([{ type: 'x', events: '-1' }])).toThrow(/non-negative integer/);
  });
});
