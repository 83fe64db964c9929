// One metric's answer for the given filters and page, mapped to a MetricView. While another
// page or filter loads, the previous rows stay on screen (dimmed) instead of a loading flash.
// The input's orderBy/direction, when present, come from metric-server-sort.ts for this metric.
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useTRPC, type ApiInputs } from '../lib/trpc.ts';
import type { MetricId } from './metric-catalog.ts';
import type { MetricListInput } from './metric-list-params.ts';
import { fromDelayedConfirmations, fromDuplicatePaymentRisk, fromReceivablesMisalignment, fromStuckDocuments, fromUnmatchedPayments, type MetricView } from './metric-view.ts';

export interface MetricQueryOptions {
  refetchInterval: number | false;
  /** Evaluate as of this instant (ISO), e.g. a day ago for a trend. */
  asOf?: string;
  enabled?: boolean;
}

export function useMetricView(metric: MetricId, input: MetricListInput, options: MetricQueryOptions): UseQueryResult<MetricView> {
  const trpc = useTRPC();
  // orderBy is only ever set from metric-server-sort.ts's typed map for this metric's procedure
  const full = (options.asOf === undefined ? input : { ...input, asOf: options.asOf }) as ApiInputs['metrics']['unmatchedPayments'] &
    ApiInputs['metrics']['duplicatePaymentRisk'] & ApiInputs['metrics']['receivablesMisalignment'];
  const common = { refetchInterval: options.refetchInterval, placeholderData: keepPreviousData, enabled: options.enabled ?? true };
  // Each branch is fully typed; only the mapped result (MetricView) is shared.
  const query =
    metric === 'stuck-documents'
      ? trpc.metrics.stuckDocuments.queryOptions(full, { ...common, select: fromStuckDocuments })
      : metric === 'unmatched-payments'
        ? trpc.metrics.unmatchedPayments.queryOptions(full, { ...common, select: fromUnmatchedPayments })
        : metric === 'delayed-confirmations'
          ? trpc.metrics.delayedConfirmations.queryOptions(full, { ...common, select: fromDelayedConfirmations })
          : metric === 'duplicate-payment-risk'
            ? trpc.metrics.duplicatePaymentRisk.queryOptions(full, { ...common, select: fromDuplicatePaymentRisk })
            : trpc.metrics.receivablesMisalignment.queryOptions(full, { ...common, select: fromReceivablesMisalignment });
  return useQuery(query as unknown as Parameters<typeof useQuery<unknown, Error, MetricView>>[0]) as UseQueryResult<MetricView>;
}
