-- What the delayed-confirmations "now" view needs about each payment beyond settlement_state
-- (which keeps its amount, currency, counterparty and sources): when it was last sent,
-- whether the bank answered, the latest refusal and its reason code, and the bank — kept
-- incrementally as payment events arrive, so the metric no longer re-reads every payment
-- event and its JSON. Conventions as in document_state / settlement_state: the latest value
-- by business time wins, ties broken by (source, id), and every aggregate is idempotent
-- (max, argMax), so a redelivered event changes nothing. last_time lets a reader tell
-- payments with events dated after its "now" (those it recomputes from the events).
CREATE TABLE IF NOT EXISTS {{table:payment_confirmation_state}} {{on_cluster}}
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
ORDER BY (entity, document_id);

{{distributed:payment_confirmation_state:cityHash64(entity, document_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:payment_confirmation_state_mv}} {{on_cluster}}
TO {{table:payment_confirmation_state}}
AS SELECT
    entity,
    document_id,
    max(type = 'finance.payment.sent') AS was_sent,
    maxIf(time, type = 'finance.payment.sent') AS sent_at,
    max(type IN ('finance.payment.acknowledged', 'finance.payment.settled', 'finance.payment.rejected', 'finance.payment.returned')) AS has_bank_status,
    max(type = 'finance.payment.rejected') AS rejected,
    max(type = 'finance.payment.returned') AS returned,
    maxIf(time, type IN ('finance.payment.rejected', 'finance.payment.returned')) AS refused_at,
    argMaxStateIf(JSONExtractString(data, 'reason_code'), (time, source, id), type IN ('finance.payment.rejected', 'finance.payment.returned')) AS reason_code,
    argMaxStateIf(JSONExtractString(data, 'bank'), (time, source, id), JSONExtractString(data, 'bank') != '') AS named_bank,
    argMaxStateIf(source, (time, source, id), startsWith(source, 'bank/')) AS bank_source,
    max(time) AS last_time
FROM {{table:finance_events}}
WHERE document_type = 'payment'
GROUP BY entity, document_id;

-- Events stored before this view existed. Safe to overlap with the view: every aggregate
-- is idempotent. Addresses the tables by name (Distributed on a cluster), so rows land on
-- their shard.
INSERT INTO payment_confirmation_state
SELECT
    entity,
    document_id,
    max(type = 'finance.payment.sent'),
    maxIf(time, type = 'finance.payment.sent'),
    max(type IN ('finance.payment.acknowledged', 'finance.payment.settled', 'finance.payment.rejected', 'finance.payment.returned')),
    max(type = 'finance.payment.rejected'),
    max(type = 'finance.payment.returned'),
    maxIf(time, type IN ('finance.payment.rejected', 'finance.payment.returned')),
    argMaxStateIf(JSONExtractString(data, 'reason_code'), (time, source, id), type IN ('finance.payment.rejected', 'finance.payment.returned')),
    argMaxStateIf(JSONExtractString(data, 'bank'), (time, source, id), JSONExtractString(data, 'bank') != ''),
    argMaxStateIf(source, (time, source, id), startsWith(source, 'bank/')),
    max(time)
FROM finance_events
WHERE document_type = 'payment'
GROUP BY entity, document_id;
