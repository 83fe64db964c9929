-- Bank files (camt.052/053/054, pain.001/002, MT940) and what they say, in the detail the
-- matching and bank-confirmation metrics need. Every row comes from a file whose sha256 is
-- file_id; row ids derive from it, so a file processed twice collapses to one set of rows
-- (ReplacingMergeTree on the identity; queries use FINAL or LIMIT 1 BY identity).

-- One row per file and attempt; the latest version wins. status: processed |
-- processed_with_exceptions (a check failed: see bank_file_checks) | failed (refused whole,
-- reason in error_path / error_message, raw file in the quarantine).
CREATE TABLE IF NOT EXISTS {{table:bank_files}} {{on_cluster}}
(
    file_id         String COMMENT 'sha256 of the file content, hex',
    received_at     DateTime64(3, 'UTC'),
    version         UInt64,
    file_name       String,
    channel         LowCardinality(String) COMMENT 'http | inbox',
    api_key_prefix  String,
    message_type    LowCardinality(String) COMMENT 'camt.053, camt.054, pain.002, mt940, …',
    message_version LowCardinality(String) COMMENT '001.02 … from the namespace; empty for MT940',
    message_id      String,
    source          LowCardinality(String),
    entity          LowCardinality(String),
    status          LowCardinality(String),
    error_path      String,
    error_message   String,
    bytes           UInt64,
    statements      UInt32,
    entries         UInt32,
    transactions    UInt32,
    balances        UInt32,
    statuses        UInt32,
    instructions    UInt32,
    events          UInt32,
    checks_failed   UInt32,
    answer          String COMMENT 'the JSON answer given for the file, replayed for a duplicate'
)
ENGINE = {{engine:ReplacingMergeTree(version)}}
ORDER BY file_id
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:bank_files:cityHash64(file_id)}};

-- One row per transaction detail of a statement or notification entry (one row for an
-- entry without details), so a batched entry can be matched one-to-many.
CREATE TABLE IF NOT EXISTS {{table:bank_statement_entries}} {{on_cluster}}
(
    file_id                       String,
    row_id                        String,
    source                        LowCardinality(String),
    event_id                      String COMMENT 'the finance_events id telling this entry or transaction; empty for information-only entries',
    entity                        LowCardinality(String),
    statement_id                  String,
    statement_index               UInt32,
    statement_sequence            String,
    entry_index                   UInt32,
    tx_index                      UInt32 COMMENT '0 when the entry has no transaction details',
    tx_count                      UInt32,
    account                       String,
    account_iban                  String,
    account_currency              LowCardinality(String),
    servicer_bic                  LowCardinality(String),
    entry_reference               String,
    account_servicer_reference    String,
    booking_date                  Nullable(Date32),
    value_date                    Nullable(Date32),
    entry_amount                  Decimal(38, 5),
    tx_amount                     Nullable(Decimal(38, 5)),
    currency                      LowCardinality(String),
    credit_debit                  LowCardinality(String) COMMENT 'CRDT | DBIT',
    status                        LowCardinality(String) COMMENT 'booked | pending | info',
    status_code                   LowCardinality(String),
    reversal                      UInt8,
    bank_tx_domain                LowCardinality(String),
    bank_tx_family                LowCardinality(String),
    bank_tx_subfamily             LowCardinality(String),
    bank_tx_proprietary           String,
    bank_tx_issuer                LowCardinality(String),
    end_to_end_id                 String,
    instruction_id                String,
    payment_info_id               String,
    message_id                    String,
    mandate_id                    String,
    tx_account_servicer_reference String,
    creditor_reference            String,
    creditor_references           Array(String),
    remittance                    String,
    counterparty_name             String,
    counterparty_account          String,
    counterparty_bic              String,
    additional_info               String,
    received_at                   DateTime64(3, 'UTC'),
    INDEX idx_end_to_end end_to_end_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_creditor_reference creditor_reference TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_servicer_reference account_servicer_reference TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
ORDER BY (account, row_id)
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:bank_statement_entries:cityHash64(account, row_id)}};

-- Balances as reported (signed: a debit balance is negative), with the bank's code.
CREATE TABLE IF NOT EXISTS {{table:bank_balances}} {{on_cluster}}
(
    file_id         String,
    row_id          String,
    source          LowCardinality(String),
    event_id        String COMMENT 'empty for codes finance.balance.reported has no type for',
    entity          LowCardinality(String),
    statement_id    String,
    statement_index UInt32,
    balance_index   UInt32,
    account         String,
    account_iban    String,
    balance_code    LowCardinality(String) COMMENT 'OPBD, PRCD, CLBD, CLAV, ITBD, ITAV, FWAV, …',
    balance_type    LowCardinality(String) COMMENT 'opening | closing | available | forward_available | interim | empty',
    amount          Decimal(38, 5),
    currency        LowCardinality(String),
    balance_date    Date32,
    received_at     DateTime64(3, 'UTC')
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
ORDER BY (account, row_id)
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:bank_balances:cityHash64(account, row_id)}};

-- Payment status reports (pain.002) per group, payment information block and transaction.
CREATE TABLE IF NOT EXISTS {{table:bank_payment_statuses}} {{on_cluster}}
(
    file_id                    String,
    row_id                     String,
    source                     LowCardinality(String),
    event_id                   String,
    entity                     LowCardinality(String),
    level                      LowCardinality(String) COMMENT 'group | payment_info | transaction',
    report_message_id          String,
    report_created_at          DateTime64(3, 'UTC'),
    original_message_id        String,
    original_message_type      LowCardinality(String),
    original_payment_info_id   String,
    original_instruction_id    String,
    original_end_to_end_id     String,
    status                     LowCardinality(String) COMMENT 'ACCP, ACTC, ACSP, ACSC, RJCT, PDNG, …',
    reason_code                LowCardinality(String),
    reason_text                String,
    amount                     Nullable(Decimal(38, 5)),
    currency                   LowCardinality(String),
    account_servicer_reference String,
    accepted_at                Nullable(DateTime64(3, 'UTC')),
    received_at                DateTime64(3, 'UTC'),
    INDEX idx_end_to_end original_end_to_end_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
ORDER BY (original_message_id, row_id)
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:bank_payment_statuses:cityHash64(original_message_id, row_id)}};

-- Every check run on a file: balances reconcile, summaries, counts and control sums.
-- outcome 'failed' is an exception the dashboard lists; 'partial' is a status report that
-- covers only part of the original transactions.
CREATE TABLE IF NOT EXISTS {{table:bank_file_checks}} {{on_cluster}}
(
    file_id      String,
    check_index  UInt32,
    check_name   LowCardinality(String),
    scope        String,
    outcome      LowCardinality(String) COMMENT 'passed | failed | partial | skipped',
    expected     String,
    actual       String,
    detail       String,
    received_at  DateTime64(3, 'UTC')
)
ENGINE = {{engine:ReplacingMergeTree(received_at)}}
ORDER BY (file_id, check_index)
SETTINGS non_replicated_deduplication_window = 10000;

{{distributed:bank_file_checks:cityHash64(file_id)}};
