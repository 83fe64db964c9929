-- Each snapshot row stores the 64-bit hash of its key (the state table's key, as
-- state-snapshots.sql.ts hashes it). A reader tells the base rows an overlay or a later change
-- superseded by that hash first (sql/queries/state-snapshots.sql.ts), which meant hashing
-- three strings for every row it read — at a million rows more time than reading them.
-- Generations built before this compute it when read, as before; new ones store it.

ALTER TABLE {{table:document_state_snapshot}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_type, document_id);

{{distributed_alter:document_state_snapshot:ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_type, document_id)}};

ALTER TABLE {{table:settlement_state_snapshot}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_type, document_id);

{{distributed_alter:settlement_state_snapshot:ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_type, document_id)}};

ALTER TABLE {{table:payment_confirmation_state_snapshot}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_id);

{{distributed_alter:payment_confirmation_state_snapshot:ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_id)}};

ALTER TABLE {{table:receivables_state_snapshot}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_type, document_id);

{{distributed_alter:receivables_state_snapshot:ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_type, document_id)}};

ALTER TABLE {{table:invoice_capture_state_snapshot}} {{on_cluster}}
    ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_id, source);

{{distributed_alter:invoice_capture_state_snapshot:ADD COLUMN IF NOT EXISTS key_hash UInt64 MATERIALIZED cityHash64(entity, document_id, source)}};
