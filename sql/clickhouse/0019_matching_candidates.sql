-- The open bank entries and documents an incremental pass of matching rules 2 to 4 looks at
-- (those of the counterparties with a change: sql/queries/payment-matching-rules.sql.ts),
-- written once per pass. The three rules then read them from here instead of each reading
-- every entry or document of the settlement snapshot and every match again — at millions
-- of documents that re-reading, not the matching, was the cost of a pass. One partition per
-- pass (its id: epoch ms × 1000 + a random part), dropped when the pass ends; the matcher
-- drops the partitions a crashed run left behind once they are an hour old.
CREATE TABLE IF NOT EXISTS {{table:matching_candidates}} {{on_cluster}}
(
    pass              UInt64,
    side              Enum8('entry' = 1, 'document' = 2),
    entity            LowCardinality(String),
    document_type     LowCardinality(String) COMMENT 'bank_entry | payment | receipt',
    document_id       String,
    direction         LowCardinality(String) COMMENT 'DBIT | CRDT (an entry''s credit_debit)',
    amount            Nullable(Decimal(38, 4)),
    currency          LowCardinality(String),
    counterparty_key  String,
    value_date        Nullable(Date32),
    last_time         DateTime64(3, 'UTC')
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY pass
ORDER BY (entity, currency, direction, counterparty_key);

{{distributed:matching_candidates:cityHash64(entity, counterparty_key)}};
