// Which time zone an entity's dates are shown in. The zones come from the entity settings the
// API reports (metrics.closeRisk lists each entity with its time_zone); an entity it does not
// know is shown in UTC, and every date says which zone it is in.

export type EntityZones = ReadonlyMap<string, string>;

export function zoneOf(zones: EntityZones, entity: string): string {
  return zones.get(entity) ?? 'UTC';
}

export function toEntityZones(entities: readonly { entity: string; time_zone: string }[]): EntityZones {
  return new Map(entities.filter((e) => e.time_zone !== '').map((e) => [e.entity, e.time_zone]));
}
