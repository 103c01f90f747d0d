-- The DataProtection key ring (sign-in cookies, antiforgery tokens) lives in the database, so
-- several instances and a backup share it; never in the source tree. Each key's XML is encrypted
-- with the key-encryption key from configuration (see docs/operations.md, "Keys").
CREATE TABLE data_protection_keys (
    id {identity},
    friendly_name TEXT NOT NULL UNIQUE,
    xml TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
