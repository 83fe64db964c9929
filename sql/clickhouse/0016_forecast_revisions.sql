-- Cash forecast revisions (`finance.forecast.updated` events) in a narrow table of their own,
-- ordered by the bucket they forecast. Forecast variance reads the revisions of the buckets in
-- its window (sql/queries/forecast-snapshots.sql.ts); among all finance events that was a
-- scan of finance_events and of each revision's JSON (~380 ms at 10M events). One row per
-- delivery, as in finance_events: readers count each (source, id) once.
CREATE TABLE IF NOT EXISTS {{table:forecast_revisions}} {{on_cluster}}
(
    bucket_date       Date COMMENT 'data.bucket_date (1970-01-01: missing or not a date)',
    entity            LowCardinality(String),
    currency          LowCardinality(String),
    document_id       String,
    source            LowCardinality(String),
    id                String,
    time              DateTime64(3, 'UTC'),
    received_at       DateTime64(3, 'UTC'),
    amount            Decimal(38, 4),
    direction         LowCardinality(String) COMMENT 'data.direction: inflow | outflow',
    counterparty_id   String,
    counterparty_name String
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
ORDER BY (bucket_date, entity, currency, document_id, source, id);

{{distributed:forecast_revisions:cityHash64(source, id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:forecast_revisions_mv}} {{on_cluster}}
TO {{table:forecast_revisions}}
AS SELECT
    toDateOrZero(JSONExtractString(data, 'bucket_date')) AS bucket_date,
    entity, currency, document_id, source, id, time, received_at,
    assumeNotNull(amount) AS amount,
    JSONExtractString(data, 'direction') AS direction,
    counterparty_id, counterparty_name
FROM {{table:finance_events}}
WHERE type = 'finance.forecast.updated' AND amount IS NOT NULL;

-- Revisions stored before the view existed. Safe to overlap with the view: readers count
-- each (source, id) once. Addresses the tables by name (Distributed on a cluster).
INSERT INTO forecast_revisions
SELECT toDateOrZero(JSONExtractString(data, 'bucket_date')), entity, currency, document_id, source, id, time, received_at,
       assumeNotNull(amount), JSONExtractString(data, 'direction'), counterparty_id, counterparty_name
FROM finance_events
WHERE type = 'finance.forecast.updated' AND amount IS NOT NULL;
