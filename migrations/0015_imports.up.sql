-- Imports (issue 14): an upload is parsed into records, its titles matched
-- to the catalog (a preview that changes nothing), then committed as one
-- batch whose rows all carry the batch id: re-running adds nothing, and undo
-- deletes exactly what the batch added. Imports only ever add rows; they
-- never change a row that was there before, so undo leaves exactly what was.
CREATE TABLE import_batches (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id           UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    format            TEXT NOT NULL,
    file_name         TEXT,
    -- SHA-256 of the upload: the preview says when the same file was committed before.
    file_sha256       TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'matching'
                      CHECK (status IN ('matching', 'ready', 'committing', 'committed', 'undoing', 'undone', 'failed')),
    total_records     INTEGER NOT NULL,
    total_titles      INTEGER NOT NULL,
    -- Progress: titles matched so far, records committed so far.
    matched_titles    INTEGER NOT NULL DEFAULT 0,
    committed_records INTEGER NOT NULL DEFAULT 0,
    -- What the commit added, by kind (watches, follows, watchlist, ratings, list entries), and what it skipped as already there.
    added             JSONB NOT NULL DEFAULT '{}',
    notices           TEXT[] NOT NULL DEFAULT '{}',
    error             TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    committed_at      TIMESTAMPTZ,
    undone_at         TIMESTAMPTZ
);
CREATE INDEX idx_import_batches_user ON import_batches (user_id, created_at DESC);

-- One row per distinct title an upload names: the unit of matching.
CREATE TABLE import_titles (
    batch_id    UUID NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    title_key   TEXT NOT NULL,
    media_type  TEXT NOT NULL CHECK (media_type IN ('tv', 'movie')),
    -- The TitleRef as the file gave it (ids, title, year).
    ref         JSONB NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'matched', 'ambiguous', 'unmatched', 'skipped')),
    show_id     UUID REFERENCES shows(id) ON DELETE SET NULL,
    -- How it matched (tmdb id, tvdb id via TMDB, title and year...), or why not.
    how         TEXT,
    confidence  REAL,
    -- For an ambiguous title: [{show_id, title, year, media_type, poster_url, confidence}].
    candidates  JSONB NOT NULL DEFAULT '[]',
    records     INTEGER NOT NULL,
    PRIMARY KEY (batch_id, title_key)
);

-- The parsed records, in file order, with the title each refers to.
CREATE TABLE import_records (
    batch_id  UUID NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    title_key TEXT NOT NULL,
    record    JSONB NOT NULL,
    PRIMARY KEY (batch_id, position)
);

-- A person's rating of a title, or of one of its episodes, on a 1-10 scale.
CREATE TABLE ratings (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    show_id         UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    season_number   INTEGER,
    episode_number  INTEGER,
    rating          SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 10),
    rated_at        TIMESTAMPTZ,
    rated_on        DATE,
    import_batch_id UUID REFERENCES import_batches(id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CHECK ((season_number IS NULL) = (episode_number IS NULL)),
    CHECK (rated_at IS NULL OR rated_on IS NULL)
);
CREATE UNIQUE INDEX idx_ratings_user_title ON ratings (user_id, show_id, COALESCE(season_number, -1), COALESCE(episode_number, -1));
CREATE INDEX idx_ratings_show ON ratings (show_id);
CREATE INDEX idx_ratings_batch ON ratings (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- A person's own named lists (Trakt lists, IMDb lists, Letterboxd lists).
CREATE TABLE user_lists (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    import_batch_id UUID REFERENCES import_batches(id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE UNIQUE INDEX idx_user_lists_name ON user_lists (user_id, lower(name));

CREATE TABLE user_list_items (
    list_id         UUID NOT NULL REFERENCES user_lists(id) ON DELETE CASCADE,
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    show_id         UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    added_at        TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    import_batch_id UUID REFERENCES import_batches(id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (list_id, show_id)
);
CREATE INDEX idx_user_list_items_show ON user_list_items (show_id);
CREATE INDEX idx_user_list_items_batch ON user_list_items (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- What a batch added elsewhere carries its id, so undo is one delete per table.
ALTER TABLE user_tracked_shows ADD COLUMN import_batch_id UUID REFERENCES import_batches(id) ON DELETE SET NULL;
ALTER TABLE watchlist_items ADD COLUMN import_batch_id UUID REFERENCES import_batches(id) ON DELETE SET NULL;
CREATE INDEX idx_tracked_batch ON user_tracked_shows (import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX idx_watchlist_batch ON watchlist_items (import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX idx_watches_batch ON watches (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- Ratings and lists are the person's state too (migration 0014's version).
DO $$
DECLARE
  person_table text;
BEGIN
  FOREACH person_table IN ARRAY ARRAY['ratings', 'user_lists', 'user_list_items']
  LOOP
    EXECUTE format('CREATE TRIGGER %1$s_state_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION bump_people_state_version()', person_table);
    EXECUTE format('CREATE TRIGGER %1$s_state_update AFTER UPDATE ON %1$I REFERENCING NEW TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION bump_people_state_version()', person_table);
    EXECUTE format('CREATE TRIGGER %1$s_state_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS changed_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION bump_people_state_version()', person_table);
  END LOOP;
END $$;
