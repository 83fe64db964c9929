// The time zone of each entity, from the entity settings the API reports with close risk
// (metrics.closeRisk lists every configured entity with its time_zone). Cached for minutes:
// zones change with settings, not with data. Until it answers, dates show in UTC (and say so).
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import { toEntityZones, type EntityZones } from './entity-zones.ts';

const empty: EntityZones = new Map();
const select = (answer: { entities: { entity: string; time_zone: string }[] }) => toEntityZones(answer.entities);

export function useEntityZones(): EntityZones {
  const trpc = useTRPC();
  const query = useQuery(trpc.metrics.closeRisk.queryOptions({}, { select, staleTime: 10 * 60_000, refetchOnWindowFocus: false }));
  return query.data ?? empty;
}
