// The shape of metrics.closeRisk's answer as the overview reads it (a structural subset of
// server/metrics/close-risk.ts' CloseRiskResult), so the mapping can be tested on plain rows.

export interface CloseRiskComponentRow {
  component: string;
  label: string;
  /** In the reporting currency; null when a rate is missing. */
  money_at_risk: string | null;
  documents: number;
  /** Points this component adds to the score. */
  contribution: number;
  detail: { text: string };
}

export interface CloseRiskEntityRow {
  entity: string;
  name: string;
  time_zone: string;
  /** YYYY-MM-DD */
  period_end: string;
  /** YYYY-MM-DD, or null when the calendar does not reach that far. */
  deadline: string | null;
  working_days_left: number | null;
  past_deadline?: boolean;
  score: number;
  level: 'low' | 'medium' | 'high';
  components: CloseRiskComponentRow[];
  missing_rates: { currency: string; date: string }[];
}

export interface CloseRiskAnswer {
  period: string;
  reporting_currency: string;
  entities: CloseRiskEntityRow[];
}
