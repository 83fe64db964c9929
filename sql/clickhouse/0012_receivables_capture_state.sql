-- What receivables misalignment and duplicate payment risk need about each document, kept
-- incrementally as events arrive, so their "now" views no longer re-deduplicate and
-- re-aggregate finance_events; "as of" views still recompute from the events. Conventions as
-- in document_state / settlement_state: the latest value by business time wins, ties broken
-- by (source, id), and every aggregate is idempotent (argMax, max, min), so a redelivered
-- event changes nothing. last_time (the latest business time of the document's own events)
-- lets a reader tell documents with events dated after its "now" (those it recomputes from
-- the events; a minmax index keeps that look-up to the few granules holding such documents).
-- inserted_at is when a row last reached the table, for reading the tables through snapshots
-- like document_state (0010_state_snapshots.sql: the same small granules, the same index).

-- Customer invoices, receipts and collection commitments, one row per document:
--   amount       customer invoice: from its `issued` events; others: any event with one
--                (has_amount: some event carried one; argMax of no value merges to 0)
--   promised_date  commitments: data.promised_date (latest non-empty)
--   first_time   a receipt's arrival (its first event)
--   made_at      a commitment's first `finance.collection.commitment` event (NULL: none yet)
--   written_off / applied  a customer invoice written off / a receipt applied in the ERP
CREATE TABLE IF NOT EXISTS {{table:receivables_state}} {{on_cluster}}
(
    entity            LowCardinality(String),
    document_type     LowCardinality(String),
    document_id       String,
    amount            AggregateFunction(argMax, Decimal(38, 4), Tuple(DateTime64(3, 'UTC'), String, String)),
    has_amount        SimpleAggregateFunction(max, UInt8),
    currency          AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_id   AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_name AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    correlation_id    AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    promised_date     AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    first_time        SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    made_at           SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    written_off       SimpleAggregateFunction(max, UInt8),
    applied           SimpleAggregateFunction(max, UInt8),
    sources           SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    last_time         SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    inserted_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    INDEX idx_last_time last_time TYPE minmax GRANULARITY 1,
    INDEX idx_inserted_at inserted_at TYPE minmax GRANULARITY 1
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_type, document_id)
SETTINGS index_granularity = 256;

{{distributed:receivables_state:cityHash64(entity, document_type, document_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:receivables_state_mv}} {{on_cluster}}
TO {{table:receivables_state}}
AS SELECT
    entity,
    document_type,
    document_id,
    argMaxStateIf(event_amount, (time, source, id), amount_known) AS amount,
    max(amount_known) AS has_amount,
    argMaxStateIf(currency, (time, source, id), currency != '') AS currency,
    argMaxStateIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
    argMaxStateIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
    argMaxStateIf(correlation_id, (time, source, id), correlation_id != '') AS correlation_id,
    argMaxStateIf(JSONExtractString(data, 'promised_date'), (time, source, id),
        document_type = 'collection_commitment' AND JSONExtractString(data, 'promised_date') != '') AS promised_date,
    min(time) AS first_time,
    minOrNullIf(time, type = 'finance.collection.commitment') AS made_at,
    max(type = 'finance.customer_invoice.written_off') AS written_off,
    max(type = 'finance.receipt.applied') AS applied,
    groupUniqArray(source) AS sources,
    max(time) AS last_time,
    now64(3) AS inserted_at
FROM (SELECT *, amount AS event_amount, amount IS NOT NULL AND (document_type != 'customer_invoice' OR type = 'finance.customer_invoice.issued') AS amount_known
      FROM {{table:finance_events}}
      WHERE document_type IN ('customer_invoice', 'receipt', 'collection_commitment'))
GROUP BY entity, document_type, document_id;

-- Supplier invoices, one row per (entity, document_id, source): each source system that sent
-- an invoice's events is a row, and its `finance.invoice.received` events are one capture
-- (amount, currency, supplier, reference from the latest, received_at the first). scheduled /
-- cancelled: the invoice reached payment scheduling / was rejected or cancelled (per source;
-- the invoice's flags are those of all its rows). A payment event naming an invoice
-- (correlation_id) is kept on that invoice's row with source '' (no event has an empty
-- source): paid_at, the first such event's business time.
CREATE TABLE IF NOT EXISTS {{table:invoice_capture_state}} {{on_cluster}}
(
    entity            LowCardinality(String),
    document_id       String,
    source            LowCardinality(String),
    amount            AggregateFunction(argMax, Decimal(38, 4), Tuple(DateTime64(3, 'UTC'), String, String)),
    has_amount        SimpleAggregateFunction(max, UInt8),
    currency          AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_id   AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    counterparty_name AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    reference         AggregateFunction(argMax, String, Tuple(DateTime64(3, 'UTC'), String, String)),
    received_at       SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    scheduled         SimpleAggregateFunction(max, UInt8),
    cancelled         SimpleAggregateFunction(max, UInt8),
    paid_at           SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    last_time         SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    inserted_at       SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    INDEX idx_last_time last_time TYPE minmax GRANULARITY 1,
    INDEX idx_inserted_at inserted_at TYPE minmax GRANULARITY 1
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_id, source)
SETTINGS index_granularity = 256;

{{distributed:invoice_capture_state:cityHash64(entity, document_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:invoice_capture_state_mv}} {{on_cluster}}
TO {{table:invoice_capture_state}}
AS SELECT
    entity,
    invoice_id AS document_id,
    row_source AS source,
    argMaxStateIf(event_amount, (time, event_source, id), amount_known) AS amount,
    max(amount_known) AS has_amount,
    argMaxStateIf(currency, (time, event_source, id), received AND currency != '') AS currency,
    argMaxStateIf(counterparty_id, (time, event_source, id), received AND counterparty_id != '') AS counterparty_id,
    argMaxStateIf(counterparty_name, (time, event_source, id), received AND counterparty_name != '') AS counterparty_name,
    argMaxStateIf(reference, (time, event_source, id), received AND reference != '') AS reference,
    minOrNullIf(time, received) AS received_at,
    max(type = 'finance.invoice.scheduled') AS scheduled,
    max(type IN ('finance.invoice.rejected', 'finance.invoice.cancelled')) AS cancelled,
    minOrNullIf(time, is_payment) AS paid_at,
    maxIf(time, NOT is_payment) AS last_time,
    now64(3) AS inserted_at
FROM (SELECT entity, document_type = 'payment' AS is_payment, if(is_payment, correlation_id, document_id) AS invoice_id,
        if(is_payment, '', source) AS row_source, source AS event_source, id, type, type = 'finance.invoice.received' AS received,
        time, amount AS event_amount, received AND amount IS NOT NULL AS amount_known, currency, counterparty_id, counterparty_name, reference
      FROM {{table:finance_events}}
      WHERE document_type = 'supplier_invoice' OR (document_type = 'payment' AND correlation_id != ''))
GROUP BY entity, document_id, source;

-- Events stored before these views existed. Safe to overlap with the views: every aggregate
-- is idempotent. Addresses the tables by name (Distributed on a cluster), so rows land on
-- their shard.
INSERT INTO receivables_state
SELECT
    entity,
    document_type,
    document_id,
    argMaxStateIf(event_amount, (time, source, id), amount_known),
    max(amount_known),
    argMaxStateIf(currency, (time, source, id), currency != ''),
    argMaxStateIf(counterparty_id, (time, source, id), counterparty_id != ''),
    argMaxStateIf(counterparty_name, (time, source, id), counterparty_name != ''),
    argMaxStateIf(correlation_id, (time, source, id), correlation_id != ''),
    argMaxStateIf(JSONExtractString(data, 'promised_date'), (time, source, id),
        document_type = 'collection_commitment' AND JSONExtractString(data, 'promised_date') != ''),
    min(time),
    minOrNullIf(time, type = 'finance.collection.commitment'),
    max(type = 'finance.customer_invoice.written_off'),
    max(type = 'finance.receipt.applied'),
    groupUniqArray(source),
    max(time),
    now64(3)
FROM (SELECT *, amount AS event_amount, amount IS NOT NULL AND (document_type != 'customer_invoice' OR type = 'finance.customer_invoice.issued') AS amount_known
      FROM finance_events
      WHERE document_type IN ('customer_invoice', 'receipt', 'collection_commitment'))
GROUP BY entity, document_type, document_id;

INSERT INTO invoice_capture_state
SELECT
    entity,
    invoice_id,
    row_source,
    argMaxStateIf(event_amount, (time, event_source, id), amount_known),
    max(amount_known),
    argMaxStateIf(currency, (time, event_source, id), received AND currency != ''),
    argMaxStateIf(counterparty_id, (time, event_source, id), received AND counterparty_id != ''),
    argMaxStateIf(counterparty_name, (time, event_source, id), received AND counterparty_name != ''),
    argMaxStateIf(reference, (time, event_source, id), received AND reference != ''),
    minOrNullIf(time, received),
    max(type = 'finance.invoice.scheduled'),
    max(type IN ('finance.invoice.rejected', 'finance.invoice.cancelled')),
    minOrNullIf(time, is_payment),
    maxIf(time, NOT is_payment),
    now64(3)
FROM (SELECT entity, document_type = 'payment' AS is_payment, if(is_payment, correlation_id, document_id) AS invoice_id,
        if(is_payment, '', source) AS row_source, source AS event_source, id, type, type = 'finance.invoice.received' AS received,
        time, amount AS event_amount, received AND amount IS NOT NULL AS amount_known, currency, counterparty_id, counterparty_name, reference
      FROM finance_events
      WHERE document_type = 'supplier_invoice' OR (document_type = 'payment' AND correlation_id != ''))
GROUP BY entity, invoice_id, row_source;
