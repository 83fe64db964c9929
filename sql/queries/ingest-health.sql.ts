// Ingest's own health from its metrics: records per source by outcome over a window, and the
// latest spool size, lag and flush latency per ingest instance.
import { chSql, p, type ChSql } from '../../platform/clickhouse/sql-template.ts';

export interface IngestSourceRow {
  source: string;
  accepted: string;
  rejected: string;
  duplicates: string;
  last_seen: string;
}

export function ingestRecordsBySourceSql(window: { from: string; to: string }): ChSql {
  return chSql`
    SELECT attributes['source'] AS source,
           toString(toUInt64(round(sumIf(value, attributes['outcome'] = 'accepted')))) AS accepted,
           toString(toUInt64(round(sumIf(value, attributes['outcome'] = 'rejected')))) AS rejected,
           toString(toUInt64(round(sumIf(value, attributes['outcome'] = 'duplicate')))) AS duplicates,
           toString(max(time)) AS last_seen
    FROM ingest_metrics
    WHERE metric = 'closewatch.ingest.records' AND time >= ${p.dateTime64(window.from)} AND time < ${p.dateTime64(window.to)}
    GROUP BY source
    ORDER BY source`;
}

export interface IngestInstanceRow {
  instance: string;
  spool_bytes: number;
  lag_ms: number;
  flush_avg_ms: number;
  flush_max_ms: number;
  last_report: string;
}

export function ingestInstancesSql(window: { from: string; to: string }): ChSql {
  return chSql`
    SELECT instance,
           argMaxIf(value, time, metric = 'closewatch.ingest.spool.bytes') AS spool_bytes,
           argMaxIf(value, time, metric = 'closewatch.ingest.lag') AS lag_ms,
           sumIf(value, metric = 'closewatch.ingest.flush.duration') / greatest(sumIf(count, metric = 'closewatch.ingest.flush.duration'), 1) AS flush_avg_ms,
           maxIf(max, metric = 'closewatch.ingest.flush.duration') AS flush_max_ms,
           toString(max(time)) AS last_report
    FROM ingest_metrics
    WHERE time >= ${p.dateTime64(window.from)} AND time < ${p.dateTime64(window.to)}
    GROUP BY instance
    ORDER BY instance`;
}
