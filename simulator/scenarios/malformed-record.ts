// Broken records the way broken sources send them: a required field missing, an amount
// as a JSON number or with too many decimals, a made-up currency, an impossible date,
// a type outside the catalogue, a cut-off line. Ingest must refuse each one, say why, and
// keep it in the quarantine. The result is one line of text (NDJSON-safe).
import type { Rng } from '../company/prng.ts';
import type { CloudEvent } from '../sim-event.ts';

type Mutable = Record<string, unknown> & { data: Record<string, unknown> };
type Breakage = (record: Mutable, rng: Rng) => void;

const moneyTypes = /^finance\.(invoice\.received|payment\.released|customer_invoice\.issued|receipt\.received|bank_entry\.booked)$/;

const breakages: Readonly<Record<string, Breakage>> = {
  'missing entity': (r) => {
    delete r.data.entity;
  },
  'missing id': (r) => {
    delete r.id;
  },
  'missing amount': (r) => {
    if (moneyTypes.test(String(r.type))) delete r.data.amount;
    else r.data.amount = '';
    r.data.currency ??= 'EUR';
  },
  'amount as a JSON number': (r) => {
    r.data.amount = Number(r.data.amount ?? '1250.5') || 1250.5;
    r.data.currency ??= 'EUR';
  },
  'amount with thousands separator': (r) => {
    r.data.amount = '12,500.00';
    r.data.currency ??= 'EUR';
  },
  'too many decimals for the currency': (r, rng) => {
    if (rng.chance(0.5)) Object.assign(r.data, { amount: '1500.5', currency: 'JPY' });
    else Object.assign(r.data, { amount: '99.999', currency: 'EUR' });
  },
  'not an ISO 4217 currency': (r, rng) => {
    r.data.currency = rng.pick(['EURO', 'eur', 'US$', '€', 'XXX', 'UKP']);
    r.data.amount ??= '100.00';
  },
  'impossible calendar date': (r, rng) => {
    if (rng.chance(0.5)) r.time = `${String(r.time).slice(0, 4)}-02-30T10:15:00Z`;
    else r.data.due_date = `${String(r.time).slice(0, 4)}-13-45`;
  },
  'time without offset': (r) => {
    r.time = String(r.time).slice(0, 19);
  },
  'type not in the catalogue': (r, rng) => {
    r.type = rng.pick(['finance.invoice.paid', 'finance.payment.confirmed', 'finance.invoice.approve', 'invoice.approved', 'com.coupa.invoice.updated']);
  },
  'negative amount': (r) => {
    if (r.type === 'finance.balance.reported') r.type = 'finance.bank_entry.booked';
    r.data.amount = `-${String(r.data.amount ?? '10.00').replace(/^-/, '')}`;
    r.data.currency ??= 'EUR';
  },
  'wrong specversion': (r) => {
    r.specversion = '0.3';
  },
  'bad credit/debit indicator': (r) => {
    r.data.credit_debit = 'C';
  },
};

const names = Object.keys(breakages);
export const malformationKinds: readonly string[] = [...names, 'truncated line'];

/** A broken variant of a good event, as raw text, with a new id so it never shadows the good one. */
export function malformedRecord(event: CloudEvent, rng: Rng): string {
  const kind = rng.pick(malformationKinds);
  const record: Mutable = { ...event, id: `${event.id}~bad`, data: { ...event.data } };
  if (kind === 'truncated line') {
    const text = JSON.stringify(record);
    return text.slice(0, rng.int(Math.floor(text.length / 3), text.length - 2));
  }
  breakages[kind]!(record, rng);
  return JSON.stringify(record);
}
