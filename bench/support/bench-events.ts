// Realistic, valid finance events for benchmarks: a spread of entities, currencies and
// invoice stages, each with a unique identity.
const entities = [
  ['DE01', 'EUR'],
  ['GB01', 'GBP'],
  ['US01', 'USD'],
  ['NL01', 'EUR'],
  ['JP01', 'JPY'],
] as const;
const stages = ['received', 'approved', 'posted', 'scheduled'] as const;

export function benchEvents(count: number, prefix: string): object[] {
  const out: object[] = [];
  for (let i = 0; i < count; i++) {
    const [entity, currency] = entities[i % entities.length]!;
    const invoice = Math.floor(i / stages.length);
    const cents = (invoice * 7919) % 10_000_000;
    const amount = currency === 'JPY' ? String(cents) : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    out.push({
      specversion: '1.0',
      id: `${prefix}-${i}`,
      source: 'ap/bench',
      type: `finance.invoice.${stages[i % stages.length]}`,
      time: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
      data: {
        entity,
        document_id: `INV-${prefix}-${invoice}`,
        counterparty_id: `SUP-${invoice % 5000}`,
        counterparty_name: 'Müller GmbH',
        amount,
        currency,
        reference: `RF${String(invoice).padStart(12, '0')}`,
      },
    });
  }
  return out;
}
