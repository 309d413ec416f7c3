-- The watchlist: shows and movies a person wants to watch later, apart from
-- what they track (docs/design.md#schema). Movies are rows of shows too.
-- added_at is when the title went on the list (an import may carry an older
-- date); created_at and updated_at are the row's own, as on every table.
-- Tracking a title (starting to watch it) takes it off the list.
CREATE TABLE watchlist_items (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    show_id    UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    note       TEXT CHECK (char_length(note) BETWEEN 1 AND 200),
    added_at   TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (user_id, show_id)
);
-- A person's list, newest first. The unique key serves lookups of one title.
CREATE INDEX idx_watchlist_user_added ON watchlist_items (user_id, added_at DESC);
