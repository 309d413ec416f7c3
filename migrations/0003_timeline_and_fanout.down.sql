DROP INDEX IF EXISTS idx_tracked_show_user;
DROP INDEX IF EXISTS uq_notifications_user_event;
DROP INDEX IF EXISTS idx_timeline_show_air_date;
DROP INDEX IF EXISTS idx_timeline_show_date;
DROP INDEX IF EXISTS uq_timeline_movie_release;
DROP INDEX IF EXISTS uq_timeline_episode;
ALTER TABLE timeline_events
    DROP COLUMN IF EXISTS updated_at,
    DROP COLUMN IF EXISTS sequence,
    DROP COLUMN IF EXISTS air_date,
    DROP COLUMN IF EXISTS all_day;
