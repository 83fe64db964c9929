// metrics.closeRisk for the overview (one entity when the global filter names one), mapped to
// the ranked list and top risks.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';
import type { CloseRiskAnswer } from './close-risk-answer.ts';
import { toCloseRiskView } from './close-risk-ranking.ts';

const select = (answer: CloseRiskAnswer) => toCloseRiskView(answer);

export function useCloseRisk(refetchInterval: number | false, entity?: string) {
  const trpc = useTRPC();
  return useQuery(trpc.metrics.closeRisk.queryOptions(entity === undefined ? {} : { entities: [entity] }, { refetchInterval, select }));
}
