// Input of the settings procedures, validated with zod so that a bad value is refused with
// the field named and what is expected: IANA time zones (checked with Intl), ISO 4217
// currencies (the codes Intl knows), non-negative whole days, decimal strings for money.
import { z } from 'zod';
import { eventTypes } from '../../ingest/events/catalogue.ts';

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const listedZones = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));

/** The spelling of a time zone Intl accepts (listed name, Intl's own, or as typed), or undefined. */
export function ianaTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined; // no offsets like +01:00
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return listedZones.get(name.toLowerCase()) ?? (resolved.toLowerCase() === name.toLowerCase() ? resolved : name);
  } catch {
    return undefined;
  }
}

export const entityCode = z.string().regex(/^[A-Z0-9][A-Z0-9_.-]{0,31}$/, 'must be an entity code: 1–32 characters of A–Z, 0–9, _ . -');
/** An entity, or '*' for the default that applies to entities without settings of their own. */
export const entityScope = z.union([z.literal('*'), entityCode], { error: "must be an entity code or '*' (every entity)" });
export const currencyCode = z.string().refine((c) => /^[A-Z]{3}$/.test(c) && knownCurrencies.has(c), 'must be an ISO 4217 currency code such as EUR');
export const timeZone = z.string().max(64).transform((name, ctx) => {
  const zone = ianaTimeZone(name);
  if (zone === undefined) ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/Berlin' });
  return zone ?? name;
});
const decimalString = (what: string) => z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, `must be a non-negative decimal string with up to 4 decimals (${what}), e.g. "1000.00"`);
const days = (max: number) => z.number().int('must be a whole number').min(0, 'must not be negative').max(max, `must be at most ${max}`);
const calendarDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

export const reportingCurrencyInput = z.object({ reportingCurrency: currencyCode });

export const entityCalendarInput = z.object({
  entity: entityCode,
  name: z.string().trim().min(1, 'must not be empty').max(256).optional(),
  timeZone: timeZone.optional(),
  functionalCurrency: currencyCode.optional(),
  /** Close deadline: period end + this many working days. */
  closeWorkingDays: days(31).optional(),
  /** Reporting-currency amount below which money is not material. */
  materiality: decimalString('reporting currency').optional(),
});

export const holidayInput = z.object({ entity: entityScope, date: calendarDate, name: z.string().trim().min(1, 'must not be empty').max(256) });
export const holidayKeyInput = z.object({ entity: entityScope, date: calendarDate });

const slaKey = {
  documentType: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be a document type such as supplier_invoice'),
  stage: z.string().refine((s) => eventTypes.includes(s), 'must be an event type from the catalogue, e.g. finance.invoice.approved'),
  entity: entityScope.default('*'),
};
export const slaPolicyInput = z.object({
  ...slaKey,
  amount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(10_000),
  unit: z.enum(['hours', 'business_days'], { error: 'must be hours or business_days' }),
});
export const slaPolicyKeyInput = z.object(slaKey);

export const matchingInput = z.object({
  entity: entityScope,
  amountTolerance: decimalString('per-document amount tolerance').optional(),
  dateWindowDays: days(365).optional(),
  receiptApplyDays: days(365).optional(),
  confirmationSlaHours: z.number().int('must be a whole number').min(1, 'must be at least 1').max(8_760).optional(),
  duplicateWindowDays: days(365).optional(),
  duplicateMaxDistance: z.number().int('must be a whole number').min(0, 'must not be negative').max(10).optional(),
});

export type EntityCalendarInput = z.infer<typeof entityCalendarInput>;
export type HolidayInput = z.infer<typeof holidayInput>;
export type HolidayKeyInput = z.infer<typeof holidayKeyInput>;
export type SlaPolicyInput = z.infer<typeof slaPolicyInput>;
export type SlaPolicyKeyInput = z.infer<typeof slaPolicyKeyInput>;
export type MatchingInput = z.infer<typeof matchingInput>;
