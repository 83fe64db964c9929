// The settings API: read the finance settings in force (and which values are built-in
// defaults), and change them — reporting currency, entity calendars, holidays, SLA policies,
// matching tolerances. Every change is audited; calendar changes re-sync ClickHouse's
// business calendar. Mount as `settings: settingsRouter` in the app router.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/postgres/database-schema.ts';
import type { Context } from '../trpc/context.ts';
import { publicProcedure, router } from '../trpc/trpc.ts';
import { defaultEntity, defaultMatching, defaultReportingCurrency, defaultSlaPolicies } from './default-settings.ts';
import { calendarOf, loadFinanceSettings } from './finance-settings.ts';
import {
  entityCalendarInput, holidayInput, holidayKeyInput, matchingInput, reportingCurrencyInput, slaPolicyInput, slaPolicyKeyInput,
} from './settings-input.ts';
import {
  addHoliday, deleteSlaPolicy, removeHoliday, resyncBusinessCalendar, updateEntityCalendar, updateMatching, updateReportingCurrency,
  upsertSlaPolicy, type CalendarSync,
} from './update-settings.ts';

/** The resolved settings, and for each overridable value whether it is still the built-in default. */
export async function settingsView(db: Kysely<Database>) {
  const [settings, reporting, slaRows, matchingRows] = await Promise.all([
    loadFinanceSettings(db),
    db.selectFrom('reporting_settings').select('id').executeTakeFirst(),
    db.selectFrom('sla_policies').select(['document_type', 'stage', 'entity']).execute(),
    db.selectFrom('matching_settings').select('entity').execute(),
  ]);
  const configuredSla = new Set(slaRows.map((r) => `${r.document_type}|${r.stage}|${r.entity}`));
  const configuredMatching = new Set(matchingRows.map((r) => r.entity));
  return {
    settings,
    /** The calendar of every entity without settings of its own. */
    defaultCalendar: calendarOf(settings, '*'),
    isDefault: {
      reportingCurrency: reporting === undefined,
      /** Same order as settings.slaPolicies. */
      slaPolicies: settings.slaPolicies.map((p) => !configuredSla.has(`${p.documentType}|${p.stage}|${p.entity}`)),
      matching: Object.fromEntries(Object.keys(settings.matching).map((entity) => [entity, !configuredMatching.has(entity)])),
    },
    builtInDefaults: { reportingCurrency: defaultReportingCurrency, entity: defaultEntity, matching: defaultMatching, slaPolicies: defaultSlaPolicies },
  };
}

/** After a change: the settings now in force, and (for calendar changes) how the ClickHouse re-sync went. */
async function changed(ctx: Context, calendarAffected: boolean): Promise<Awaited<ReturnType<typeof settingsView>> & { calendarSync: CalendarSync | null }> {
  const calendarSync = calendarAffected ? await resyncBusinessCalendar(ctx.ch, ctx.db) : null;
  return { ...(await settingsView(ctx.db)), calendarSync };
}

export const settingsRouter = router({
  get: publicProcedure.query(({ ctx }) => settingsView(ctx.db)),
  updateReportingCurrency: publicProcedure.input(reportingCurrencyInput).mutation(async ({ ctx, input }) => {
    await updateReportingCurrency(ctx.db, ctx.actor, input.reportingCurrency);
    return changed(ctx, false);
  }),
  updateEntityCalendar: publicProcedure.input(entityCalendarInput).mutation(async ({ ctx, input }) => {
    await updateEntityCalendar(ctx.db, ctx.actor, input);
    return changed(ctx, true);
  }),
  addHoliday: publicProcedure.input(holidayInput).mutation(async ({ ctx, input }) => {
    await addHoliday(ctx.db, ctx.actor, input);
    return changed(ctx, true);
  }),
  removeHoliday: publicProcedure.input(holidayKeyInput).mutation(async ({ ctx, input }) => {
    await removeHoliday(ctx.db, ctx.actor, input);
    return changed(ctx, true);
  }),
  upsertSlaPolicy: publicProcedure.input(slaPolicyInput).mutation(async ({ ctx, input }) => {
    await upsertSlaPolicy(ctx.db, ctx.actor, input);
    return changed(ctx, false);
  }),
  deleteSlaPolicy: publicProcedure.input(slaPolicyKeyInput).mutation(async ({ ctx, input }) => {
    await deleteSlaPolicy(ctx.db, ctx.actor, input);
    return changed(ctx, false);
  }),
  updateMatching: publicProcedure.input(matchingInput).mutation(async ({ ctx, input }) => {
    await updateMatching(ctx.db, ctx.actor, input);
    return changed(ctx, false);
  }),
});
