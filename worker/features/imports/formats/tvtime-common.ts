// What the three TV Time parsers share: reading bytes, TV Time's time stamps
// (all UTC, with or without a zone: `2024-06-11 06:13:20`, `…T…Z`, epoch
// seconds, milliseconds or microseconds), its ids (`-1`, `0` and `null` mean
// none), show names with a year suffix, the notices and the one-watch-per-
// instant rule. Instants always come out as `Date#toISOString()`:
// `2024-06-11T06:13:20.000Z`, milliseconds included.
import { csvRows, parseCsv, type CsvTable } from '../archive/csv.ts';
import type { EpisodeRef, ExternalIds, ImportFile, ImportRecord, TitleRef, When } from '../records.ts';

// `TextDecoder` drops a leading BOM by default; csv.ts drops one too.
const decoder = new TextDecoder('utf-8');

export const textOf = (file: ImportFile) => decoder.decode(file.bytes);

export const tableOf = (file: ImportFile): CsvTable => parseCsv(textOf(file));

/** The file's JSON, or undefined when it is not JSON. */
export function jsonOf(file: ImportFile): unknown {
  try {
    return JSON.parse(textOf(file));
  } catch {
    return undefined;
  }
}

/** The start of a file, for detection without decoding a whole export. */
export const headOf = (file: ImportFile, bytes = 65_536) => decoder.decode(file.bytes.subarray(0, bytes));

/** The header row of a CSV, read from its first line only. */
export function headerOf(file: ImportFile): string[] {
  const text = headOf(file).replace(/^\uFEFF/, '');
  const end = text.search(/[\r\n]/);
  const [header] = csvRows(end === -1 ? text : text.slice(0, end));
  return (header ?? []).map((name) => name.trim());
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const trimmed = (value: unknown): string | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' || text.toLowerCase() === 'null' ? undefined : text;
};

/** A TVDB id: a positive integer, also written as a Go float (`9.000002e+06`); `0`, `-1` and blanks are none. */
export function tvdbOf(value: unknown): number | undefined {
  const text = trimmed(value);
  if (text === undefined || !/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return undefined;
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** An IMDb id `tt…`; TV Time writes `-1` for none. */
export function imdbOf(value: unknown): string | undefined {
  const text = trimmed(value);
  return text && /^tt\d{5,}$/i.test(text) ? `tt${text.slice(2)}` : undefined;
}

/** A season or episode number, 0 included (specials are season 0). */
export function numberOf(value: unknown): number | undefined {
  const text = trimmed(value);
  if (text === undefined || !/^\d+(\.0+)?$/.test(text)) return undefined;
  return Number(text);
}

/** `true`/`false` as TV Time writes them in one file or another (`1`/`0` too). */
export function boolOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = trimmed(value)?.toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

const MIN_YEAR = 1888;

function epochInstant(value: number): string | undefined {
  // Below 1e8 seconds (1973) a number is a zero, a counter or a mistake, not a watch time.
  if (!Number.isFinite(value) || value < 1e8) return undefined;
  // Seconds until the year 5138, then milliseconds until 5138, then microseconds.
  const ms = value < 1e11 ? value * 1000 : value < 1e14 ? value : value / 1000;
  return new Date(Math.round(ms)).toISOString();
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?(?:\s+UTC)?$/i;

interface Parts {
  ms: number;
  hasTime: boolean;
}

function partsOf(text: string): Parts | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const [month, day, hour, minute, second] = [mo, d, h, mi, s].map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  // The Go zero time (`0001-01-01 00:00:00`) is TV Time's "unknown".
  if (year < MIN_YEAR || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number(((fraction ?? '') + '000').slice(0, 3));
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined;
  let offsetMinutes = 0;
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return { ms: at.getTime() - offsetMinutes * 60_000, hasTime: h !== undefined };
}

/**
 * An instant as ISO UTC. A date and time without a zone is UTC, never local
 * time; a bare number is epoch seconds, milliseconds or microseconds by size.
 */
export function instantOf(value: unknown): string | undefined {
  if (typeof value === 'number') return epochInstant(value);
  const text = trimmed(value);
  if (text === undefined) return undefined;
  if (/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return epochInstant(Number(text));
  const parts = partsOf(text);
  return parts?.hasTime ? new Date(parts.ms).toISOString() : undefined;
}

/** When, from a time stamp: an instant, a day for date-only values, or null for blanks and the unreadable. */
export function whenOf(value: unknown): When {
  const at = instantOf(value);
  if (at) return { at };
  const text = trimmed(value);
  const parts = text === undefined ? undefined : partsOf(text);
  return parts && !parts.hasTime ? { on: text!.slice(0, 10) } : null;
}

/** Whether a present value failed to read as a time (for a notice; blanks are simply unknown). */
export const unreadableTime = (value: unknown, when: When) => when === null && trimmed(value) !== undefined;

/** A year from a release date; the Go zero date and the impossible are none. */
export function yearOf(value: unknown): number | undefined {
  const year = Number(trimmed(value)?.slice(0, 4));
  return Number.isInteger(year) && year >= MIN_YEAR && year <= 2200 ? year : undefined;
}

/** Ids without the missing ones. */
export function idsOf(ids: ExternalIds): ExternalIds {
  return Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined)) as ExternalIds;
}

/** A show as TV Time names it: `Bodyguard (2018)` is the title `Bodyguard` of 2018. */
export function showRef(ids: ExternalIds, name?: string): TitleRef {
  const ref: TitleRef = { mediaType: 'tv', ids: idsOf(ids) };
  const title = name?.trim();
  if (!title) return ref;
  const match = /^(.*\S)\s*\((\d{4})\)$/.exec(title);
  const year = match ? Number(match[2]) : undefined;
  if (match && year! >= MIN_YEAR && year! <= 2200) return { ...ref, title: match[1]!, year };
  return { ...ref, title };
}

export function movieRef(ids: ExternalIds, title?: string, year?: number): TitleRef {
  const ref: TitleRef = { mediaType: 'movie', ids: idsOf(ids) };
  const name = title?.trim();
  if (name) ref.title = name;
  if (year !== undefined) ref.year = year;
  return ref;
}

export function episodeRef(ids: ExternalIds, season?: number, number?: number): EpisodeRef {
  const ref: EpisodeRef = { ids: idsOf(ids) };
  if (season !== undefined) ref.season = season;
  if (number !== undefined) ref.number = number;
  return ref;
}

/** A show name as a join key: case, spacing and Unicode forms ignored. */
export const nameKey = (name: string) => name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** A show or film's key across the files of one export: its TVDB id, else its IMDb id, else its name. */
export const titleKey = (title: TitleRef) =>
  `${title.mediaType}:${title.ids.tvdb ? `tvdb:${title.ids.tvdb}` : title.ids.imdb ? `imdb:${title.ids.imdb}` : `name:${nameKey(title.title ?? '')}`}`;

const instantOfWhen = (when: NonNullable<When>) => ('at' in when ? when.at : when.on);

/**
 * Notices counted as they happen and worded once: `{n}` is the count, `{s}`
 * an `s` unless it is 1, `{were}` `was` when it is.
 */
export class Notices {
  private readonly counts = new Map<string, number>();

  count(text: string, n = 1) {
    if (n > 0) this.counts.set(text, (this.counts.get(text) ?? 0) + n);
  }

  list(): string[] {
    return [...this.counts].map(([text, n]) =>
      text.replaceAll('{n}', String(n)).replaceAll('{s}', n === 1 ? '' : 's').replaceAll('{were}', n === 1 ? 'was' : 'were'),
    );
  }
}

/** The basename of a member, for notices (never a folder, which may carry a user name). */
const baseName = (path: string) => path.split(/[\\/]/).at(-1) ?? path;

/** Counts a CSV's ragged rows as a notice. */
export function noteRagged(notices: Notices, file: ImportFile, table: CsvTable) {
  notices.count(`${baseName(file.name)}: {n} row{s} had more or fewer fields than the header; missing fields were read as empty and extra ones dropped`, table.ragged);
}

/**
 * Watches kept once per show, episode and instant. TV Time writes the same
 * watch in several files (v1 and v2 tracking logs, name-keyed logs) and
 * sometimes twice in one; a rewatch has its own instant and stays. An
 * episode is known by its show (TVDB id, else name) and numbers, and by its
 * own TVDB id, so a row that lacks one of these still meets its twin.
 */
export class Watches {
  readonly records: ImportRecord[] = [];
  private readonly seen = new Set<string>();
  /** Distinct episodes watched per TVDB show id, for comparing with TV Time's counters. */
  readonly episodesByShow = new Map<number, Set<string>>();

  private keep(keys: string[], record: ImportRecord): boolean {
    if (keys.length === 0 || keys.some((key) => this.seen.has(key))) return false;
    for (const key of keys) this.seen.add(key);
    this.records.push(record);
    return true;
  }

  episode(show: TitleRef, episode: EpisodeRef, when: When): boolean {
    const instant = when ? instantOfWhen(when) : '';
    const keys: string[] = [];
    if (episode.season !== undefined && episode.number !== undefined) keys.push(`${titleKey(show)}|${episode.season}|${episode.number}|${instant}`);
    if (episode.ids.tvdb) keys.push(`episode:${episode.ids.tvdb}|${instant}`);
    if (episode.ids.imdb) keys.push(`episode:${episode.ids.imdb}|${instant}`);
    const kept = this.keep(keys, { kind: 'episode_watch', show, episode, when });
    if (kept && show.ids.tvdb) {
      const episodes = this.episodesByShow.get(show.ids.tvdb) ?? new Set();
      episodes.add(episode.ids.tvdb ? `episode:${episode.ids.tvdb}` : `${episode.season}|${episode.number}`);
      this.episodesByShow.set(show.ids.tvdb, episodes);
    }
    return kept;
  }

  /** `identity` is what tells two films apart in the file (an id, TV Time's uuid, else the title). */
  movie(identity: string, movie: TitleRef, when: When): boolean {
    const instant = when ? instantOfWhen(when) : '';
    return this.keep([`movie:${identity}|${instant}`], { kind: 'movie_watch', movie, when });
  }
}

/** A rating on the 1-10 scale from TV Time's own 1-10 (Liberator's doubled stars); anything else is none. */
export function tenPointRating(value: unknown): number | undefined {
  const text = trimmed(value);
  if (text === undefined) return undefined;
  const rating = Math.round(Number(text));
  return Number.isFinite(rating) && rating >= 1 && rating <= 10 ? rating : undefined;
}



/** One follow per show however many files state it: a favourite if any says so, since the earliest time given. */
export class Follows {
  private readonly byShow = new Map<string, { show: TitleRef; favorite: boolean; when: When }>();

  add(show: TitleRef, favorite: boolean, when: When) {
    const key = titleKey(show);
    const known = this.byShow.get(key);
    const earliest = !known?.when || (when && instantOfWhen(when) < instantOfWhen(known.when)) ? when : known.when;
    this.byShow.set(key, { show: known?.show.title ? known.show : show, favorite: favorite || (known?.favorite ?? false), when: earliest });
  }

  has(show: TitleRef) {
    return this.byShow.has(titleKey(show));
  }

  records(): ImportRecord[] {
    return [...this.byShow.values()].map(({ show, favorite, when }) => ({
      kind: 'follow',
      show,
      ...(favorite ? { favorite } : {}),
      ...(when ? { when } : {}),
    }));
  }
}

/** Records kept once per key, the first one stated winning (watchlist entries, ratings, list entries). */
export class FirstByKey {
  private readonly byKey = new Map<string, ImportRecord>();

  add(key: string, record: ImportRecord) {
    if (!this.byKey.has(key)) this.byKey.set(key, record);
  }

  delete(key: string) {
    this.byKey.delete(key);
  }

  records(): ImportRecord[] {
    return [...this.byKey.values()];
  }
}

/** `{ when }` when there is one, for the records whose `when` is optional. */
export const withWhen = (when: When) => (when ? { when } : {});

/**
 * What the two extension exports (Liberator, TV Time Out) state, gathered
 * the same way: a show's TV Time status decides follow or watchlist, a
 * film is watched or to watch, and rewatch counts (no times) make no watch.
 */
export class ExtensionRecords {
  readonly notices = new Notices();
  private readonly watches = new Watches();
  private readonly follows = new Follows();
  private readonly watchlist = new FirstByKey();
  private readonly ratings = new FirstByKey();
  private readonly listEntries = new FirstByKey();
  private readonly stopped = new Set<string>();
  private rewatchCounts = 0;

  records(): ImportRecord[] {
    this.notices.count('{n} TV Time rewatch count{s} without times {were} not made into extra watches', this.rewatchCounts);
    this.notices.count('{n} show{s} marked stopped in TV Time {were} not followed (their watches are imported)', this.stopped.size);
    return [...this.watches.records, ...this.follows.records(), ...this.watchlist.records(), ...this.ratings.records(), ...this.listEntries.records()];
  }

  private when(value: unknown) {
    const when = whenOf(value);
    if (unreadableTime(value, when)) this.notices.count('{n} watch record{s} had an unreadable time and {were} imported without one');
    return when;
  }

  private noteRewatches(value: unknown) {
    if ((numberOf(value) ?? 0) > 0) this.rewatchCounts += 1;
  }

  /** A show by its TV Time status: `watch_later` is the watchlist, `stopped` (dropped) neither, any other followed. */
  show(show: TitleRef, status: unknown, since: unknown) {
    if (status === 'stopped') this.stopped.add(titleKey(show));
    else if (status === 'watch_later') this.watchlist.add(titleKey(show), { kind: 'watchlist', title: show, ...withWhen(whenOf(since)) });
    else this.follows.add(show, false, whenOf(since));
  }

  favorite(show: TitleRef, since: unknown) {
    this.follows.add(show, true, whenOf(since));
  }

  episode(show: TitleRef, episode: EpisodeRef, watched: unknown, watchedAt: unknown, rewatches: unknown) {
    if (!boolOf(watched)) return;
    if (!show.ids.tvdb && !show.ids.imdb && !show.title && !episode.ids.tvdb && !episode.ids.imdb) {
      return this.notices.count('{n} episode watch record{s} named no show and {were} skipped');
    }
    if (!episode.ids.tvdb && !episode.ids.imdb && (episode.season === undefined || episode.number === undefined)) {
      return this.notices.count('{n} episode watch record{s} named no episode and {were} skipped');
    }
    this.watches.episode(show, episode, this.when(watchedAt));
    this.noteRewatches(rewatches);
  }

  /** A rating already on 1-10 (the extensions double TV Time's stars). */
  rating(title: TitleRef, value: unknown, episode?: EpisodeRef) {
    const rating = tenPointRating(value);
    if (!rating) return;
    const key = episode ? (episode.ids.tvdb ? `episode:${episode.ids.tvdb}` : `${titleKey(title)}|${episode.season}|${episode.number}`) : titleKey(title);
    this.ratings.add(key, { kind: 'rating', title, ...(episode ? { episode } : {}), rating });
  }

  /** A film: watched, else on the watchlist (TV Time's films are one or the other). */
  movie(movie: TitleRef, watched: unknown, watchedAt: unknown, addedAt: unknown, rewatches: unknown): boolean {
    if (!movie.title && !movie.ids.tvdb && !movie.ids.imdb) {
      this.notices.count('{n} film{s} had neither id nor title and {were} skipped');
      return false;
    }
    if (boolOf(watched)) {
      this.watches.movie(titleKey(movie), movie, this.when(watchedAt));
      this.noteRewatches(rewatches);
    } else {
      this.watchlist.add(titleKey(movie), { kind: 'watchlist', title: movie, ...withWhen(whenOf(addedAt)) });
    }
    return true;
  }

  listEntry(list: string | undefined, title: TitleRef | undefined, addedAt: unknown) {
    if (!title || (!title.ids.tvdb && !title.ids.imdb && !title.title)) {
      return this.notices.count('{n} list item{s} named nothing we can find and {were} skipped');
    }
    const name = list?.trim() || 'TV Time list';
    this.listEntries.add(`${name}|${titleKey(title)}`, { kind: 'list_entry', list: name, title, ...withWhen(whenOf(addedAt)) });
  }
}
