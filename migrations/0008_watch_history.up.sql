-- Watch history (issue 12): one row per watch of an episode or a movie, so a
-- single episode can be marked or unmarked, a movie can be watched, a rewatch
-- is one more row, and untracking a show no longer forgets what was watched.
-- The per-show pointer (last_watched_season/episode) is derived from these
-- rows from now on, so its two columns go.
CREATE TABLE watches (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- For a movie, the movie's own row in shows.
    show_id         UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    -- The watch keeps its own copy of the episode's numbers: a sync that
    -- drops an episode sets episode_id NULL, and the next sync that lists it
    -- again links the watch back by (show, season, episode).
    episode_id      UUID REFERENCES episodes(id) ON DELETE SET NULL,
    season_number   INTEGER,
    episode_number  INTEGER,
    -- An exact instant, or only the day, or neither when the day is unknown.
    watched_at      TIMESTAMPTZ,
    watched_on      DATE,
    source          TEXT NOT NULL CHECK (source IN ('app', 'push', 'import')),
    -- The import a watch came from, so an import can be undone at once.
    import_batch_id UUID,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT watches_one_when CHECK (watched_at IS NULL OR watched_on IS NULL),
    -- An episode's watch has both numbers, a movie's neither.
    CONSTRAINT watches_episode_numbers CHECK ((season_number IS NULL) = (episode_number IS NULL)),
    CONSTRAINT watches_linked_episode CHECK (episode_id IS NULL OR season_number IS NOT NULL)
);

-- A person's watches of one show (the show page, progress), and of one
-- episode by its numbers, which a watch keeps even when unlinked.
CREATE INDEX idx_watches_user_show ON watches (user_id, show_id, season_number, episode_number);
-- A person's watches of one episode by id; also what ON DELETE SET NULL looks up.
CREATE INDEX idx_watches_episode_user ON watches (episode_id, user_id);
-- History, newest first: an instant, else the day at 00:00 UTC; unknown days last.
CREATE INDEX idx_watches_user_recent ON watches
    (user_id, (COALESCE(watched_at, watched_on::timestamp AT TIME ZONE 'UTC')) DESC NULLS LAST, created_at DESC, id DESC);
-- Watches whose episode a sync dropped, to link back when it returns.
CREATE INDEX idx_watches_unlinked ON watches (show_id, season_number, episode_number) WHERE episode_id IS NULL;

-- Each pointer becomes the watches it stood for: every regular-season episode
-- up to it that has aired, with the day unknown. A season with no episode
-- ("nothing of this season yet") stands for the seasons before it.
INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, source)
SELECT uts.user_id, uts.show_id, e.id, e.season_number, e.episode_number, 'app'
FROM user_tracked_shows uts
JOIN episodes e ON e.show_id = uts.show_id
WHERE uts.last_watched_season IS NOT NULL
  AND e.season_number > 0
  AND (e.season_number, e.episode_number) <= (uts.last_watched_season, COALESCE(uts.last_watched_episode, 0))
  AND (e.airs_at <= now() OR (e.airs_at IS NULL AND e.air_date <= current_date));

ALTER TABLE user_tracked_shows
    DROP COLUMN last_watched_season,
    DROP COLUMN last_watched_episode;
