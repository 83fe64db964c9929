// The demo's finance settings: written once for the simulated group (time zones, close
// calendar, materiality, holidays), audited, and never over an admin's later change.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoSettings } from '../../server/supervisor/demo-settings.ts';
import { calendarOf, loadFinanceSettings } from '../../server/settings/finance-settings.ts';
import { freshDatabase, type FreshDatabase } from '../support/postgres.ts';

let postgres: FreshDatabase;
beforeAll(async () => {
  postgres = await freshDatabase({ migrated: true });
});
afterAll(() => postgres?.close());

it('writes each simulated entity with its zone, currency, materiality and holidays, audited', async () => {
  expect(await seedDemoSettings(postgres.db)).toEqual({ entities: ['DE01', 'GB01', 'US01', 'NL01', 'JP01'] });
  const settings = await loadFinanceSettings(postgres.db);
  const us = calendarOf(settings, 'US01');
  expect([us.timeZone, us.functionalCurrency, us.closeWorkingDays]).toEqual(['America/New_York', 'USD', 5]);
  // group materiality 2,500,000 × US01's 25 % share of volume
  expect(Number(us.materiality)).toBe(625_000);
  expect(us.holidays).toContain('2026-11-26');
  expect(calendarOf(settings, 'JP01').timeZone).toBe('Asia/Tokyo');
  const audit = await postgres.db.selectFrom('audit_log').select(['actor', 'target_id']).where('action', '=', 'settings.entity.seed').execute();
  expect(audit.map((a) => [a.actor, a.target_id])).toHaveLength(5);
});

it('leaves an admin change alone when the demo starts again', async () => {
  await postgres.db.updateTable('entity_settings').set({ time_zone: 'Europe/Paris' }).where('entity', '=', 'DE01').execute();
  expect(await seedDemoSettings(postgres.db)).toEqual({ entities: [] });
  expect(calendarOf(await loadFinanceSettings(postgres.db), 'DE01').timeZone).toBe('Europe/Paris');
});
