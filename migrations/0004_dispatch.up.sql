-- What the web push dispatcher needs: atomic claims that expire (a crashed
-- consumer's batch is picked up again), attempts with backoff, and a record of
-- every device a notification reached, so a re-claimed one is never sent to
-- the same device twice.

ALTER TABLE notifications
    ADD COLUMN attempts        INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN claimed_until   TIMESTAMPTZ,
    ADD COLUMN claim_token     UUID,
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN last_error      TEXT;

CREATE TABLE notification_deliveries (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    notification_id UUID NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    device_id       UUID NOT NULL REFERENCES user_devices(id) ON DELETE CASCADE,
    -- delivered | gone (404/410: the subscription is dead) | rejected (400/413) | retry (429/5xx/network)
    status          TEXT NOT NULL CHECK (status IN ('delivered', 'gone', 'rejected', 'retry')),
    http_status     INTEGER,
    attempts        INTEGER NOT NULL DEFAULT 1,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (notification_id, device_id)
);
CREATE INDEX idx_notification_deliveries_device ON notification_deliveries (device_id);
