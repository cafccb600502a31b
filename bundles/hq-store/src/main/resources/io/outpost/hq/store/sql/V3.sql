-- HQ schema version 3: API tokens (hashed at rest) and the indexes retention deletes by.

-- token_hash is the lower-case hex SHA-256 of the secret; the secret itself is never stored.
CREATE TABLE api_token (
    name        VARCHAR(64) PRIMARY KEY,
    token_hash  CHAR(64)    NOT NULL,
    created_at  BIGINT      NOT NULL,
    last_used   BIGINT,
    revoked_at  BIGINT,
    CONSTRAINT api_token_hash_once UNIQUE (token_hash)
);

-- Retention deletes messages oldest first (by received_at for age, by id for size); samples and alarms go with
-- them by ON DELETE CASCADE, which needs an index on the referencing column to avoid a full scan per message.
CREATE INDEX message_by_received ON message (received_at);
CREATE INDEX sample_by_message ON sample (message_id);
-- alarm (message_id) is indexed by V2 (alarm_by_message), for the alert engine's joins as well.
