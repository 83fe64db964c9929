// Input of metrics.forecastVariance: the common metric filters, the bucket size, the horizon
// and the window of bucket starts, plus paging of the bucket rows.
import { z } from 'zod';
import { metricFilterInput, pageInput } from '../metric-input.ts';
import { bucketCount, maxBuckets } from './forecast-window.ts';

const calendarDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const isCalendarDate = (value: string | undefined): value is string => value !== undefined && calendarDate.safeParse(value).success;

export const forecastVarianceInput = metricFilterInput
  .extend({
    bucket: z.enum(['day', 'week', 'month']).default('week'),
    /** How many days before the bucket start the forecast is read. */
    horizonDays: z.number().int().min(0).max(365).default(7),
    /** First and last bucket start of the window (default: the last 8 buckets up to asOf). */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .merge(pageInput)
  .superRefine((input, ctx) => {
    // Runs even when a field failed its own check; compare only two valid dates.
    if (!isCalendarDate(input.from) || !isCalendarDate(input.to)) return;
    if (input.from > input.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
    else if (bucketCount(input.bucket, input.from, input.to) > maxBuckets) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `window covers more than ${maxBuckets} ${input.bucket} buckets; narrow from/to` });
    }
  });

export type ForecastVarianceInput = z.infer<typeof forecastVarianceInput>;
