-- The documents payment matching works on — supplier payments, customer receipts and
-- booked bank entries — with the keys the matching rules join on, kept incrementally as
-- events arrive (like document_state, whose conventions it follows: the latest value by
-- business time wins, ties broken by (source, id); every aggregate is idempotent, so a
-- redelivered event changes nothing). The matcher and "now" views read this instead of
-- re-aggregating finance_events; "as of" views still recompute from the events.
-- Pending bank entries are left out: only booked entries are matched.
CREATE TABLE IF NOT EXISTS {{table:settlement_state}} {{on_cluster}}
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
    sources           SimpleAggregateFunction(groupUniqArrayArray, Array(String))
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_type, document_id);

{{distributed:settlement_state:cityHash64(entity, document_type, document_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:settlement_state_mv}} {{on_cluster}}
TO {{table:settlement_state}}
AS SELECT
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
    groupUniqArray(source) AS sources
FROM {{table:finance_events}}
WHERE document_type IN ('payment', 'receipt', 'bank_entry') AND type != 'finance.bank_entry.pending'
GROUP BY entity, document_type, document_id;

-- Events stored before this view existed. Safe to overlap with the view: every aggregate
-- is idempotent. Addresses the tables by name (Distributed on a cluster), so rows land on
-- their shard.
INSERT INTO settlement_state
SELECT
    entity,
    document_type,
    document_id,
    argMaxState(amount, (time, source, id)),
    argMaxStateIf(currency, (time, source, id), currency != ''),
    argMaxStateIf(counterparty_id, (time, source, id), counterparty_id != ''),
    argMaxStateIf(counterparty_name, (time, source, id), counterparty_name != ''),
    argMaxStateIf(correlation_id, (time, source, id), correlation_id != ''),
    argMaxStateIf(reference, (time, source, id), reference != ''),
    argMaxStateIf(JSONExtractString(data, 'end_to_end_id'), (time, source, id), JSONExtractString(data, 'end_to_end_id') != ''),
    argMaxStateIf(JSONExtractString(data, 'credit_debit'), (time, source, id), JSONExtractString(data, 'credit_debit') != ''),
    argMaxStateIf(JSONExtractString(data, 'value_date'), (time, source, id), JSONExtractString(data, 'value_date') != ''),
    argMaxStateIf(JSONExtractString(data, 'remittance'), (time, source, id), JSONExtractString(data, 'remittance') != ''),
    argMaxState(type, (time, source, id)),
    groupUniqArray(type),
    maxIf(time, type IN ('finance.payment.released', 'finance.payment.sent')),
    maxIf(time, type = 'finance.receipt.received'),
    max(time),
    groupUniqArray(source)
FROM finance_events
WHERE document_type IN ('payment', 'receipt', 'bank_entry') AND type != 'finance.bank_entry.pending'
GROUP BY entity, document_type, document_id;
