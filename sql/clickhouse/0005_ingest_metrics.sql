-- Ingest's own OpenTelemetry metrics (delta temporality, one row per data point and
-- export interval), so the integration-health view can query accepted / rejected /
-- duplicate records per source, spool size, flush latency and lag.
CREATE TABLE IF NOT EXISTS {{table:ingest_metrics}} {{on_cluster}}
(
    time        DateTime64(3, 'UTC'),
    service     LowCardinality(String),
    instance    String,
    metric      LowCardinality(String),
    attributes  Map(LowCardinality(String), String),
    value       Float64 COMMENT 'sum delta or gauge value; histogram sum',
    count       UInt64 COMMENT 'histogram count',
    max         Float64 COMMENT 'histogram max'
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY toYYYYMM(time)
ORDER BY (metric, time)
TTL toDateTime(time) + INTERVAL 90 DAY
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:ingest_metrics:rand()}}
