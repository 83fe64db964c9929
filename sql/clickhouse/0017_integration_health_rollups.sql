-- When each integration flow and each source was last seen, per day, so integration health
-- reads history from a few thousand rows instead of every span and finance event up to the
-- window's end (~1 s at 10M events). A read takes the days before the day of its window's
-- end from here and that day's rows (up to the end) from spans / finance_events, which keeps
-- "as of" answers exact: a row belongs to the day of its own business time (a late event to
-- the day it describes), and every aggregate is max, so a redelivered event or span, or a
-- row both fed by the view and copied below, changes nothing.

-- Spans carrying a flow, by the day they started: a read counts a span up to its window's
-- end only when it started before it, and caps its end there (least(last_end, end)).
CREATE TABLE IF NOT EXISTS {{table:integration_health_span_days}} {{on_cluster}}
(
    flow      LowCardinality(String),
    day       Date32 COMMENT 'UTC day of start_time',
    last_end  SimpleAggregateFunction(max, DateTime64(9, 'UTC'))
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (flow, day);

{{distributed:integration_health_span_days:cityHash64(flow)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:integration_health_span_days_mv}} {{on_cluster}}
TO {{table:integration_health_span_days}}
AS SELECT flow, toDate32(start_time) AS day, max(end_time) AS last_end
FROM {{table:spans}}
WHERE flow != ''
GROUP BY flow, day;

-- Finance events per source and day (source freshness), split by the flow of integration
-- events (flow freshness; '' for every other event). The types are the integration event
-- types of sql/queries/integration-health-flows.sql.ts.
CREATE TABLE IF NOT EXISTS {{table:integration_health_event_days}} {{on_cluster}}
(
    source            LowCardinality(String),
    flow              LowCardinality(String) COMMENT 'data.flow of integration.message.* events, else empty',
    day               Date32 COMMENT 'UTC day of the business time',
    last_time         SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    last_received_at  SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (source, flow, day);

{{distributed:integration_health_event_days:cityHash64(source)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:integration_health_event_days_mv}} {{on_cluster}}
TO {{table:integration_health_event_days}}
AS SELECT
    source,
    if(type IN ('integration.message.received', 'integration.message.delivered', 'integration.message.failed',
                'integration.message.retried', 'integration.message.dead_lettered'),
       JSONExtractString(data, 'flow'), '') AS flow,
    toDate32(time) AS day,
    max(time) AS last_time,
    max(received_at) AS last_received_at
FROM {{table:finance_events}}
GROUP BY source, flow, day;

-- Rows stored before the views existed. Safe to overlap with the views: every aggregate is
-- max. Addresses the tables by name (Distributed on a cluster).
INSERT INTO integration_health_span_days
SELECT flow, toDate32(start_time) AS day, max(end_time)
FROM spans
WHERE flow != ''
GROUP BY flow, day;

INSERT INTO integration_health_event_days
SELECT
    source,
    if(type IN ('integration.message.received', 'integration.message.delivered', 'integration.message.failed',
                'integration.message.retried', 'integration.message.dead_lettered'),
       JSONExtractString(data, 'flow'), '') AS flow,
    toDate32(time) AS day,
    max(time),
    max(received_at)
FROM finance_events
GROUP BY source, flow, day;
