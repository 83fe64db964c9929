-- Matches between booked bank entries and the ERP documents they settle (payments,
-- receipts), written by the payment matcher (sql/queries/payment-matching-rules.sql.ts).
-- The matcher runs incrementally: each run looks only at bank entries that have no
-- full match yet, so the work follows what is new or still open, not the whole history.
-- A row is one (bank entry, document) pair; a many-to-one match writes one row per
-- document of the group, sharing group_id. Rows with within_tolerance = 0 are exact-
-- reference hits whose amounts differ (partial payments): kept to show the difference,
-- never counted as a match. Re-running a rule rewrites the same key, so the latest
-- matched_at wins and nothing is counted twice.
CREATE TABLE IF NOT EXISTS {{table:payment_matches}} {{on_cluster}}
(
    entity            LowCardinality(String),
    bank_entry_id     String,
    document_type     LowCardinality(String),
    document_id       String,
    rule              LowCardinality(String) COMMENT 'exact_reference | counterparty_amount_date | many_to_one',
    matched_on        LowCardinality(String) COMMENT 'end_to_end_id | creditor_reference | remittance_invoice | counterparty | group',
    group_id          String COMMENT 'the documents of one many-to-one match; empty otherwise',
    credit_debit      LowCardinality(String),
    currency          LowCardinality(String),
    entry_amount      Decimal(38, 4),
    document_amount   Decimal(38, 4),
    difference        Decimal(38, 4) COMMENT 'entry_amount - document_amount (many-to-one: minus the group sum)',
    within_tolerance  UInt8,
    evidence_time     DateTime64(3, 'UTC') COMMENT 'latest business time of the events the match rests on; an as-of view ignores later matches',
    matched_at        DateTime64(3, 'UTC')
)
ENGINE = {{engine:ReplacingMergeTree(matched_at)}}
ORDER BY (entity, bank_entry_id, document_type, document_id);

{{distributed:payment_matches:cityHash64(entity, bank_entry_id)}};
