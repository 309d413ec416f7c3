-- The pointer again, from the highest watched regular-season episode of each
-- tracked show. Watches of untracked shows, specials, movies, rewatches and
-- dates are lost.
ALTER TABLE user_tracked_shows
    ADD COLUMN last_watched_season  INTEGER,
    ADD COLUMN last_watched_episode INTEGER;

UPDATE user_tracked_shows uts
SET last_watched_season = latest.season_number, last_watched_episode = latest.episode_number
FROM (
    SELECT DISTINCT ON (user_id, show_id) user_id, show_id, season_number, episode_number
    FROM watches
    WHERE season_number > 0
    ORDER BY user_id, show_id, season_number DESC, episode_number DESC
) latest
WHERE latest.user_id = uts.user_id AND latest.show_id = uts.show_id;

DROP TABLE IF EXISTS watches;
