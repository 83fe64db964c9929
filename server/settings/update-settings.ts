// Changes to the finance settings. Each change runs in one PostgreSQL transaction together
// with its audit_log entry (who, what, before → after), so a setting never changes unaudited.
// Values an entity does not set yet start from what is in force (its calendar or '*').
import type { ClickHouseClient } from '@clickhouse/client';
import { TRPCError } from '@trpc/server';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { syncBusinessCalendar } from './business-calendar.ts';
import { calendarOf, loadFinanceSettings } from './finance-settings.ts';
import type { EntityCalendarInput, HolidayInput, HolidayKeyInput, MatchingInput, SlaPolicyInput, SlaPolicyKeyInput } from './settings-input.ts';

type Db = Kysely<Database>;
interface AuditTarget {
  action: string;
  targetType: string;
  targetId: string;
}

/** Runs a change and appends its audit entry in the same transaction; the change returns before/after. */
async function audited(db: Db, actor: string, target: AuditTarget, change: (trx: Transaction<Database>) => Promise<{ before: unknown; after: unknown }>) {
  await db.transaction().execute(async (trx) => {
    const details = await change(trx);
    await trx.insertInto('audit_log').values({ actor, action: target.action, target_type: target.targetType, target_id: target.targetId, details: JSON.stringify(details) }).execute();
  });
}

const notFound = (message: string) => new TRPCError({ code: 'NOT_FOUND', message });

export function updateReportingCurrency(db: Db, actor: string, reportingCurrency: string) {
  return audited(db, actor, { action: 'settings.reporting_currency.updated', targetType: 'reporting_settings', targetId: '1' }, async (trx) => {
    const before = await trx.selectFrom('reporting_settings').select('reporting_currency').executeTakeFirst();
    await trx.insertInto('reporting_settings').values({ id: 1, reporting_currency: reportingCurrency })
      .onConflict((oc) => oc.column('id').doUpdateSet({ reporting_currency: reportingCurrency })).execute();
    return { before: before ?? null, after: { reporting_currency: reportingCurrency } };
  });
}

export function updateEntityCalendar(db: Db, actor: string, input: EntityCalendarInput) {
  return audited(db, actor, { action: 'settings.entity.updated', targetType: 'entity_settings', targetId: input.entity }, async (trx) => {
    const before = await trx.selectFrom('entity_settings').selectAll().where('entity', '=', input.entity).executeTakeFirst();
    const current = calendarOf(await loadFinanceSettings(trx), input.entity);
    const row = {
      entity: input.entity,
      name: input.name ?? current.name,
      time_zone: input.timeZone ?? current.timeZone,
      functional_currency: input.functionalCurrency ?? current.functionalCurrency,
      close_working_days: input.closeWorkingDays ?? current.closeWorkingDays,
      materiality: input.materiality ?? current.materiality,
    };
    const { entity: _, ...changes } = row;
    await trx.insertInto('entity_settings').values(row)
      .onConflict((oc) => oc.column('entity').doUpdateSet({ ...changes, updated_at: sql<Date>`now()` })).execute();
    return { before: before ?? null, after: row };
  });
}

export function addHoliday(db: Db, actor: string, input: HolidayInput) {
  return audited(db, actor, { action: 'settings.holiday.added', targetType: 'holiday', targetId: `${input.entity}/${input.date}` }, async (trx) => {
    const before = await trx.selectFrom('holidays').selectAll().where('entity', '=', input.entity).where('date', '=', input.date).executeTakeFirst();
    await trx.insertInto('holidays').values(input).onConflict((oc) => oc.columns(['entity', 'date']).doUpdateSet({ name: input.name })).execute();
    return { before: before ?? null, after: input };
  });
}

export function removeHoliday(db: Db, actor: string, input: HolidayKeyInput) {
  return audited(db, actor, { action: 'settings.holiday.removed', targetType: 'holiday', targetId: `${input.entity}/${input.date}` }, async (trx) => {
    const removed = await trx.deleteFrom('holidays').where('entity', '=', input.entity).where('date', '=', input.date).returningAll().executeTakeFirst();
    if (!removed) throw notFound(`no holiday on ${input.date} for entity ${input.entity}`);
    return { before: removed, after: null };
  });
}

const slaTarget = (key: SlaPolicyKeyInput) => `${key.documentType}|${key.stage}|${key.entity}`;

export function upsertSlaPolicy(db: Db, actor: string, input: SlaPolicyInput) {
  return audited(db, actor, { action: 'settings.sla_policy.upserted', targetType: 'sla_policy', targetId: slaTarget(input) }, async (trx) => {
    const key = { document_type: input.documentType, stage: input.stage, entity: input.entity };
    const before = await trx.selectFrom('sla_policies').select(['amount', 'unit']).where('document_type', '=', key.document_type)
      .where('stage', '=', key.stage).where('entity', '=', key.entity).executeTakeFirst();
    await trx.insertInto('sla_policies').values({ ...key, amount: input.amount, unit: input.unit })
      .onConflict((oc) => oc.columns(['document_type', 'stage', 'entity']).doUpdateSet({ amount: input.amount, unit: input.unit })).execute();
    return { before: before ?? null, after: { ...key, amount: input.amount, unit: input.unit } };
  });
}

export function deleteSlaPolicy(db: Db, actor: string, input: SlaPolicyKeyInput) {
  return audited(db, actor, { action: 'settings.sla_policy.deleted', targetType: 'sla_policy', targetId: slaTarget(input) }, async (trx) => {
    const removed = await trx.deleteFrom('sla_policies').where('document_type', '=', input.documentType).where('stage', '=', input.stage)
      .where('entity', '=', input.entity).returning(['document_type', 'stage', 'entity', 'amount', 'unit']).executeTakeFirst();
    if (!removed) {
      throw notFound(`no configured SLA policy for ${input.documentType} / ${input.stage} / ${input.entity}; built-in defaults cannot be deleted, override them instead`);
    }
    return { before: removed, after: null };
  });
}

export function updateMatching(db: Db, actor: string, input: MatchingInput) {
  return audited(db, actor, { action: 'settings.matching.updated', targetType: 'matching_settings', targetId: input.entity }, async (trx) => {
    const settings = await loadFinanceSettings(trx);
    const current = settings.matching[input.entity] ?? settings.matching['*']!;
    const before = await trx.selectFrom('matching_settings').selectAll().where('entity', '=', input.entity).executeTakeFirst();
    const row = {
      entity: input.entity,
      amount_tolerance: input.amountTolerance ?? current.amountTolerance,
      date_window_days: input.dateWindowDays ?? current.dateWindowDays,
      receipt_apply_days: input.receiptApplyDays ?? current.receiptApplyDays,
      confirmation_sla_hours: input.confirmationSlaHours ?? current.confirmationSlaHours,
      duplicate_window_days: input.duplicateWindowDays ?? current.duplicateWindowDays,
      duplicate_max_distance: input.duplicateMaxDistance ?? current.duplicateMaxDistance,
    };
    const { entity: _, ...changes } = row;
    await trx.insertInto('matching_settings').values(row).onConflict((oc) => oc.column('entity').doUpdateSet(changes)).execute();
    return { before: before ?? null, after: row };
  });
}

export type CalendarSync = { status: 'synced' } | { status: 'failed'; error: string };

/**
 * Rewrites the ClickHouse business calendar from the settings now in force. Runs after the
 * PostgreSQL change has committed; a failure is reported (the change stays saved, and the
 * calendar is rewritten at the next change or server start).
 */
export async function resyncBusinessCalendar(ch: ClickHouseClient, db: Db): Promise<CalendarSync> {
  try {
    await syncBusinessCalendar(ch, await loadFinanceSettings(db));
    return { status: 'synced' };
  } catch (error) {
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}
