-- Records ingest refused, with the raw payload and every reason, until replayed.
-- A replay writes a newer version of the row (status 'replayed'), never deletes it.
CREATE TABLE IF NOT EXISTS {{table:quarantine}} {{on_cluster}}
(
    quarantine_id   String,
    received_at     DateTime64(3, 'UTC'),
    channel         LowCardinality(String) COMMENT 'events | traces | bank-files',
    source          String COMMENT 'as claimed by the record, may be empty',
    event_id        String,
    event_type      String,
    api_key_prefix  String,
    raw             String COMMENT 'the record exactly as received',
    error_paths     Array(String),
    error_messages  Array(String),
    status          LowCardinality(String) COMMENT 'quarantined | replayed | replay_failed',
    status_at       DateTime64(3, 'UTC'),
    version         UInt64
)
ENGINE = {{engine:ReplacingMergeTree(version)}}
PARTITION BY toYYYYMM(received_at)
ORDER BY (quarantine_id)
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:quarantine:cityHash64(quarantine_id)}}
