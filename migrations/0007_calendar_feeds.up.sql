-- Each person's private calendar feed (GET /cal/{token}.ics). Only the SHA-256
-- of the token is stored; the token itself is an HMAC of (user id, generation)
-- under a key derived from JWT_SECRET, so the API can show the URL again
-- without keeping the secret, and rotating bumps the generation: the old
-- token's hash is replaced, so the old URL stops working at once.
CREATE TABLE calendar_feeds (
    user_id    UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    generation INTEGER NOT NULL DEFAULT 1,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    rotated_at TIMESTAMPTZ
);
