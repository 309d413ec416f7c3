// The local catalog of shows, movies, seasons and episodes (metadata cache).
import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';

export interface StoredRatings {
  imdb_rating: number | null;
  imdb_votes: number | null;
  rotten_tomatoes: number | null;
  metacritic: number | null;
  awards: string | null;
}

export const shows = pgTable(
  'shows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    mediaType: text('media_type', { enum: ['tv', 'movie'] }).notNull(),
    status: text('status'),
    overview: text('overview'),
    posterUrl: text('poster_url'),
    backdropUrl: text('backdrop_url'),
    genres: text('genres').array(),
    network: text('network'),
    premiereDate: date('premiere_date'),
    tmdbId: integer('tmdb_id'),
    imdbId: text('imdb_id').unique(),
    thetvdbId: integer('thetvdb_id').unique(),
    omdbId: text('omdb_id'),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }).notNull().defaultNow(),
    syncPriority: integer('sync_priority').notNull().default(0),
    originalTitle: text('original_title'),
    popularity: doublePrecision('popularity'),
    lastAirDate: date('last_air_date'),
    runtimeMinutes: integer('runtime_minutes'),
    tvmazeId: integer('tvmaze_id'),
    networkTimezone: text('network_timezone'),
    airsTime: text('airs_time'),
    /** Null while the row holds only a summary from a TMDB list. */
    detailsSyncedAt: timestamp('details_synced_at', { withTimezone: true }),
    ratings: jsonb('ratings').$type<StoredRatings>(),
    ratingsSyncedAt: timestamp('ratings_synced_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    unique('shows_media_type_tmdb_id_key').on(t.mediaType, t.tmdbId),
    index('idx_shows_popularity').on(t.popularity),
    index('idx_shows_title_trgm').using('gin', sql`${t.title} gin_trgm_ops`),
    index('idx_shows_title_prefix').on(sql`lower(${t.title}) text_pattern_ops`),
    index('idx_shows_tmdb_id').on(t.tmdbId),
    index('idx_shows_media_type').on(t.mediaType),
    index('idx_shows_status').on(t.status),
  ],
);

export const seasons = pgTable(
  'seasons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    seasonNumber: integer('season_number').notNull(),
    name: text('name'),
    overview: text('overview'),
    posterUrl: text('poster_url'),
    airDate: date('air_date'),
    episodeCount: integer('episode_count'),
    tmdbId: integer('tmdb_id'),
    thetvdbId: integer('thetvdb_id'),
    ...timestamps,
  },
  (t) => [unique().on(t.showId, t.seasonNumber)],
);

/**
 * `airDate` is the day the providers give; `airsAt` the exact instant when a
 * source knows it, with `airsAtSource` naming that source.
 */
export const episodes = pgTable(
  'episodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id, { onDelete: 'cascade' }),
    seasonId: uuid('season_id')
      .notNull()
      .references(() => seasons.id, { onDelete: 'cascade' }),
    seasonNumber: integer('season_number').notNull(),
    episodeNumber: integer('episode_number').notNull(),
    title: text('title'),
    overview: text('overview'),
    airDate: date('air_date'),
    airsAt: timestamp('airs_at', { withTimezone: true }),
    airsAtSource: text('airs_at_source', { enum: ['tvmaze', 'thetvdb', 'date_only'] }),
    runtimeMinutes: integer('runtime_minutes'),
    episodeType: text('episode_type'),
    stillUrl: text('still_url'),
    tmdbId: integer('tmdb_id'),
    thetvdbId: integer('thetvdb_id'),
    imdbId: text('imdb_id'),
    ...timestamps,
  },
  (t) => [
    unique().on(t.showId, t.seasonNumber, t.episodeNumber),
    index('idx_episodes_air_date').on(t.airDate),
    index('idx_episodes_airs_at').on(t.airsAt),
    index('idx_episodes_show_id').on(t.showId),
    // Migration 0010, with INCLUDE (airs_at, air_date, runtime_minutes), which drizzle
    // cannot say: Up Next's range over a show's episodes, index-only (docs/design.md#up-next).
    index('idx_episodes_show_order').on(t.showId, t.seasonNumber, t.episodeNumber),
  ],
);
