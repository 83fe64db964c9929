-- Delayed bank confirmations kept between reads (server/bank-confirmations/kept-confirmations.ts):
-- every payment that needs attention now or will once its confirmation SLA passes — rejected,
-- returned, or sent without a bank status — with what the answer shows, one generation at a
-- time. A "now" read applies the SLA to these rows and reads afresh only the payments whose
-- confirmation or settlement state was written after the generation's watermark, and those
-- with an event dated after now (sql/queries/kept-confirmations.sql.ts). The rows depend on
-- no setting (the SLA is applied when reading). Old generations' partitions are dropped a
-- couple of minutes after a newer one.
CREATE TABLE IF NOT EXISTS {{table:watched_confirmations}} {{on_cluster}}
(
    generation         UInt64 COMMENT 'the build, epoch ms on the engine''s clock',
    entity             LowCardinality(String),
    document_id        String,
    amount             Nullable(Decimal(38, 4)),
    currency           LowCardinality(String),
    counterparty_id    String,
    counterparty_name  String,
    was_sent           UInt8,
    sent_at            DateTime64(3, 'UTC'),
    bank_statuses      UInt8,
    rejected           UInt8,
    returned           UInt8,
    refused_at         DateTime64(3, 'UTC'),
    reason_code        String,
    bank               String,
    sources            Array(String)
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (entity, document_id);

{{distributed:watched_confirmations:cityHash64(entity, document_id)}};

CREATE TABLE IF NOT EXISTS {{table:watched_confirmation_generations}} {{on_cluster}}
(
    generation         UInt64,
    watermark          DateTime64(3, 'UTC') COMMENT 'confirmation and settlement state rows written after this are read afresh',
    settings           String COMMENT 'none: the rows depend on no setting',
    built_at           DateTime64(3, 'UTC'),
    payments           UInt64,
    build_ms           UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY generation;

{{distributed:watched_confirmation_generations:cityHash64(generation)}};
