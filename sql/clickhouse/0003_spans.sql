-- Middleware spans (OTLP traces), with the attributes that tie a span to a flow and a document promoted to columns.
CREATE TABLE IF NOT EXISTS {{table:spans}} {{on_cluster}}
(
    trace_id             String,
    span_id              String,
    parent_span_id       String,
    name                 String,
    kind                 LowCardinality(String),
    service_name         LowCardinality(String),
    start_time           DateTime64(9, 'UTC'),
    end_time             DateTime64(9, 'UTC'),
    duration_ns          UInt64,
    status_code          LowCardinality(String),
    status_message       String,
    flow                 LowCardinality(String),
    document_id          String,
    document_type        LowCardinality(String),
    entity               LowCardinality(String),
    attributes           Map(String, String),
    resource_attributes  Map(String, String),
    events               String COMMENT 'span events as JSON',
    received_at          DateTime64(3, 'UTC'),
    INDEX idx_document document_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
PARTITION BY toYYYYMM(start_time)
ORDER BY (flow, start_time, trace_id, span_id)
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:spans:cityHash64(trace_id, span_id)}}
