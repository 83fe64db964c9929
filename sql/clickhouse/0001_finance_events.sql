-- Finance events as received: one row per delivery, identity (source, id).
-- ReplacingMergeTree collapses redeliveries in the background; queries count
-- identities (uniqExact(source, id) / LIMIT 1 BY source, id), never raw rows.
CREATE TABLE IF NOT EXISTS {{table:finance_events}} {{on_cluster}}
(
    source            LowCardinality(String),
    id                String,
    type              LowCardinality(String),
    time              DateTime64(3, 'UTC') COMMENT 'business time in the source system',
    received_at       DateTime64(3, 'UTC') COMMENT 'when ingest acknowledged it',
    subject           String,
    entity            LowCardinality(String),
    document_type     LowCardinality(String),
    document_id       String,
    correlation_id    String,
    counterparty_id   String,
    counterparty_name String,
    amount            Nullable(Decimal(38, 4)),
    currency          LowCardinality(String),
    reference         String,
    data              String COMMENT 'the CloudEvent data object as JSON',
    INDEX idx_document document_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_correlation correlation_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
PARTITION BY toYYYYMM(time)
ORDER BY (source, id)
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:finance_events:cityHash64(source, id)}}
