// Maps ingestHealth's per-instance rows to the instances table: spool size, lag and flush
// latency in readable units, and whether the instance has stopped reporting.
import { formatAge } from '../components/format-age.ts';
import { formatBytes } from '../components/format-bytes.ts';
import { formatDateTime, parseWarehouseTime } from '../components/format-date-time.ts';
import { formatDuration } from '../components/format-duration.ts';
import type { ApiOutputs } from '../lib/trpc.ts';
import { isQuiet, SILENT_INSTANCE_AFTER_MS } from './feed-staleness.ts';

export type IngestInstanceRow = ApiOutputs['integration']['ingestHealth']['instances'][number];

export interface IngestInstance {
  instance: string;
  spoolBytes: number;
  spoolLabel: string;
  lagMs: number;
  lagLabel: string;
  flushAvgMs: number;
  flushAvgLabel: string;
  flushMaxMs: number;
  flushMaxLabel: string;
  lastReportMs: number | null;
  lastReportLabel: string;
  ageLabel: string;
  silent: boolean;
}

export function toIngestInstance(row: IngestInstanceRow, nowMs: number): IngestInstance {
  const lastReportMs = parseWarehouseTime(row.last_report);
  return {
    instance: row.instance,
    spoolBytes: row.spool_bytes,
    spoolLabel: formatBytes(row.spool_bytes),
    lagMs: row.lag_ms,
    lagLabel: formatDuration(row.lag_ms),
    flushAvgMs: row.flush_avg_ms,
    flushAvgLabel: formatDuration(row.flush_avg_ms),
    flushMaxMs: row.flush_max_ms,
    flushMaxLabel: formatDuration(row.flush_max_ms),
    lastReportMs,
    lastReportLabel: lastReportMs === null ? row.last_report || 'never' : formatDateTime(lastReportMs, { seconds: true }),
    ageLabel: lastReportMs === null ? '' : formatAge(lastReportMs, nowMs),
    silent: isQuiet(lastReportMs, nowMs, SILENT_INSTANCE_AFTER_MS),
  };
}
