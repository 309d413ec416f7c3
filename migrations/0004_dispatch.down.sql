DROP TABLE IF EXISTS notification_deliveries;
ALTER TABLE notifications
    DROP COLUMN IF EXISTS last_error,
    DROP COLUMN IF EXISTS next_attempt_at,
    DROP COLUMN IF EXISTS claim_token,
    DROP COLUMN IF EXISTS claimed_until,
    DROP COLUMN IF EXISTS attempts;
