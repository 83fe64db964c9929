-- Lookup tables for one document's timeline, ordered for primary-key point reads.
-- finance_events is ordered by (source, id), spans by (flow, start_time, …) and
-- payment_matches by bank entry, so "the events of document X", "the documents whose
-- correlation_id is X" or "the spans of X" were bloom-filter probes of every partition. These
-- copies are kept by materialized views as rows arrive:
--   document_events  every event delivery, by (entity, document_id, document_type): a
--                    document's timeline and its current state
--   document_links   what links documents, by (entity, document_id): each document, its
--                    correlation_ids, the documents naming it as correlation_id, its bank
--                    matches — so one read of an id returns every link of every document
--                    of that id
--   document_spans   the spans that name a document, by document_id
-- Every read is a point read, so the tables are laid out for it: small granules (a read
-- decodes little beyond the document's own rows) and compact parts, whatever their size (one
-- data file per part, so a read opens a file per part rather than one per column).

-- Like finance_events: one row per event once merged, the latest delivery winning;
-- readers take each (source, id) once.
CREATE TABLE IF NOT EXISTS {{table:document_events}} {{on_cluster}}
(
    entity            LowCardinality(String),
    document_id       String,
    document_type     LowCardinality(String),
    source            LowCardinality(String),
    id                String,
    type              LowCardinality(String),
    time              DateTime64(3, 'UTC'),
    received_at       DateTime64(3, 'UTC'),
    counterparty_id   String,
    counterparty_name String,
    correlation_id    String,
    reference         String,
    amount            Nullable(Decimal(38, 4)),
    currency          LowCardinality(String),
    data              String
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
PRIMARY KEY (entity, document_id, document_type)
ORDER BY (entity, document_id, document_type, source, id)
SETTINGS index_granularity = 1024, min_bytes_for_wide_part = 1099511627776;

-- Sharded like finance_events, so a backfilled row meets its view-written twin on one shard.
{{distributed:document_events:cityHash64(source, id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:document_events_mv}} {{on_cluster}}
TO {{table:document_events}}
AS SELECT entity, document_id, document_type, source, id, type, time, received_at,
          counterparty_id, counterparty_name, correlation_id, reference, amount, currency, data
FROM {{table:finance_events}};

-- One row per (document, link) once merged; every column an idempotent aggregate, so rows
-- can be read as stored and combined by the reader (min, max). link is
--   document           the document exists (other_* empty)
--   correlation        the document named correlation_id other_id; latest = the greatest
--                      (time, source, id) of its events that did, so the document's current
--                      correlation_id (as document_state keeps it) has the greatest latest
--   correlation_child  document_type empty (a correlation_id names an entity and an id, of
--                      any type): document other_* named this id; first_time = the business
--                      time of its first event that did
--   bank_match         a payment match between this document and other_* (stored in both
--                      directions); bank_match = the greatest (matched_at, rule,
--                      within_tolerance, evidence_time): the latest rewrite of the match, as
--                      payment_matches FINAL has it
CREATE TABLE IF NOT EXISTS {{table:document_links}} {{on_cluster}}
(
    entity         LowCardinality(String),
    document_id    String,
    document_type  LowCardinality(String),
    link           LowCardinality(String),
    other_type     LowCardinality(String),
    other_id       String,
    first_time     SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    latest         SimpleAggregateFunction(max, Tuple(DateTime64(3, 'UTC'), String, String)),
    bank_match     SimpleAggregateFunction(max, Tuple(DateTime64(3, 'UTC'), String, UInt8, DateTime64(3, 'UTC')))
)
ENGINE = {{engine:AggregatingMergeTree()}}
ORDER BY (entity, document_id, document_type, link, other_type, other_id)
SETTINGS index_granularity = 1024, min_bytes_for_wide_part = 1099511627776;

{{distributed:document_links:cityHash64(entity, document_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:document_event_links_mv}} {{on_cluster}}
TO {{table:document_links}}
AS SELECT entity, l.1 AS document_id, l.2 AS document_type, l.3 AS link, l.4 AS other_type, l.5 AS other_id,
          min(time) AS first_time, max((time, toString(source), id)) AS latest
FROM (
    SELECT entity, time, source, id,
           arrayConcat([(document_id, toString(document_type), 'document', '', '')],
                        if(correlation_id = '', [],
                           [(document_id, toString(document_type), 'correlation', '', correlation_id),
                            (correlation_id, '', 'correlation_child', toString(document_type), document_id)])) AS links
    FROM {{table:finance_events}}
)
ARRAY JOIN links AS l
GROUP BY entity, document_id, document_type, link, other_type, other_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:document_match_links_mv}} {{on_cluster}}
TO {{table:document_links}}
AS SELECT entity, l.1 AS document_id, l.2 AS document_type, 'bank_match' AS link, l.3 AS other_type, l.4 AS other_id,
          max(evidence) AS bank_match
FROM (
    SELECT entity, (matched_at, toString(rule), within_tolerance, evidence_time) AS evidence,
           [(bank_entry_id, 'bank_entry', toString(document_type), document_id),
            (document_id, toString(document_type), 'bank_entry', bank_entry_id)] AS sides
    FROM {{table:payment_matches}}
)
ARRAY JOIN sides AS l
GROUP BY entity, document_id, document_type, link, other_type, other_id;

-- Spans without a document_id have no place in a timeline and are left out.
CREATE TABLE IF NOT EXISTS {{table:document_spans}} {{on_cluster}}
(
    document_id     String,
    trace_id        String,
    span_id         String,
    parent_span_id  String,
    name            String,
    service_name    LowCardinality(String),
    flow            LowCardinality(String),
    status_code     LowCardinality(String),
    status_message  String,
    start_time      DateTime64(9, 'UTC'),
    end_time        DateTime64(9, 'UTC'),
    duration_ns     UInt64,
    entity          LowCardinality(String),
    document_type   LowCardinality(String),
    received_at     DateTime64(3, 'UTC')
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
PRIMARY KEY (document_id)
ORDER BY (document_id, trace_id, span_id)
SETTINGS index_granularity = 1024, min_bytes_for_wide_part = 1099511627776;

{{distributed:document_spans:cityHash64(trace_id, span_id)}};

CREATE MATERIALIZED VIEW IF NOT EXISTS {{table:document_spans_mv}} {{on_cluster}}
TO {{table:document_spans}}
AS SELECT document_id, trace_id, span_id, parent_span_id, name, service_name, flow, status_code, status_message,
          start_time, end_time, duration_ns, entity, document_type, received_at
FROM {{table:spans}}
WHERE document_id != '';

-- Rows stored before these views existed. Safe to overlap with the views: a row copied twice
-- has the same sorting key (collapsed by the engine, read once by every reader) or the same
-- aggregate. Addresses the tables by name (Distributed on a cluster), so rows land on their
-- shard.
INSERT INTO document_events
SELECT entity, document_id, document_type, source, id, type, time, received_at,
       counterparty_id, counterparty_name, correlation_id, reference, amount, currency, data
FROM finance_events;

-- Not grouped: the table aggregates on merge, and grouping every document's rows at once
-- would take memory in proportion to the documents.
INSERT INTO document_links (entity, document_id, document_type, link, other_type, other_id, first_time, latest)
SELECT entity, l.1, l.2, l.3, l.4, l.5, time, (time, toString(source), id)
FROM (
    SELECT entity, time, source, id,
           arrayConcat([(document_id, toString(document_type), 'document', '', '')],
                        if(correlation_id = '', [],
                           [(document_id, toString(document_type), 'correlation', '', correlation_id),
                            (correlation_id, '', 'correlation_child', toString(document_type), document_id)])) AS links
    FROM finance_events
)
ARRAY JOIN links AS l;

INSERT INTO document_links (entity, document_id, document_type, link, other_type, other_id, bank_match)
SELECT entity, l.1, l.2, 'bank_match', l.3, l.4, evidence
FROM (
    SELECT entity, (matched_at, toString(rule), within_tolerance, evidence_time) AS evidence,
           [(bank_entry_id, 'bank_entry', toString(document_type), document_id),
            (document_id, toString(document_type), 'bank_entry', bank_entry_id)] AS sides
    FROM payment_matches
)
ARRAY JOIN sides AS l;

INSERT INTO document_spans
SELECT document_id, trace_id, span_id, parent_span_id, name, service_name, flow, status_code, status_message,
       start_time, end_time, duration_ns, entity, document_type, received_at
FROM spans
WHERE document_id != '';
