-- Duplicate payment risk kept between reads (server/duplicates/build-duplicate-pairs.ts).
--
-- Finding the pairs "now" means putting every supplier invoice's captures together and
-- pairing each (entity, supplier, currency, amount) group: at millions of invoices that is a
-- second, however few invoices changed. So a background step writes it down, one generation
-- at a time: every live capture, ordered by its group, and the pairs found among them. A read
-- takes the kept pairs as they are, except for the groups an invoice changed since the
-- generation's watermark touches — the groups of its captures now and of its kept pairs —
-- which it pairs again from the kept captures of their other invoices and the changed
-- invoices' captures as they are now (sql/queries/kept-duplicate-pairs.sql.ts). Payment
-- status is kept as its inputs (scheduled, first payment) and decided at the read's moment.
--
-- A generation is complete once registered in duplicate_pair_generations, with the settings
-- (window, distance per entity) its pairs were found with: a read under other settings
-- recomputes everything. Old generations' partitions are dropped a couple of minutes after a
-- newer one is registered.
CREATE TABLE IF NOT EXISTS {{table:duplicate_captures}} {{on_cluster}}
(
    generation         UInt64 COMMENT 'the build, epoch ms on the engine''s clock',
    entity             LowCardinality(String),
    counterparty_id    String,
    currency           LowCardinality(String),
    amount             Decimal(38, 4),
    document_id        String,
    source             LowCardinality(String),
    counterparty_name  String,
    reference          String,
    reference_key      String COMMENT 'the normalised reference compared',
    received_at        DateTime64(3, 'UTC'),
    sources            Array(String) COMMENT 'every source that captured the invoice',
    scheduled          UInt8,
    paid_at            Nullable(DateTime64(3, 'UTC')) COMMENT 'first payment naming the invoice (business time)'
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (entity, counterparty_id, currency, amount, document_id, source);

{{distributed:duplicate_captures:cityHash64(entity, counterparty_id)}};

CREATE TABLE IF NOT EXISTS {{table:duplicate_pairs}} {{on_cluster}}
(
    generation         UInt64,
    entity             LowCardinality(String),
    counterparty_id    String,
    currency           LowCardinality(String),
    amount             Decimal(38, 4),
    invoice_a          String,
    source_a           String,
    counterparty_name_a String,
    reference_a        String,
    time_a             DateTime64(3, 'UTC'),
    sources_a          Array(String),
    scheduled_a        UInt8,
    paid_at_a          Nullable(DateTime64(3, 'UTC')),
    invoice_b          String,
    source_b           String,
    counterparty_name_b String,
    reference_b        String,
    time_b             DateTime64(3, 'UTC'),
    sources_b          Array(String),
    scheduled_b        UInt8,
    paid_at_b          Nullable(DateTime64(3, 'UTC')),
    distance           UInt32
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (entity, counterparty_id, currency, amount, invoice_a, source_a, invoice_b, source_b);

{{distributed:duplicate_pairs:cityHash64(entity, counterparty_id)}};

CREATE TABLE IF NOT EXISTS {{table:duplicate_pair_generations}} {{on_cluster}}
(
    generation         UInt64,
    watermark          DateTime64(3, 'UTC') COMMENT 'invoice_capture_state rows written after this are read afresh',
    settings           String COMMENT 'the duplicate window and distance per entity the pairs were found with (JSON)',
    built_at           DateTime64(3, 'UTC'),
    captures           UInt64,
    pairs              UInt64,
    build_ms           UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY generation;

{{distributed:duplicate_pair_generations:cityHash64(generation)}};
