-- Accounts (issue 15): password reset by e-mail, and sign-ins listed as sessions.
--
-- A reset link's token is stored only as its SHA-256 hash; it lasts 30
-- minutes and is good once (used_at). Using one marks every other unused
-- token of the person used as well.
CREATE TABLE password_reset_tokens (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_password_reset_tokens_user ON password_reset_tokens (user_id);
CREATE INDEX idx_password_reset_tokens_expires ON password_reset_tokens (expires_at);

-- A session is a refresh-token family (one sign-in and its rotations). Each
-- rotation is a new row, and expired rows are cleaned up, so when the
-- sign-in happened is carried along from token to token.
ALTER TABLE refresh_tokens ADD COLUMN family_started_at TIMESTAMPTZ NOT NULL DEFAULT NOW();
UPDATE refresh_tokens AS token
   SET family_started_at = family.started
  FROM (SELECT family_id, MIN(created_at) AS started FROM refresh_tokens GROUP BY family_id) AS family
 WHERE token.family_id = family.family_id;
