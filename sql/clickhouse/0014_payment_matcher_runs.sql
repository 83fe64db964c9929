-- The payment matcher's runs (server/matching/payment-matcher.ts), one row each, written
-- when a run has finished. A run looks only at what changed since the previous run's
-- watermark — settlement_state rows written after it (inserted_at, 0010_state_snapshots.sql)
-- — so its cost follows what arrived, not what is still open; keeping the watermark here
-- rather than in a server's memory means a restarted server carries on where the last run
-- stopped instead of matching everything again.
--
-- The watermark is the run's start on the engine's clock, moved back past every insert
-- still running then and a margin: a row written while the run was reading is looked at
-- again by the next run. A run that stopped before its rules settled (converged = 0) keeps
-- the watermark it started from, so the next run covers the same changes again. Matching
-- settings are part of a run: a run with other settings starts over with a full run.
CREATE TABLE IF NOT EXISTS {{table:payment_matcher_runs}} {{on_cluster}}
(
    run            UInt64 COMMENT 'the run''s start, epoch milliseconds on the engine''s clock',
    mode           LowCardinality(String) COMMENT 'full: everything open | incremental: what changed since the previous watermark',
    settings       String COMMENT 'the matching scopes the run used (JSON)',
    watermark      DateTime64(3, 'UTC') COMMENT 'settlement_state rows written after this are looked at by the next run',
    converged      UInt8 COMMENT '1: the rules found nothing more to match; 0: the next run starts from the same watermark',
    changed_rows   UInt64 COMMENT 'settlement_state rows written since the previous watermark (full: all)',
    cycles         UInt8 COMMENT 'passes of rules 2-4 (a match can free a later pair: another pass until nothing new)',
    matches        UInt64 COMMENT 'full matches recorded by the run',
    started_at     DateTime64(3, 'UTC'),
    run_ms         UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY run;

{{distributed:payment_matcher_runs:cityHash64(run)}};
