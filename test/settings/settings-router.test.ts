// The settings API through a tRPC caller on a real PostgreSQL and ClickHouse: a change is
// visible in settings.get, is audited in the same transaction with the acting user, calendar
// changes rewrite ClickHouse's business calendar, and bad values are refused with the field
// named. Tests run in order on one database; each states what it changed.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { settingsRouter } from '../../server/settings/settings.router.ts';
import { createContextInner } from '../../server/trpc/context.ts';
import { createCallerFactory, router } from '../../server/trpc/trpc.ts';
import { freshClickHouse, type FreshClickHouse } from '../support/clickhouse.ts';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

let clickhouse: FreshClickHouse;
let postgres: FreshDatabase;
const createCaller = createCallerFactory(router({ settings: settingsRouter }));
let api: ReturnType<typeof createCaller>;
const actor = 'alice@example.com';

beforeAll(async () => {
  [clickhouse, postgres] = await Promise.all([freshClickHouse(), freshDatabase({ migrated: true })]);
  api = createCaller(createContextInner({ ch: clickhouse.ch, db: postgres.db, actor }));
});
afterAll(async () => {
  await Promise.all([clickhouse?.close(), postgres?.close()]);
});

const auditLog = () => postgres.db.selectFrom('audit_log').select(['actor', 'action', 'target_type', 'target_id', 'details']).orderBy('id').execute();

async function calendarDay(entity: string, date: string) {
  const result = await clickhouse.ch.query({
    query: 'SELECT is_business_day, utc_offset_s FROM business_calendar FINAL WHERE entity = {entity:String} AND date = {date:Date}',
    query_params: { entity, date },
    format: 'JSONEachRow',
  });
  return (await result.json<{ is_business_day: number; utc_offset_s: number }>())[0];
}

/** The field paths a call was refused for. */
async function refusedFields(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof TRPCError) || error.code !== 'BAD_REQUEST' || !(error.cause instanceof ZodError)) throw new Error(`expected a validation error, got ${String(error)}`);
  return error.cause.issues.map((issue) => issue.path.join('.'));
}

it('shows the built-in defaults before anything is configured', async () => {
  const view = await api.settings.get();
  expect(view.settings.reportingCurrency).toBe('EUR');
  expect(view.settings.entities).toEqual([]);
  expect(view.defaultCalendar).toMatchObject({ timeZone: 'UTC', closeWorkingDays: 5, materiality: '0' });
  expect(view.isDefault.reportingCurrency).toBe(true);
  expect(view.isDefault.slaPolicies.every(Boolean)).toBe(true);
  expect(view.isDefault.matching).toEqual({ '*': true });
});

it('changes the reporting currency and audits it with the actor', async () => {
  const result = await api.settings.updateReportingCurrency({ reportingCurrency: 'CHF' });
  expect(result.settings.reportingCurrency).toBe('CHF');
  expect(result.calendarSync).toBeNull();
  const view = await api.settings.get();
  expect(view.settings.reportingCurrency).toBe('CHF');
  expect(view.isDefault.reportingCurrency).toBe(false);
  expect(await auditLog()).toEqual([{
    actor, action: 'settings.reporting_currency.updated', target_type: 'reporting_settings', target_id: '1',
    details: { before: null, after: { reporting_currency: 'CHF' } },
  }]);
});

// DE01 in Europe/Berlin: CET (+3600 s) on Thu 24 Dec 2026, CEST (+7200 s) on 1 Jul 2026.
it('configures an entity calendar and re-syncs the business calendar in ClickHouse', async () => {
  const result = await api.settings.updateEntityCalendar({ entity: 'DE01', name: 'Closewatch GmbH', timeZone: 'europe/berlin', closeWorkingDays: 3, materiality: '2500.50' });
  expect(result.calendarSync).toEqual({ status: 'synced' });
  await api.settings.updateEntityCalendar({ entity: 'DE01', functionalCurrency: 'EUR' });
  const view = await api.settings.get();
  expect(view.settings.entities).toEqual([{
    entity: 'DE01', name: 'Closewatch GmbH', timeZone: 'Europe/Berlin', functionalCurrency: 'EUR', closeWorkingDays: 3, materiality: '2500.50', holidays: [],
  }]);
  expect(await calendarDay('DE01', '2026-12-24')).toEqual({ is_business_day: 1, utc_offset_s: 3600 });
  expect(await calendarDay('DE01', '2026-07-01')).toEqual({ is_business_day: 1, utc_offset_s: 7200 });
  const audit = (await auditLog()).filter((a) => a.action === 'settings.entity.updated');
  expect(audit.map((a) => [a.actor, a.target_id])).toEqual([[actor, 'DE01'], [actor, 'DE01']]);
  // The first change started from the default calendar, whose functional currency is the reporting currency.
  expect(audit[0]!.details).toEqual({
    before: null,
    after: { entity: 'DE01', name: 'Closewatch GmbH', time_zone: 'Europe/Berlin', functional_currency: 'CHF', close_working_days: 3, materiality: '2500.50' },
  });
  expect(audit[1]!.details).toMatchObject({ before: { functional_currency: 'CHF' }, after: { functional_currency: 'EUR', close_working_days: 3 } });
});

it('adds and removes a holiday, and the business calendar follows', async () => {
  const added = await api.settings.addHoliday({ entity: 'DE01', date: '2026-12-24', name: 'Christmas Eve' });
  expect(added.calendarSync).toEqual({ status: 'synced' });
  expect((await api.settings.get()).settings.entities[0]!.holidays).toEqual(['2026-12-24']);
  expect(await calendarDay('DE01', '2026-12-24')).toEqual({ is_business_day: 0, utc_offset_s: 3600 });

  await api.settings.removeHoliday({ entity: 'DE01', date: '2026-12-24' });
  expect((await api.settings.get()).settings.entities[0]!.holidays).toEqual([]);
  expect(await calendarDay('DE01', '2026-12-24')).toEqual({ is_business_day: 1, utc_offset_s: 3600 });
  expect((await auditLog()).filter((a) => a.target_type === 'holiday').map((a) => [a.action, a.target_id])).toEqual([
    ['settings.holiday.added', 'DE01/2026-12-24'],
    ['settings.holiday.removed', 'DE01/2026-12-24'],
  ]);

  const before = (await auditLog()).length;
  await expect(api.settings.removeHoliday({ entity: 'DE01', date: '2026-12-25' })).rejects.toThrow(/no holiday on 2026-12-25 for entity DE01/);
  expect((await auditLog()).length).toBe(before);
});

it('overrides an SLA policy and falls back to the built-in default when the override is deleted', async () => {
  const key = { documentType: 'supplier_invoice', stage: 'finance.invoice.approved', entity: '*' };
  const policyOf = (view: Awaited<ReturnType<typeof api.settings.get>>) => {
    const i = view.settings.slaPolicies.findIndex((p) => p.documentType === key.documentType && p.stage === key.stage && p.entity === '*');
    return { ...view.settings.slaPolicies[i], isDefault: view.isDefault.slaPolicies[i] };
  };
  expect(policyOf(await api.settings.get())).toMatchObject({ amount: 1, unit: 'business_days', isDefault: true });
  await api.settings.upsertSlaPolicy({ ...key, amount: 6, unit: 'hours' });
  expect(policyOf(await api.settings.get())).toMatchObject({ amount: 6, unit: 'hours', isDefault: false });
  await api.settings.upsertSlaPolicy({ ...key, amount: 8, unit: 'hours' });
  await api.settings.upsertSlaPolicy({ ...key, entity: 'DE01', amount: 2, unit: 'business_days' });
  const view = await api.settings.get();
  expect(policyOf(view)).toMatchObject({ amount: 8, isDefault: false });
  expect(view.settings.slaPolicies).toContainEqual({ ...key, entity: 'DE01', amount: 2, unit: 'business_days' });

  await api.settings.deleteSlaPolicy(key);
  expect(policyOf(await api.settings.get())).toMatchObject({ amount: 1, unit: 'business_days', isDefault: true });
  await expect(api.settings.deleteSlaPolicy(key)).rejects.toThrow(/built-in defaults cannot be deleted/);
  expect((await auditLog()).filter((a) => a.target_type === 'sla_policy').map((a) => [a.action, a.details.before])).toEqual([
    ['settings.sla_policy.upserted', null],
    ['settings.sla_policy.upserted', { amount: 6, unit: 'hours' }],
    ['settings.sla_policy.upserted', null],
    ['settings.sla_policy.deleted', { document_type: 'supplier_invoice', stage: 'finance.invoice.approved', entity: '*', amount: 8, unit: 'hours' }],
  ]);
});

it('sets matching tolerances per entity, starting from the defaults', async () => {
  await api.settings.updateMatching({ entity: 'DE01', amountTolerance: '0.05', dateWindowDays: 5 });
  const view = await api.settings.get();
  expect(view.settings.matching.DE01).toEqual({
    amountTolerance: '0.05', dateWindowDays: 5, receiptApplyDays: 2, confirmationSlaHours: 24, duplicateWindowDays: 30, duplicateMaxDistance: 2,
  });
  expect(view.settings.matching['*']!.amountTolerance).toBe('0.01');
  expect(view.isDefault.matching).toEqual({ '*': true, DE01: false });
  expect((await auditLog()).at(-1)).toMatchObject({ actor, action: 'settings.matching.updated', target_id: 'DE01' });
});

it('refuses bad values with the field named, and changes nothing', async () => {
  const before = { view: await api.settings.get(), audit: (await auditLog()).length };
  expect(await refusedFields(api.settings.updateEntityCalendar({ entity: 'DE01', timeZone: 'Mars/Olympus_Mons' }))).toEqual(['timeZone']);
  expect(await refusedFields(api.settings.updateEntityCalendar({ entity: 'DE01', timeZone: '+01:00' }))).toEqual(['timeZone']);
  expect(await refusedFields(api.settings.updateEntityCalendar({ entity: 'DE01', closeWorkingDays: -1 }))).toEqual(['closeWorkingDays']);
  expect(await refusedFields(api.settings.updateEntityCalendar({ entity: 'DE01', materiality: '-5' }))).toEqual(['materiality']);
  expect(await refusedFields(api.settings.updateEntityCalendar({ entity: 'DE01', functionalCurrency: 'XYZ' }))).toEqual(['functionalCurrency']);
  expect(await refusedFields(api.settings.updateEntityCalendar({ entity: "x' OR 1=1 --" }))).toEqual(['entity']);
  expect(await refusedFields(api.settings.updateReportingCurrency({ reportingCurrency: 'EURO' }))).toEqual(['reportingCurrency']);
  expect(await refusedFields(api.settings.addHoliday({ entity: 'DE01', date: '24.12.2026', name: 'x' }))).toEqual(['date']);
  expect(await refusedFields(api.settings.upsertSlaPolicy({ documentType: 'payment', stage: 'finance.payment.lost', amount: 0, unit: 'days' as 'hours' })))
    .toEqual(['stage', 'amount', 'unit']);
  expect(await refusedFields(api.settings.updateMatching({ entity: '*', dateWindowDays: -3 }))).toEqual(['dateWindowDays']);
  await expect(api.settings.updateEntityCalendar({ entity: 'DE01', timeZone: 'Mars/Olympus_Mons' })).rejects.toThrow(/must be an IANA time zone/);
  expect(await api.settings.get()).toEqual(before.view);
  expect((await auditLog()).length).toBe(before.audit);
});
