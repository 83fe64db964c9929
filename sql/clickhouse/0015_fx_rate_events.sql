-- FX rate events in a narrow table of their own. Every metric converts its totals to the
-- reporting currency (sql/queries/fx-rates.sql.ts), and finding the few thousand rate events
-- among all finance events cost every metric read a scan of finance_events (150–250 ms at
-- 10M events). One row per delivery, as in finance_events: readers count each (source, id)
-- once, and the table collapses redeliveries in the background.
CREATE TABLE IF NOT EXISTS {{table:fx_rate_events}} {{on_cluster}}
(
    source          LowCardinality(String),
    id              String,
    time            DateTime64(3, 'UTC') COMMENT 'business time of the rate event',
    received_at     DateTime64(3, 'UTC'),
    base_currency   LowCardinality(String),
    quote_currency  LowCardinality(String),
    rate_date       Nullable(Date),
    rate            Nullable(Decimal(38, 10)) COMMENT '1 base_currency = rate quote_currency'
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
ORDER BY (source, id);

{{distributed:fx_rate_events:cityHash64(source, id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:fx_rate_events_mv}} {{on_cluster}}
TO {{table:fx_rate_events}}
AS SELECT
    source,
    id,
    time,
    received_at,
    JSONExtractString(data, 'base_currency') AS base_currency,
    JSONExtractString(data, 'quote_currency') AS quote_currency,
    toDateOrNull(JSONExtractString(data, 'rate_date')) AS rate_date,
    toDecimal128OrNull(JSONExtractString(data, 'rate'), 10) AS rate
FROM {{table:finance_events}}
WHERE type = 'finance.fx.rate';

-- Rate events stored before the view existed. Safe to overlap with the view: readers count
-- each (source, id) once. Addresses the tables by name (Distributed on a cluster).
INSERT INTO fx_rate_events
SELECT source, id, time, received_at, JSONExtractString(data, 'base_currency'), JSONExtractString(data, 'quote_currency'),
       toDateOrNull(JSONExtractString(data, 'rate_date')), toDecimal128OrNull(JSONExtractString(data, 'rate'), 10)
FROM finance_events
WHERE type = 'finance.fx.rate';
