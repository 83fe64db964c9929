// The finance settings in force: PostgreSQL rows over the built-in defaults, resolved into
// plain objects the metric queries take as parameters.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { defaultEntity, defaultMatching, defaultReportingCurrency, defaultSlaPolicies } from './default-settings.ts';

export interface SlaPolicy {
  documentType: string;
  stage: string;
  /** An entity, or '*' for every entity (an entity's own policy wins). */
  entity: string;
  amount: number;
  unit: 'hours' | 'business_days';
}

export interface EntityCalendar {
  entity: string;
  name: string;
  timeZone: string;
  functionalCurrency: string;
  closeWorkingDays: number;
  materiality: string;
  /** YYYY-MM-DD dates that are not business days besides weekends. */
  holidays: string[];
}

export interface MatchingSettings {
  amountTolerance: string;
  dateWindowDays: number;
  receiptApplyDays: number;
  confirmationSlaHours: number;
  duplicateWindowDays: number;
  duplicateMaxDistance: number;
}

export interface FinanceSettings {
  reportingCurrency: string;
  entities: EntityCalendar[];
  /** Holidays of entities without settings of their own ('*'). */
  defaultHolidays: string[];
  slaPolicies: SlaPolicy[];
  /** Per entity, with '*' as the default. */
  matching: Record<string, MatchingSettings>;
}

export async function loadFinanceSettings(db: Kysely<Database>): Promise<FinanceSettings> {
  const [reporting, entities, holidays, slas, matching] = await Promise.all([
    db.selectFrom('reporting_settings').selectAll().executeTakeFirst(),
    db.selectFrom('entity_settings').selectAll().orderBy('entity').execute(),
    db.selectFrom('holidays').selectAll().orderBy('date').execute(),
    db.selectFrom('sla_policies').selectAll().execute(),
    db.selectFrom('matching_settings').selectAll().execute(),
  ]);
  const holidaysOf = (entity: string) => holidays.filter((h) => h.entity === entity).map((h) => h.date);
  const slaPolicies = new Map(defaultSlaPolicies.map((p) => [`${p.documentType}|${p.stage}|${p.entity}`, p]));
  for (const row of slas) {
    slaPolicies.set(`${row.document_type}|${row.stage}|${row.entity}`, { documentType: row.document_type, stage: row.stage, entity: row.entity, amount: row.amount, unit: row.unit });
  }
  const matchingByEntity: Record<string, MatchingSettings> = { '*': { ...defaultMatching } };
  for (const row of matching) {
    matchingByEntity[row.entity] = {
      amountTolerance: row.amount_tolerance,
      dateWindowDays: row.date_window_days,
      receiptApplyDays: row.receipt_apply_days,
      confirmationSlaHours: row.confirmation_sla_hours,
      duplicateWindowDays: row.duplicate_window_days,
      duplicateMaxDistance: row.duplicate_max_distance,
    };
  }
  return {
    reportingCurrency: reporting?.reporting_currency ?? defaultReportingCurrency,
    entities: entities.map((e) => ({
      entity: e.entity,
      name: e.name,
      timeZone: e.time_zone,
      functionalCurrency: e.functional_currency,
      closeWorkingDays: e.close_working_days,
      materiality: e.materiality,
      holidays: holidaysOf(e.entity),
    })),
    defaultHolidays: holidaysOf('*'),
    slaPolicies: [...slaPolicies.values()],
    matching: matchingByEntity,
  };
}

/** The calendar of an entity, or the default one (UTC, weekends and '*' holidays). */
export function calendarOf(settings: FinanceSettings, entity: string): EntityCalendar {
  return (
    settings.entities.find((e) => e.entity === entity) ?? {
      entity,
      name: entity,
      timeZone: defaultEntity.timeZone,
      functionalCurrency: settings.reportingCurrency,
      closeWorkingDays: defaultEntity.closeWorkingDays,
      materiality: defaultEntity.materiality,
      holidays: settings.defaultHolidays,
    }
  );
}
