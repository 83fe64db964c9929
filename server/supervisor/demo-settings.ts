// Writes the simulated group's finance settings (simulator/company/demo-settings.ts) the first
// time the demo starts: only rows that do not exist yet, so an admin's later changes survive
// restarts. Each entity written is audited as done by 'demo-setup'.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/postgres/database-schema.ts';
import { demoEntitySettings } from '../../simulator/company/demo-settings.ts';

export async function seedDemoSettings(db: Kysely<Database>): Promise<{ entities: string[] }> {
  const written: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const e of demoEntitySettings()) {
      const inserted = await tx
        .insertInto('entity_settings')
        .values({ entity: e.entity, name: e.name, time_zone: e.timeZone, functional_currency: e.functionalCurrency, close_working_days: e.closeWorkingDays, materiality: e.materiality })
        .onConflict((oc) => oc.column('entity').doNothing())
        .returning('entity')
        .executeTakeFirst();
      if (!inserted) continue;
      written.push(e.entity);
      if (e.holidays.length) {
        await tx
          .insertInto('holidays')
          .values(e.holidays.map((h) => ({ entity: e.entity, date: h.date, name: h.name })))
          .onConflict((oc) => oc.columns(['entity', 'date']).doNothing())
          .execute();
      }
      await tx
        .insertInto('audit_log')
        .values({ actor: 'demo-setup', action: 'settings.entity.seed', target_type: 'entity', target_id: e.entity, details: JSON.stringify(e) })
        .execute();
    }
  });
  return { entities: written };
}
