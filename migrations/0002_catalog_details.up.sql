-- What the catalog needs beyond the original schema (docs/design.md#schema):
-- TMDB ids are per media type (a show and a movie can share a number), whether
-- a row holds full details or only a search-result summary, ratings, and the
-- facts that place air times.

ALTER TABLE shows DROP CONSTRAINT shows_tmdb_id_key;
ALTER TABLE shows ADD CONSTRAINT shows_media_type_tmdb_id_key UNIQUE (media_type, tmdb_id);

ALTER TABLE shows
    ADD COLUMN original_title     TEXT,
    ADD COLUMN popularity         DOUBLE PRECISION,
    ADD COLUMN last_air_date      DATE,
    ADD COLUMN runtime_minutes    INTEGER,
    ADD COLUMN tvmaze_id          INTEGER,
    -- The network's zone and local air time ("21:00"), as TVmaze / TheTVDB give them.
    ADD COLUMN network_timezone   TEXT,
    ADD COLUMN airs_time          TEXT,
    -- NULL: only a summary from a TMDB list; set once the full detail is stored.
    ADD COLUMN details_synced_at  TIMESTAMPTZ,
    ADD COLUMN ratings            JSONB,
    ADD COLUMN ratings_synced_at  TIMESTAMPTZ;

CREATE INDEX idx_shows_popularity ON shows (popularity DESC NULLS LAST);

-- TMDB's "standard" | "mid_season" | "finale", or "series_finale" from TheTVDB.
ALTER TABLE episodes ADD COLUMN episode_type TEXT;
