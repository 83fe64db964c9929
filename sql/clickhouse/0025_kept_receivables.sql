-- Receivables misalignment kept between reads (server/receivables/kept-receivables.ts).
--
-- A "now" read otherwise merges every customer invoice, receipt and commitment from
-- receivables_state and groups them per (customer, invoice) — the open item, the receipts
-- naming the invoice, the commitments naming it with the receipts counted toward each —
-- every time: at a million documents most of a second, however few changed. So a background
-- step writes both down, one generation at a time: every document as the state holds it, with
-- its customer and invoice key, and the per-(customer, invoice key) rows
-- (sql/queries/receivables-misalignment.sql.ts, step 1). A read takes the kept rows as they
-- are, except for the keys a document changed since the generation's watermark touches — its
-- key now and its kept key — which it groups again from the kept documents of those keys and
-- the changed documents as they are now (sql/queries/kept-receivables.sql.ts); the steps
-- after (per customer, the findings) run on the result. The rows depend on no setting:
-- tolerance, materiality and each entity's today are applied when reading.
--
-- A generation is complete once registered in receivable_generations. Old generations'
-- partitions are dropped a couple of minutes after a newer one is registered.
CREATE TABLE IF NOT EXISTS {{table:receivable_documents}} {{on_cluster}}
(
    generation         UInt64 COMMENT 'the build, epoch ms on the engine''s clock',
    entity             LowCardinality(String),
    counterparty_id    String,
    currency           String,
    key                String COMMENT 'the invoice: its own id, or the one a receipt or commitment names',
    document_type      LowCardinality(String),
    document_id        String,
    amount             Decimal(38, 4),
    counterparty_name  String,
    correlation_id     String,
    promised_date      Nullable(Date32),
    at                 DateTime64(3, 'UTC'),
    applied            UInt8,
    written_off        UInt8,
    sources            Array(String)
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (entity, counterparty_id, currency, key, document_type, document_id);

{{distributed:receivable_documents:cityHash64(entity, counterparty_id)}};

CREATE TABLE IF NOT EXISTS {{table:receivable_keys}} {{on_cluster}}
(
    generation         UInt64,
    entity             LowCardinality(String),
    counterparty_id    String,
    currency           String,
    key                String,
    is_invoice         UInt8,
    is_item            UInt8,
    open               Decimal(38, 4),
    item_sources       Array(String),
    receipts           Array(Tuple(Int64, Decimal(38, 4))) COMMENT '(first seen epoch ms, amount)',
    latest_by_source   Tuple(Array(String), Array(Int64)),
    commitments        Array(Tuple(String, Decimal(38, 4), Date32, String, String, Int64, DateTime64(3, 'UTC'), Array(String), Decimal(38, 4), Array(String)))
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (entity, counterparty_id, currency, key);

{{distributed:receivable_keys:cityHash64(entity, counterparty_id)}};

CREATE TABLE IF NOT EXISTS {{table:receivable_generations}} {{on_cluster}}
(
    generation         UInt64,
    watermark          DateTime64(3, 'UTC') COMMENT 'receivables_state rows written after this are read afresh',
    settings           String COMMENT 'none: the rows depend on no setting',
    built_at           DateTime64(3, 'UTC'),
    documents          UInt64,
    keys               UInt64,
    build_ms           UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY generation;

{{distributed:receivable_generations:cityHash64(generation)}};
