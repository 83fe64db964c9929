// Row types of the finance settings tables (entities, holidays, SLAs, matching, reporting).
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface EntitySettingsTable {
  entity: string;
  name: string;
  /** IANA time zone, e.g. Europe/Berlin. */
  time_zone: string;
  functional_currency: string;
  /** Close deadline: period end + this many working days. */
  close_working_days: ColumnType<number, number | undefined, number>;
  /** Money below this (reporting currency) is not material. NUMERIC as a string. */
  materiality: ColumnType<string, string | undefined, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface HolidaysTable {
  entity: string;
  /** YYYY-MM-DD. */
  date: ColumnType<string, string, string>;
  name: string;
}

export interface SlaPoliciesTable {
  id: Generated<string>;
  document_type: string;
  /** The event type that enters the stage, e.g. finance.invoice.approved. */
  stage: string;
  /** An entity, or '*' for every entity. */
  entity: ColumnType<string, string | undefined, string>;
  amount: number;
  unit: 'hours' | 'business_days';
}

export interface MatchingSettingsTable {
  /** An entity, or '*' for the default. */
  entity: string;
  amount_tolerance: string;
  date_window_days: number;
  receipt_apply_days: number;
  confirmation_sla_hours: number;
  duplicate_window_days: number;
  duplicate_max_distance: number;
}

export interface ReportingSettingsTable {
  id: number;
  reporting_currency: string;
}

export type EntitySettings = Selectable<EntitySettingsTable>;
export type SlaPolicyRow = Selectable<SlaPoliciesTable>;
export type MatchingSettingsRow = Selectable<MatchingSettingsTable>;
