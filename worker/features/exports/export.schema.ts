// The ShowTracker export document, version 1 (docs/export-format.md): what
// the export route writes and what the importer reads back (formats/
// showtracker.ts), one schema for both, so the round trip cannot drift.
// `library` is what an import restores; exporting it again from the account
// it was imported into gives the same `library`, byte for byte.
import { z } from '@hono/zod-openapi';

export const EXPORT_FORMAT = 'showtracker-export';
export const EXPORT_VERSION = 1;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instant = z.iso.datetime({ offset: false });

const Ids = z
  .object({ tmdb: z.number().int().optional(), tvdb: z.number().int().optional(), imdb: z.string().optional() })
  .openapi('ExportIds');

export const ExportTitle = z
  .object({
    key: z.string().openapi({ description: 'How the other sections name this title, e.g. "tv:tmdb:1396".' }),
    media_type: z.enum(['tv', 'movie']),
    title: z.string(),
    year: z.number().int().nullable(),
    ids: Ids,
  })
  .openapi('ExportTitle');

export const ExportWatch = z
  .object({
    title: z.string(),
    season: z.number().int().nullable(),
    episode: z.number().int().nullable(),
    episode_ids: Ids.nullable().openapi({ description: 'The episode’s own ids, when known; null for a movie.' }),
    watched_at: instant.nullable().openapi({ description: 'The instant, in UTC; null when only the day (or nothing) is known.' }),
    watched_on: day.nullable().openapi({ description: 'The day, when only the day is known.' }),
  })
  .openapi('ExportWatch');

export const ExportFollow = z
  .object({
    title: z.string(),
    favorite: z.boolean(),
    notify: z.object({ new_episode: z.boolean(), new_season: z.boolean(), status_change: z.boolean(), hours_before: z.number().int().min(0).max(168) }),
    since: instant,
  })
  .openapi('ExportFollow');

export const ExportWatchlistItem = z.object({ title: z.string(), note: z.string().nullable(), added_at: instant }).openapi('ExportWatchlistItem');

export const ExportRating = z
  .object({
    title: z.string(),
    season: z.number().int().nullable(),
    episode: z.number().int().nullable(),
    rating: z.number().int().min(1).max(10),
    rated_at: instant.nullable(),
    rated_on: day.nullable(),
  })
  .openapi('ExportRating');

export const ExportList = z
  .object({ name: z.string(), items: z.array(z.object({ title: z.string(), added_at: instant })) })
  .openapi('ExportList');

export const ExportLibrary = z
  .object({
    titles: z.array(ExportTitle),
    watches: z.array(ExportWatch),
    follows: z.array(ExportFollow),
    watchlist: z.array(ExportWatchlistItem),
    ratings: z.array(ExportRating),
    lists: z.array(ExportList),
  })
  .openapi('ExportLibrary');

export const ExportDocument = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exported_at: instant,
    account: z.object({ username: z.string(), email: z.string(), timezone: z.string(), hide_spoilers: z.boolean(), created_at: instant }),
    library: ExportLibrary,
    /** Held about the person but not imported anywhere: the account's own. */
    account_data: z.object({
      catch_up_plans: z.array(z.object({ title: z.string(), target_date: day.nullable(), weekdays: z.array(z.number().int()), session_time: z.string().nullable() })),
      devices: z.array(z.object({ platform: z.string(), user_agent: z.string().nullable(), active: z.boolean(), created_at: instant })),
      notifications: z.array(z.object({ title: z.string(), body: z.string(), status: z.string(), scheduled_for: instant.nullable(), sent_at: instant.nullable(), read_at: instant.nullable() })),
    }),
  })
  .openapi('Export');

export type ExportDocument = z.infer<typeof ExportDocument>;
export type ExportLibrary = z.infer<typeof ExportLibrary>;
