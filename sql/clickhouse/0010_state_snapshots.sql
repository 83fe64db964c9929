-- Snapshots of the incrementally kept state tables, for fast "now" reads.
--
-- document_state and settlement_state hold aggregate states: every read merges them per
-- document (argMax over (time, source, id) tuples), which costs seconds once there are
-- hundreds of thousands of documents, however few of them a metric shows. A snapshot is
-- that merge written down once as plain columns, one generation at a time (the server's
-- state-snapshot loop builds a new one when enough has changed). A "now" read takes the
-- latest generation for the documents that did not change since it was built, and merges
-- the state only for the few that did — so it stays exact while reading mostly plain rows.
--
-- "Changed since" is told by inserted_at: the engine's clock when the state row was
-- written. A generation's watermark is its build start moved back past every insert still
-- running, so a row written while the snapshot was being read is always merged afresh. Rows
-- stored before this migration have inserted_at = 1970-01-01 (older than any watermark):
-- they are inside every generation.
--
-- Merging the changed documents afresh is a primary-key read of the state table. With the
-- default 8,192-row granules, even a few thousand changed documents touch most granules and
-- the read costs nearly a full merge; so both state tables move to 256-row granules: a new
-- table takes the state table's name (EXCHANGE: the materialized view writes by name, so it
-- feeds the new table from then on) and the old rows are copied into it. Run with ingest
-- stopped, as `npm start` runs migrations: rows written between the exchange and the copy
-- would otherwise be copied twice (harmless: every aggregate is idempotent). On a cluster the
-- copy (local table to local table) runs where the migration runs: run it on every shard.
CREATE TABLE IF NOT EXISTS {{table:document_state_fine}} {{on_cluster}}
(
    entity            LowCardinality(String),
    document_type     LowCardinality(String),
    document_id       String,
    stage             AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    stage_entered_at  SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    first_event_at    SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_received_at  SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    amount            AggregateFunction(argMax, Nullable(Decimal(38, 4)), Tuple(DateTime64(3, 'UTC'), String, String)),
    currency          AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_id   AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_name AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    correlation_id    AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    reference         AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    sources           SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    events            AggregateFunction(uniqExact, String, String),
    inserted_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    INDEX idx_inserted_at inserted_at TYPE minmax GRANULARITY 1
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_type, document_id)
SETTINGS index_granularity = 256;

EXCHANGE TABLES {{table:document_state}} AND {{table:document_state_fine}} {{on_cluster}};

INSERT INTO {{table:document_state}}
    (entity, document_type, document_id, stage, stage_entered_at, first_event_at, last_received_at, amount, currency,
     counterparty_id, counterparty_name, correlation_id, reference, sources, events)
SELECT entity, document_type, document_id, stage, stage_entered_at, first_event_at, last_received_at, amount, currency,
       counterparty_id, counterparty_name, correlation_id, reference, sources, events
FROM {{table:document_state_fine}};

DROP TABLE IF EXISTS {{table:document_state_fine}} {{on_cluster}} SYNC;

{{distributed_alter:document_state:ADD COLUMN IF NOT EXISTS inserted_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))}};

ALTER TABLE {{table:document_state_mv}} {{on_cluster}} MODIFY QUERY
SELECT
    entity,
    document_type,
    document_id,
    argMaxState(type, (time, source, id)) AS stage,
    max(time) AS stage_entered_at,
    min(time) AS first_event_at,
    max(received_at) AS last_received_at,
    argMaxState(amount, (time, source, id)) AS amount,
    argMaxStateIf(currency, (time, source, id), currency != '') AS currency,
    argMaxStateIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
    argMaxStateIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
    argMaxStateIf(correlation_id, (time, source, id), correlation_id != '') AS correlation_id,
    argMaxStateIf(reference, (time, source, id), reference != '') AS reference,
    groupUniqArray(source) AS sources,
    uniqExactState(source, id) AS events,
    now64(3) AS inserted_at
FROM {{table:finance_events}}
GROUP BY entity, document_type, document_id;

CREATE TABLE IF NOT EXISTS {{table:settlement_state_fine}} {{on_cluster}}
(
    entity            LowCardinality(String),
    document_type     LowCardinality(String),
    document_id       String,
    amount            AggregateFunction(argMax, Nullable(Decimal(38, 4)), Tuple(DateTime64(3, 'UTC'), String, String)),
    currency          AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_id   AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_name AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    correlation_id    AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    reference         AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    end_to_end_id     AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    credit_debit      AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    value_date        AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    remittance        AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    stage             AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    types             SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    released_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    received_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    last_time         SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    sources           SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    inserted_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    cash_at           SimpleAggregateFunction(max, DateTime64(3, 'UTC')) COMMENT 'when the money moved: settled payment, applied receipt (1970: not yet)',
    INDEX idx_inserted_at inserted_at TYPE minmax GRANULARITY 1
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_type, document_id)
SETTINGS index_granularity = 256;

EXCHANGE TABLES {{table:settlement_state}} AND {{table:settlement_state_fine}} {{on_cluster}};

INSERT INTO {{table:settlement_state}}
    (entity, document_type, document_id, amount, currency, counterparty_id, counterparty_name, correlation_id, reference,
     end_to_end_id, credit_debit, value_date, remittance, stage, types, released_at, received_at, last_time, sources)
SELECT entity, document_type, document_id, amount, currency, counterparty_id, counterparty_name, correlation_id, reference,
       end_to_end_id, credit_debit, value_date, remittance, stage, types, released_at, received_at, last_time, sources
FROM {{table:settlement_state_fine}};

DROP TABLE IF EXISTS {{table:settlement_state_fine}} {{on_cluster}} SYNC;

{{distributed_alter:settlement_state:ADD COLUMN IF NOT EXISTS inserted_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))}};

{{distributed_alter:settlement_state:ADD COLUMN IF NOT EXISTS cash_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))}};

-- cash_at for the history: rows with only the key and cash_at (the other aggregates empty,
-- which merge as nothing). Addresses the tables by name (Distributed on a cluster), as 0008.
INSERT INTO settlement_state (entity, document_type, document_id, cash_at)
SELECT entity, document_type, document_id, maxIf(time, type IN ('finance.payment.settled', 'finance.receipt.applied'))
FROM finance_events
WHERE document_type IN ('payment', 'receipt')
GROUP BY entity, document_type, document_id;

ALTER TABLE {{table:settlement_state_mv}} {{on_cluster}} MODIFY QUERY
SELECT
    entity,
    document_type,
    document_id,
    argMaxState(amount, (time, source, id)) AS amount,
    argMaxStateIf(currency, (time, source, id), currency != '') AS currency,
    argMaxStateIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
    argMaxStateIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
    argMaxStateIf(correlation_id, (time, source, id), correlation_id != '') AS correlation_id,
    argMaxStateIf(reference, (time, source, id), reference != '') AS reference,
    argMaxStateIf(JSONExtractString(data, 'end_to_end_id'), (time, source, id), JSONExtractString(data, 'end_to_end_id') != '') AS end_to_end_id,
    argMaxStateIf(JSONExtractString(data, 'credit_debit'), (time, source, id), JSONExtractString(data, 'credit_debit') != '') AS credit_debit,
    argMaxStateIf(JSONExtractString(data, 'value_date'), (time, source, id), JSONExtractString(data, 'value_date') != '') AS value_date,
    argMaxStateIf(JSONExtractString(data, 'remittance'), (time, source, id), JSONExtractString(data, 'remittance') != '') AS remittance,
    argMaxState(type, (time, source, id)) AS stage,
    groupUniqArray(type) AS types,
    maxIf(time, type IN ('finance.payment.released', 'finance.payment.sent')) AS released_at,
    maxIf(time, type = 'finance.receipt.received') AS received_at,
    max(time) AS last_time,
    groupUniqArray(source) AS sources,
    now64(3) AS inserted_at,
    maxIf(time, type IN ('finance.payment.settled', 'finance.receipt.applied')) AS cash_at
FROM {{table:finance_events}}
WHERE document_type IN ('payment', 'receipt', 'bank_entry') AND type != 'finance.bank_entry.pending'
GROUP BY entity, document_type, document_id;

-- payment_confirmation_state is not snapshotted (its flags merge cheaply), but delayed
-- confirmations merge its argMax columns for the payments that need attention only: a
-- primary-key read that fine granules keep small, as above.
CREATE TABLE IF NOT EXISTS {{table:payment_confirmation_state_fine}} {{on_cluster}}
(
    entity            LowCardinality(String),
    document_id       String,
    was_sent          SimpleAggregateFunction(max, UInt8),
    sent_at           SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    has_bank_status   SimpleAggregateFunction(max, UInt8),
    rejected          SimpleAggregateFunction(max, UInt8),
    returned          SimpleAggregateFunction(max, UInt8),
    refused_at        SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    reason_code       AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    named_bank        AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    bank_source       AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    last_time         SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_id)
SETTINGS index_granularity = 256;

EXCHANGE TABLES {{table:payment_confirmation_state}} AND {{table:payment_confirmation_state_fine}} {{on_cluster}};

INSERT INTO {{table:payment_confirmation_state}} SELECT * FROM {{table:payment_confirmation_state_fine}};

DROP TABLE IF EXISTS {{table:payment_confirmation_state_fine}} {{on_cluster}} SYNC;

-- One row per document as document_state merges it, per generation. Ordered for the
-- metrics' reads: by document type and current stage first (stuck documents read only
-- stages with an SLA), then entity.
CREATE TABLE IF NOT EXISTS {{table:document_state_snapshot}} {{on_cluster}}
(
    generation        UInt64,
    document_type     LowCardinality(String),
    stage             LowCardinality(String),
    entity            LowCardinality(String),
    document_id       String,
    stage_entered_at  DateTime64(3, 'UTC'),
    first_event_at    DateTime64(3, 'UTC'),
    last_received_at  DateTime64(3, 'UTC'),
    amount            Nullable(Decimal(38, 4)),
    currency          LowCardinality(String),
    counterparty_id   String,
    counterparty_name String,
    correlation_id    String,
    reference         String,
    sources           Array(String)
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (document_type, stage, entity, document_id);

{{distributed:document_state_snapshot:cityHash64(entity, document_type, document_id)}};

-- One row per payment, receipt or booked bank entry as settlement_state merges it, per generation.
CREATE TABLE IF NOT EXISTS {{table:settlement_state_snapshot}} {{on_cluster}}
(
    generation        UInt64,
    document_type     LowCardinality(String),
    entity            LowCardinality(String),
    document_id       String,
    amount            Nullable(Decimal(38, 4)),
    currency          LowCardinality(String),
    counterparty_id   String,
    counterparty_name String,
    correlation_id    String,
    reference         String,
    end_to_end_id     String,
    credit_debit      LowCardinality(String),
    value_date        String,
    remittance        String,
    stage             LowCardinality(String),
    types             Array(String),
    released_at       DateTime64(3, 'UTC'),
    received_at       DateTime64(3, 'UTC'),
    last_time         DateTime64(3, 'UTC'),
    sources           Array(String),
    counterparty_key  String COMMENT 'counterparty_name as banks print it (payment-matching-documents.sql.ts)',
    cash_at           DateTime64(3, 'UTC')
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (document_type, entity, document_id);

{{distributed:settlement_state_snapshot:cityHash64(entity, document_type, document_id)}};

-- The generations built, one row each, written after the generation's rows are complete:
-- readers take the latest generation of a state table from here. A base generation holds
-- every document; an overlay holds only the documents changed since its base (merged whole),
-- so keeping up with changes costs what changed, not the whole state. A base row names
-- itself as its base_generation.
CREATE TABLE IF NOT EXISTS {{table:state_snapshots}} {{on_cluster}}
(
    state_table      LowCardinality(String),
    generation       UInt64,
    base_generation  UInt64,
    watermark        DateTime64(3, 'UTC') COMMENT 'state rows written after this are merged afresh by readers',
    built_at         DateTime64(3, 'UTC'),
    documents        UInt64,
    build_ms         UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (state_table, generation);

{{distributed:state_snapshots:cityHash64(state_table)}};
