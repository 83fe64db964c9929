-- Snapshots (as in 0010_state_snapshots.sql) of the three state tables the remaining "now"
-- metrics merge on every read: payment_confirmation_state (delayed confirmations),
-- receivables_state (receivables misalignment) and invoice_capture_state (duplicate payment
-- risk). Their reads merged every document's aggregate states — tens of seconds at millions
-- of documents; through a snapshot they read plain rows and merge only what changed since.
--
-- receivables_state and invoice_capture_state were created with inserted_at, its index and
-- 256-row granules (0012). payment_confirmation_state gets inserted_at here: rows stored
-- before have 1970 (inside every generation), its view writes the engine's clock from now on.
ALTER TABLE {{table:payment_confirmation_state}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS inserted_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'));

{{distributed_alter:payment_confirmation_state:ADD COLUMN IF NOT EXISTS inserted_at SimpleAggregateFunction(max, DateTime64(3, 'UTC'))}};

ALTER TABLE {{table:payment_confirmation_state}} {{on_cluster}}
    ADD INDEX IF NOT EXISTS idx_inserted_at inserted_at TYPE minmax GRANULARITY 1;

ALTER TABLE {{table:payment_confirmation_state_mv}} {{on_cluster}} MODIFY QUERY
SELECT
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
    max(time) AS last_time,
    now64(3) AS inserted_at
FROM {{table:finance_events}}
WHERE document_type = 'payment'
GROUP BY entity, document_id;

-- One row per payment as payment_confirmation_state merges it, per generation.
CREATE TABLE IF NOT EXISTS {{table:payment_confirmation_state_snapshot}} {{on_cluster}}
(
    generation        UInt64,
    entity            LowCardinality(String),
    document_id       String,
    was_sent          UInt8,
    sent_at           DateTime64(3, 'UTC'),
    has_bank_status   UInt8,
    rejected          UInt8,
    returned          UInt8,
    refused_at        DateTime64(3, 'UTC'),
    reason_code       String,
    named_bank        String,
    bank_source       String,
    last_time         DateTime64(3, 'UTC')
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (entity, document_id);

{{distributed:payment_confirmation_state_snapshot:cityHash64(entity, document_id)}};

-- One row per customer invoice, receipt or collection commitment as receivables_state merges it.
CREATE TABLE IF NOT EXISTS {{table:receivables_state_snapshot}} {{on_cluster}}
(
    generation        UInt64,
    document_type     LowCardinality(String),
    entity            LowCardinality(String),
    document_id       String,
    amount            Decimal(38, 4),
    has_amount        UInt8,
    currency          LowCardinality(String),
    counterparty_id   String,
    counterparty_name String,
    correlation_id    String,
    promised_date     Nullable(Date32),
    first_time        DateTime64(3, 'UTC'),
    made_at           Nullable(DateTime64(3, 'UTC')),
    written_off       UInt8,
    applied           UInt8,
    sources           Array(String),
    last_time         DateTime64(3, 'UTC')
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (document_type, entity, document_id);

{{distributed:receivables_state_snapshot:cityHash64(entity, document_type, document_id)}};

-- One row per (supplier invoice, source) as invoice_capture_state merges it, with the
-- reference already normalised for comparison (duplicate-invoice-pairs.sql.ts).
CREATE TABLE IF NOT EXISTS {{table:invoice_capture_state_snapshot}} {{on_cluster}}
(
    generation        UInt64,
    entity            LowCardinality(String),
    document_id       String,
    source            LowCardinality(String),
    amount            Decimal(38, 4),
    has_amount        UInt8,
    currency          LowCardinality(String),
    counterparty_id   String,
    counterparty_name String,
    reference         String,
    reference_key     String,
    received_at       Nullable(DateTime64(3, 'UTC')),
    scheduled         UInt8,
    cancelled         UInt8,
    paid_at           Nullable(DateTime64(3, 'UTC')),
    last_time         DateTime64(3, 'UTC')
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY generation
ORDER BY (entity, document_id, source);

{{distributed:invoice_capture_state_snapshot:cityHash64(entity, document_id)}};
