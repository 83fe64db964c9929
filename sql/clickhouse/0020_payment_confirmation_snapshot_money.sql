-- The payment confirmation snapshot carries each payment's amount, currency, counterparty and
-- sources as settlement_state has them when the generation is built (every payment event
-- writes both state tables, so a later change to them is a change to the payment's
-- confirmation state too, merged afresh by readers). Delayed confirmations then read one
-- snapshot instead of joining the settlement snapshot for the payments that need attention.
-- Generations built before this have none of it: their registrations are removed, so readers
-- merge the state in full until the snapshot loop builds a new base (it does on its next turn).
ALTER TABLE {{table:payment_confirmation_state_snapshot}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS amount Nullable(Decimal(38, 4)),
    ADD COLUMN IF NOT EXISTS currency LowCardinality(String),
    ADD COLUMN IF NOT EXISTS counterparty_id String,
    ADD COLUMN IF NOT EXISTS counterparty_name String,
    ADD COLUMN IF NOT EXISTS sources Array(String);

{{distributed_alter:payment_confirmation_state_snapshot:ADD COLUMN IF NOT EXISTS amount Nullable(Decimal(38, 4)), ADD COLUMN IF NOT EXISTS currency LowCardinality(String), ADD COLUMN IF NOT EXISTS counterparty_id String, ADD COLUMN IF NOT EXISTS counterparty_name String, ADD COLUMN IF NOT EXISTS sources Array(String)}};

ALTER TABLE {{table:state_snapshots}} {{on_cluster}}
    DELETE WHERE state_table = 'payment_confirmation_state'
    SETTINGS mutations_sync = 2;
