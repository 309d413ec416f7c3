-- The schema of the original design (docs/design.md#schema), with
-- gen_random_uuid() instead of uuid-ossp, exact air instants on episodes, web
-- push subscriptions on devices, and the tables accounts need (refresh tokens,
-- auth throttling).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ============================================================ users
CREATE TABLE users (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email           TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    username        TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    timezone        TEXT NOT NULL DEFAULT 'UTC',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
-- "Alice" and "alice" are the same person.
CREATE UNIQUE INDEX idx_users_username_lower ON users (lower(username));

-- A device is a Web Push subscription: device_token holds its endpoint URL.
CREATE TABLE user_devices (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_token    TEXT NOT NULL,
    platform        TEXT NOT NULL,
    p256dh          TEXT NOT NULL,
    auth_secret     TEXT NOT NULL,
    content_encodings TEXT[] NOT NULL DEFAULT ARRAY['aes128gcm'],
    user_agent      TEXT,
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,
    deactivated_reason TEXT,
    last_success_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (user_id, device_token)
);
-- One browser subscription belongs to one account: signing in as someone else
-- on the same browser moves it, so nobody receives another person's pushes.
CREATE UNIQUE INDEX idx_user_devices_endpoint ON user_devices (device_token);
CREATE INDEX idx_user_devices_active ON user_devices (user_id) WHERE is_active;

-- Opaque refresh tokens, stored only as SHA-256 hashes. Every rotation stays in
-- its family; presenting a used token revokes the whole family.
CREATE TABLE refresh_tokens (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    family_id       UUID NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    user_agent      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX idx_refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX idx_refresh_tokens_expires ON refresh_tokens (expires_at);

-- Fixed-window counters for login / register throttling, per account and per
-- client address. Kept in Postgres because KV is eventually consistent.
CREATE TABLE auth_throttle (
    key             TEXT PRIMARY KEY,
    window_start    TIMESTAMPTZ NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_auth_throttle_window ON auth_throttle (window_start);

-- ============================================================ catalog
CREATE TABLE shows (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    title           TEXT NOT NULL,
    media_type      TEXT NOT NULL CHECK (media_type IN ('tv', 'movie')),
    status          TEXT,
    overview        TEXT,
    poster_url      TEXT,
    backdrop_url    TEXT,
    genres          TEXT[],
    network         TEXT,
    premiere_date   DATE,
    tmdb_id         INTEGER UNIQUE,
    imdb_id         TEXT UNIQUE,
    thetvdb_id      INTEGER UNIQUE,
    omdb_id         TEXT,
    last_synced_at  TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    sync_priority   INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_shows_title_trgm ON shows USING gin (title gin_trgm_ops);
CREATE INDEX idx_shows_tmdb_id ON shows (tmdb_id);
CREATE INDEX idx_shows_media_type ON shows (media_type);
CREATE INDEX idx_shows_status ON shows (status);

CREATE TABLE seasons (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    show_id         UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    season_number   INTEGER NOT NULL,
    name            TEXT,
    overview        TEXT,
    poster_url      TEXT,
    air_date        DATE,
    episode_count   INTEGER,
    tmdb_id         INTEGER,
    thetvdb_id      INTEGER,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (show_id, season_number)
);

-- air_date is the day as the providers give it; airs_at is the exact instant
-- when a source knows it (TVmaze airstamp, TheTVDB airsTime in the network's
-- zone), with airs_at_source saying which. Date-only episodes have no instant.
CREATE TABLE episodes (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    show_id         UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    season_id       UUID NOT NULL REFERENCES seasons(id) ON DELETE CASCADE,
    season_number   INTEGER NOT NULL,
    episode_number  INTEGER NOT NULL,
    title           TEXT,
    overview        TEXT,
    air_date        DATE,
    airs_at         TIMESTAMPTZ,
    airs_at_source  TEXT CHECK (airs_at_source IN ('tvmaze', 'thetvdb', 'date_only')),
    runtime_minutes INTEGER,
    still_url       TEXT,
    tmdb_id         INTEGER,
    thetvdb_id      INTEGER,
    imdb_id         TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (show_id, season_number, episode_number)
);
CREATE INDEX idx_episodes_air_date ON episodes (air_date);
CREATE INDEX idx_episodes_airs_at ON episodes (airs_at);
CREATE INDEX idx_episodes_show_id ON episodes (show_id);

-- ============================================================ tracking
CREATE TABLE user_tracked_shows (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    show_id         UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    is_favorite     BOOLEAN NOT NULL DEFAULT FALSE,
    notify_new_episode   BOOLEAN NOT NULL DEFAULT TRUE,
    notify_new_season    BOOLEAN NOT NULL DEFAULT TRUE,
    notify_status_change BOOLEAN NOT NULL DEFAULT TRUE,
    notify_hours_before  INTEGER NOT NULL DEFAULT 0 CHECK (notify_hours_before BETWEEN 0 AND 168),
    last_watched_season  INTEGER,
    last_watched_episode INTEGER,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    UNIQUE (user_id, show_id)
);
CREATE INDEX idx_tracked_user ON user_tracked_shows (user_id);
CREATE INDEX idx_tracked_show ON user_tracked_shows (show_id);
CREATE INDEX idx_tracked_favorite ON user_tracked_shows (is_favorite) WHERE is_favorite = TRUE;

-- ============================================================ timeline
CREATE TABLE timeline_events (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    show_id         UUID NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    event_type      TEXT NOT NULL CHECK (event_type IN (
                        'new_episode', 'season_premiere', 'season_finale',
                        'series_premiere', 'series_finale',
                        'movie_release', 'status_change'
                    )),
    title           TEXT NOT NULL,
    description     TEXT,
    event_date      TIMESTAMPTZ NOT NULL,
    season_number   INTEGER,
    episode_number  INTEGER,
    episode_id      UUID REFERENCES episodes(id) ON DELETE SET NULL,
    metadata        JSONB DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_timeline_event_date ON timeline_events (event_date);
CREATE INDEX idx_timeline_show_id ON timeline_events (show_id);
CREATE INDEX idx_timeline_type ON timeline_events (event_type);

-- ============================================================ notifications
CREATE TABLE notifications (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    timeline_event_id UUID REFERENCES timeline_events(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    payload         JSONB DEFAULT '{}',
    status          TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sent', 'failed', 'read')),
    scheduled_for   TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    read_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_notifications_user ON notifications (user_id);
CREATE INDEX idx_notifications_status ON notifications (status) WHERE status = 'pending';
CREATE INDEX idx_notifications_scheduled ON notifications (scheduled_for) WHERE status = 'pending';

-- ============================================================ sync audit
CREATE TABLE sync_log (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    source          TEXT NOT NULL,
    show_id         UUID REFERENCES shows(id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    records_updated INTEGER DEFAULT 0,
    error_message   TEXT,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ
);
CREATE INDEX idx_sync_log_started ON sync_log (started_at);
