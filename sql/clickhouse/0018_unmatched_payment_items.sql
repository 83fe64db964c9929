-- Unmatched payments as the payment matcher (server/matching/payment-matcher.ts) leaves them
-- after each run: one row per settlement document it looked at, open = 1 with the columns the
-- unmatched payments answer shows when the document meets the unmatched rule apart from its
-- due time (matches known at the run's start), open = 0 when it no longer does. A read takes
-- the open rows as they are, except for the documents changed since the run — settlement
-- rows written after its watermark, matches written since it started, and volatile rows
-- (a match dated after the run's start, so "known now" may differ) — which it recomputes
-- (sql/queries/unmatched-payment-items.sql.ts). A document's row changes only when its
-- state or its matches change, and both bring it back to the matcher, so the answer is the
-- same as applying the rule to every document.
--
-- A full flagging (a full matcher run, the first run after this migration, or when closed
-- rows outnumber open ones) writes a new epoch (partition); incremental runs write into the
-- latest epoch; epochs before the previous one are dropped. payment_matcher_runs.items_epoch
-- names the epoch a run left complete (0: none, so reads use the rule over everything).
CREATE TABLE IF NOT EXISTS {{table:unmatched_payment_items}} {{on_cluster}}
(
    epoch              UInt64 COMMENT 'the full flagging this row belongs to (its run, epoch ms)',
    entity             LowCardinality(String),
    document_type      LowCardinality(String) COMMENT 'bank_entry | payment | receipt',
    document_id        String,
    open               UInt8,
    volatile           UInt8 COMMENT '1: a match of this document is dated after flagged_at; read recomputes it',
    kind               LowCardinality(String),
    currency           LowCardinality(String),
    amount             Nullable(Decimal(38, 4)),
    counterparty_id    String,
    counterparty_name  String,
    sources            Array(String),
    since              DateTime64(3, 'UTC'),
    difference         String,
    flagged_at         DateTime64(3, 'UTC') COMMENT 'the run''s start (engine clock): the latest row of a document wins'
)
ENGINE = {{engine:ReplacingMergeTree(flagged_at)}}
PARTITION BY epoch
ORDER BY (entity, document_type, document_id);

{{distributed:unmatched_payment_items:cityHash64(entity, document_id)}};

ALTER TABLE {{table:payment_matcher_runs}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS items_epoch UInt64 DEFAULT 0;

{{distributed_alter:payment_matcher_runs:ADD COLUMN IF NOT EXISTS items_epoch UInt64 DEFAULT 0}};
