// The unmatched-payments and delayed-confirmations procedures, spread into metricsRouter.
import { z } from 'zod';
import { loadFinanceSettings } from '../settings/finance-settings.ts';
import { publicProcedure } from '../trpc/trpc.ts';
import { confirmationSortColumns, delayedConfirmations } from './delayed-confirmations.ts';
import { metricFilterInput, pageInput, sortInput } from './metric-input.ts';
import { servedMetric } from './snapshots/served-metric.ts';
import { unmatchedPayments, unmatchedSortColumns } from './unmatched-payments.ts';

const unmatchedKind = z.enum(['bank_entry_unmatched', 'payment_unsettled', 'receipt_unapplied']);

export const paymentMetricsRouterEntries = {
  unmatchedPayments: publicProcedure
    .input(metricFilterInput.extend({ kinds: z.array(unmatchedKind).max(3).optional() }).merge(pageInput).merge(sortInput(unmatchedSortColumns)))
    .query(async ({ ctx, input }) => {
      const settings = await loadFinanceSettings(ctx.db);
      return servedMetric(ctx, 'unmatchedPayments', input, settings, () => unmatchedPayments(ctx.ch, settings, input));
    }),
  delayedConfirmations: publicProcedure
    .input(metricFilterInput.merge(pageInput).merge(sortInput(confirmationSortColumns)))
    .query(async ({ ctx, input }) => {
      const settings = await loadFinanceSettings(ctx.db);
      return servedMetric(ctx, 'delayedConfirmations', input, settings, () => delayedConfirmations(ctx.ch, settings, input));
    }),
};
