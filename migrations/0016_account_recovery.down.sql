ALTER TABLE refresh_tokens DROP COLUMN IF EXISTS family_started_at;
DROP TABLE IF EXISTS password_reset_tokens;
