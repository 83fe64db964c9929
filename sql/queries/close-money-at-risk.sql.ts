// Close risk, money part: every money component's documents at risk read ONCE for all
// entities (UNION ALL, so the branches run in parallel), cut to the period (a problem that
// started after the entity's period end is next period's), each document counted once (in
// the most specific component, by registry order), summed per component, entity and
// currency, converted to the reporting currency at the entity's closing rate date, and
// summed per component and entity. Missing rates are listed, never taken as zero.
import { chSql, join, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';
import { withReportingAmountSql } from './fx-rates.sql.ts';

/** A value per entity: `entities[i]` has `values[i]`, any other entity `fallback`. */
export interface PerEntityText {
  entities: string[];
  values: string[];
  fallback: string;
}

export interface MoneyAtRiskQuery {
  /** In priority order; each rows subquery has entity, document_type, document_id, currency, amount, since, age_hours. */
  components: { name: string; rows: ChSql }[];
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC: the first instant after each entity's period. */
  periodEndUtc: PerEntityText;
  /** YYYY-MM-DD: the date each entity's money converts at. */
  fxDate: PerEntityText;
  reportingCurrency: string;
  /** Rates known at this moment ('YYYY-MM-DD hh:mm:ss.sss' UTC). */
  asOf: string;
  scale: number;
}

const perEntity = (v: PerEntityText): ChSql => chSql`transform(entity, ${p.strings(v.entities)}, ${p.strings(v.values)}, ${p.string(v.fallback)})`;

export interface MoneyAtRiskRow {
  component: string;
  entity: string;
  document_count: string;
  oldest_hours: number;
  /** Sum of what converted, in the reporting currency. */
  known_amount: string;
  missing_rates: [string, string][];
  by_currency: [string, string | null, string][];
}

/** One row per (component, entity) with money at risk. */
export function moneyAtRiskSql(q: MoneyAtRiskQuery): ChSql {
  const branches = q.components.map((c, i) => chSql`SELECT ${p.string(c.name)} AS component, ${p.uint32(i)} AS priority,
      toString(entity) AS entity, toString(document_type) AS document_type, toString(document_id) AS document_id,
      toString(currency) AS currency, CAST(amount AS Nullable(Decimal(38, 4))) AS amount,
      toDateTime64(since, 3, 'UTC') AS since, toFloat64(age_hours) AS age_hours
    FROM ${c.rows}`);
  const perCurrency = chSql`(SELECT component, entity, currency, sum(amount) AS amount, count() AS documents,
        max(age_hours) AS oldest_age_hours, toDate(${perEntity(q.fxDate)}) AS fx_day
      FROM (SELECT * FROM (${join(branches, ' UNION ALL ')})
            WHERE since < toDateTime64(${perEntity(q.periodEndUtc)}, 3, 'UTC')
            ORDER BY priority LIMIT 1 BY entity, document_type, document_id)
      GROUP BY component, entity, currency)`;
  const converted = withReportingAmountSql({ rows: perCurrency, date: chSql`fx_day`, reportingCurrency: q.reportingCurrency, asOf: q.asOf, scale: q.scale });
  return chSql`SELECT component, entity, toString(sum(documents)) AS document_count, max(oldest_age_hours) AS oldest_hours,
      toString(ifNull(sum(reporting_amount), 0)) AS known_amount,
      arraySort(groupArrayIf((currency, toString(fx_date)), fx_missing)) AS missing_rates,
      arraySort(groupArray((currency, if(amount IS NULL, NULL, toString(amount)), toString(documents)))) AS by_currency
    FROM ${converted}
    GROUP BY component, entity
    ORDER BY component, entity`;
}
