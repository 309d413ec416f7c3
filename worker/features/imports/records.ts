// What every import format is parsed into, before matching: one record per
// fact the file states (a watch, a follow, a watchlist entry, a rating, a
// list entry), with the ids and titles the file gives to find it by. Parsers
// (formats/*.ts) only read; matching (matching.ts) finds our titles; the
// service writes. docs/imports.md describes each format's mapping.

/** The ids a file carries for a title or an episode; any may be missing. */
export interface ExternalIds {
  tmdb?: number;
  tvdb?: number;
  /** IMDb `tt…`. */
  imdb?: string;
  trakt?: number;
}

/** A show or a movie as the file names it. */
export interface TitleRef {
  mediaType: 'tv' | 'movie';
  ids: ExternalIds;
  title?: string;
  year?: number;
}

/** An episode of a show: its own ids (placed by them first), else its numbers in the file's numbering. */
export interface EpisodeRef {
  ids: ExternalIds;
  season?: number;
  number?: number;
}

/**
 * When something happened: an exact instant (ISO-8601 UTC, `…Z`), only a
 * day (`YYYY-MM-DD`, date-only sources stay date-only), or unknown.
 */
export type When = { at: string } | { on: string } | null;

/** A follow's notification settings, as our own export carries them. */
export interface NotifyPreferences {
  new_episode: boolean;
  new_season: boolean;
  status_change: boolean;
  hours_before: number;
}

export type ImportRecord =
  | { kind: 'episode_watch'; show: TitleRef; episode: EpisodeRef; when: When }
  | { kind: 'movie_watch'; movie: TitleRef; when: When }
  /** Follow a show (our tracking); `favorite` when the source marks it; `notify` only from our own export. */
  | { kind: 'follow'; show: TitleRef; favorite?: boolean; notify?: NotifyPreferences; when?: When }
  | { kind: 'watchlist'; title: TitleRef; note?: string; when?: When }
  /** A rating on our 1-10 scale (converted from the source's), of a title or one of its episodes. */
  | { kind: 'rating'; title: TitleRef; episode?: EpisodeRef; rating: number; when?: When }
  | { kind: 'list_entry'; list: string; title: TitleRef; when?: When };

export type ImportKind = ImportRecord['kind'];

export const IMPORT_FORMATS = [
  'tvtime-gdpr',
  'tvtime-liberator',
  'tvtime-out',
  'trakt',
  'imdb',
  'letterboxd',
  'showtracker',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A parsed upload: its records in file order, and what the person should be told about it. */
export interface ParsedImport {
  format: ImportFormat;
  records: ImportRecord[];
  /**
   * Things the file says went wrong or that were skipped (Trakt's
   * `_errors.json`, rows with too many fields, unreadable dates), for the
   * preview; never personal data.
   */
  notices: string[];
}

/** A file of an upload: its path inside the archive (or its own name) and its bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export type ImportFileErrorCode =
  | 'unknown_format'
  | 'malformed_file'
  | 'malformed_archive'
  | 'password_protected'
  | 'file_too_large'
  | 'archive_too_large'
  | 'too_many_files'
  | 'empty_file';

/** Raised by parsers and the archive reader for a file that cannot be imported; the route answers 422 with `code`. */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;

  constructor(code: ImportFileErrorCode, message: string) {
    super(message);
    this.name = 'ImportFileError';
    this.code = code;
  }
}

/** A basename normalised for matching, as Yamtrack does: lowercase, letters and digits only (`tracking-prod-records-v2.csv` → `trackingprodrecordsv2csv`). */
export const normalizedName = (path: string) => (path.split('/').at(-1) ?? path).toLowerCase().replace(/[^a-z0-9]/g, '');
