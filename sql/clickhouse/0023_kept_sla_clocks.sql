-- Stuck documents kept between reads (server/sla-clocks/kept-sla-clocks.ts): every document in
-- a stage with an SLA policy, with its SLA and due time, one generation at a time.
--
-- A "now" read of stuck documents otherwise merges the document snapshot with what changed
-- since, and computes each candidate's due time through the policies and the business
-- calendar, every time. A due time depends only on the document's stage, entry time and the
-- settings, so a background step writes it down; a read takes the rows due before now, except
-- for the documents changed since the generation's watermark, which it reads afresh from
-- document_state by primary key (sql/queries/kept-sla-clocks.sql.ts). A generation names the
-- SLA settings (policies and calendars) it was computed with: under others a read recomputes
-- everything. Old generations' partitions are dropped a couple of minutes after a newer one.
CREATE TABLE IF NOT EXISTS {{table:sla_clocks}} {{on_cluster}}
(
    generation         UInt64 COMMENT 'the build, epoch ms on the engine''s clock',
    entity             LowCardinality(String),
    document_type      LowCardinality(String),
    document_id        String,
    stage              LowCardinality(String),
    stage_entered_at   DateTime64(3, 'UTC'),
    amount             Nullable(Decimal(38, 4)),
    currency           LowCardinality(String),
    counterparty_id    String,
    counterparty_name  String,
    sources            Array(String),
    sla_amount         UInt32,
    sla_unit           LowCardinality(String),
    due_at             DateTime64(3, 'UTC')
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (due_at, entity, document_type, document_id);

{{distributed:sla_clocks:cityHash64(entity, document_id)}};

CREATE TABLE IF NOT EXISTS {{table:sla_clock_generations}} {{on_cluster}}
(
    generation         UInt64,
    watermark          DateTime64(3, 'UTC') COMMENT 'document_state rows written after this are read afresh',
    settings           String COMMENT 'the SLA policies and business calendars the due times were computed with (JSON)',
    built_at           DateTime64(3, 'UTC'),
    documents          UInt64,
    build_ms           UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY generation;

{{distributed:sla_clock_generations:cityHash64(generation)}};
