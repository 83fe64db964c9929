// The simulated group's finance settings, as its admin would enter them: each entity's time
// zone, functional currency, close calendar (period end + 5 working days), materiality in the
// reporting currency (scaled to the entity's share of volume) and the bank holidays around the
// year-end close. The demo writes them once, so dates, deadlines and close-risk scores read as
// they would for a real group.
import { legalEntities } from './legal-entities.ts';

export interface DemoEntitySettings {
  entity: string;
  name: string;
  timeZone: string;
  functionalCurrency: string;
  closeWorkingDays: number;
  /** Exact decimal, reporting currency. */
  materiality: string;
  holidays: { date: string; name: string }[];
}

/** Group materiality, shared out by each entity's share of the document volume. */
const groupMateriality = 2_500_000;

const holidaysByCountry: Record<string, { date: string; name: string }[]> = {
  DE: [
    { date: '2026-10-03', name: 'Tag der Deutschen Einheit' },
    { date: '2026-12-25', name: '1. Weihnachtstag' },
    { date: '2026-12-26', name: '2. Weihnachtstag' },
    { date: '2027-01-01', name: 'Neujahr' },
  ],
  GB: [
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    { date: '2027-01-01', name: "New Year's Day" },
  ],
  US: [
    { date: '2026-11-11', name: 'Veterans Day' },
    { date: '2026-11-26', name: 'Thanksgiving Day' },
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2027-01-01', name: "New Year's Day" },
  ],
  NL: [
    { date: '2026-12-25', name: 'Eerste Kerstdag' },
    { date: '2026-12-26', name: 'Tweede Kerstdag' },
    { date: '2027-01-01', name: 'Nieuwjaarsdag' },
  ],
  JP: [
    { date: '2026-11-03', name: '文化の日' },
    { date: '2026-11-23', name: '勤労感謝の日' },
    { date: '2026-12-31', name: '銀行休業日' },
    { date: '2027-01-01', name: '元日' },
  ],
};

export function demoEntitySettings(): DemoEntitySettings[] {
  return legalEntities.map((e) => ({
    entity: e.code,
    name: e.name,
    timeZone: e.timeZone,
    functionalCurrency: e.currency,
    closeWorkingDays: 5,
    materiality: String(Math.round(groupMateriality * e.weight)),
    holidays: holidaysByCountry[e.country] ?? [],
  }));
}
