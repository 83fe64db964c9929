-- The current state of every document (entity, document_type, document_id), kept
-- incrementally as events arrive. "Current" is the latest event by business time; ties
-- are broken by (source, id), so the answer never depends on arrival order. Every
-- aggregate here is idempotent (argMax, min, max, uniqExact), so a redelivered event
-- changes nothing, however many times it reaches the table.
CREATE TABLE IF NOT EXISTS {{table:document_state}} {{on_cluster}}
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
    events            AggregateFunction(uniqExact, String, String)
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_type, document_id);

{{distributed:document_state:cityHash64(entity, document_type, document_id)}};

-- Fields that an event may leave empty keep the latest non-empty value (argMax over the
-- events that carry one: the -If combinator with an ordering key that sorts empties first).
CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:document_state_mv}} {{on_cluster}}
TO {{table:document_state}}
AS SELECT
    entity,
    document_type,
    document_id,
    argMaxState(type, (time, source, id)) AS stage,
    max(time) AS stage_entered_at,
    min(time) AS first_event_at,
    max(received_at) AS last_received_at,
    argMaxState(amount, (time, source, id)) AS amount, -- NULLs are skipped by the Null combinator
    argMaxStateIf(currency, (time, source, id), currency != '') AS currency,
    argMaxStateIf(counterparty_id, (time, source, id), counterparty_id != '') AS counterparty_id,
    argMaxStateIf(counterparty_name, (time, source, id), counterparty_name != '') AS counterparty_name,
    argMaxStateIf(correlation_id, (time, source, id), correlation_id != '') AS correlation_id,
    argMaxStateIf(reference, (time, source, id), reference != '') AS reference,
    groupUniqArray(source) AS sources,
    uniqExactState(source, id) AS events
FROM {{table:finance_events}}
GROUP BY entity, document_type, document_id;
