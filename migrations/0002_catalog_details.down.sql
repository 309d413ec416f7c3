ALTER TABLE episodes DROP COLUMN IF EXISTS episode_type;
DROP INDEX IF EXISTS idx_shows_popularity;
ALTER TABLE shows
    DROP COLUMN IF EXISTS ratings_synced_at,
    DROP COLUMN IF EXISTS ratings,
    DROP COLUMN IF EXISTS details_synced_at,
    DROP COLUMN IF EXISTS airs_time,
    DROP COLUMN IF EXISTS network_timezone,
    DROP COLUMN IF EXISTS tvmaze_id,
    DROP COLUMN IF EXISTS runtime_minutes,
    DROP COLUMN IF EXISTS last_air_date,
    DROP COLUMN IF EXISTS popularity,
    DROP COLUMN IF EXISTS original_title;
ALTER TABLE shows DROP CONSTRAINT shows_media_type_tmdb_id_key;
ALTER TABLE shows ADD CONSTRAINT shows_tmdb_id_key UNIQUE (tmdb_id);
