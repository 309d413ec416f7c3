// "TV Time Out by Refract", a browser extension's export: `tvtime-series-<date>`,
// `tvtime-series-episodes-<date>`, `tvtime-movies-<date>` and
// `tvtime-lists-<date>`, each as CSV and as a JSON twin (the series JSON
// nests the episodes), loose or zipped. Both twins hold the same watches, so
// a CSV, when present, is read instead of its twin. Ids are TVDB (a film's is
// TheTVDB's film id) and IMDb when known; unwatched episodes have rows;
// times mix `YYYY-MM-DD HH:MM:SS` and `…Z`, all UTC; the same watch can be
// written twice and is kept once.
import { firstOf } from '../archive/csv.ts';
import { ImportFileError, normalizedName, type ImportFile, type ImportRecord, type ParsedImport, type TitleRef } from '../records.ts';
import {
  boolOf,
  episodeRef,
  FirstByKey,
  Follows,
  headerOf,
  headOf,
  imdbOf,
  isRecord,
  jsonOf,
  movieRef,
  noteRagged,
  Notices,
  numberOf,
  showRef,
  tableOf,
  titleKey,
  tvdbOf,
  unreadableTime,
  Watches,
  whenOf,
  withWhen,
  yearOf,
} from './tvtime-common.ts';

type Json = Record<string, unknown>;
type Kind = 'episodes' | 'series' | 'movies' | 'lists';

/** The kind of a `tvtime-*` file by its name; `tvtime-series` is a prefix of `tvtime-series-episodes`, so the longer goes first. */
function kindOf(path: string): { kind: Kind; json: boolean } | undefined {
  const name = normalizedName(path);
  const json = name.endsWith('json');
  if (!json && !name.endsWith('csv')) return undefined;
  for (const kind of ['episodes', 'series', 'movies', 'lists'] as const) {
    const prefix = kind === 'episodes' ? 'tvtimeseriesepisodes' : `tvtime${kind}`;
    if (name.startsWith(prefix)) return { kind, json };
  }
  return undefined;
}

const COLUMNS: Record<Kind, string[]> = {
  episodes: ['series_tvdb_id', 'season', 'episode', 'tvdb_id'],
  series: ['tvdb_id', 'title', 'status'],
  movies: ['tvdb_id', 'title', 'is_watched'],
  lists: ['list_name', 'item_type'],
};

/** Which file of the export this is, by its name and content; the episode log by its columns alone. */
function classify(file: ImportFile): { kind: Kind; json: boolean } | undefined {
  const named = kindOf(file.name);
  if (named?.json) {
    const head = headOf(file).trimStart();
    if (!head.startsWith('[')) return undefined;
    const shaped = named.kind === 'series' ? /"seasons"|"status"/.test(head) : named.kind === 'movies' ? /"is_watched"/.test(head) : true;
    return shaped ? named : undefined;
  }
  const header = headerOf(file);
  const has = (kind: Kind) => COLUMNS[kind].every((column) => header.includes(column));
  if (named) return has(named.kind) ? named : undefined;
  return has('episodes') && header.includes('series_uuid') ? { kind: 'episodes', json: false } : undefined;
}

export function detect(files: ImportFile[]): boolean {
  return files.some((file) => classify(file) !== undefined);
}

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const idOf = (value: unknown): Json => (isRecord(value) ? value : {});
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

class OutImport {
  readonly notices = new Notices();
  readonly watches = new Watches();
  readonly follows = new Follows();
  readonly watchlist = new FirstByKey();
  readonly listEntries = new FirstByKey();
  /** Show titles by TVDB id, from the series file, for episode rows. */
  readonly showTitles = new Map<number, string>();
  private rewatchCounts = 0;
  private stopped = 0;

  records(): ImportRecord[] {
    this.notices.count('{n} TV Time rewatch count{s} without times {were} not made into extra watches', this.rewatchCounts);
    this.notices.count('{n} show{s} marked stopped in TV Time {were} not followed (their watches are imported)', this.stopped);
    return [...this.watches.records, ...this.follows.records(), ...this.watchlist.records(), ...this.listEntries.records()];
  }

  private when(value: unknown) {
    const when = whenOf(value);
    if (unreadableTime(value, when)) this.notices.count('{n} watch record{s} had an unreadable time and {were} imported without one');
    return when;
  }

  private noteRewatches(value: unknown) {
    if ((numberOf(value) ?? 0) > 0) this.rewatchCounts += 1;
  }

  /** A show's TV Time status: `watch_later` is the watchlist, `stopped` (dropped) is neither, the rest are followed. */
  show(show: TitleRef, status: string | undefined, since: unknown) {
    if (show.ids.tvdb && show.title) this.showTitles.set(show.ids.tvdb, show.title);
    if (status === 'stopped') this.stopped += 1;
    else if (status === 'watch_later') this.watchlist.add(titleKey(show), { kind: 'watchlist', title: show, ...withWhen(whenOf(since)) });
    else this.follows.add(show, false, whenOf(since));
  }

  episode(show: TitleRef, episode: ReturnType<typeof episodeRef>, watched: unknown, watchedAt: unknown, rewatches: unknown) {
    if (!boolOf(watched)) return;
    if (!show.ids.tvdb && !show.ids.imdb && !show.title && !episode.ids.tvdb) {
      return this.notices.count('{n} episode watch record{s} named no show and {were} skipped');
    }
    if (!episode.ids.tvdb && (episode.season === undefined || episode.number === undefined)) {
      return this.notices.count('{n} episode watch record{s} named no episode and {were} skipped');
    }
    this.watches.episode(show, episode, this.when(watchedAt));
    this.noteRewatches(rewatches);
  }

  /** A film: watched, else on the watchlist (TV Time's films are either). */
  movie(movie: TitleRef, watched: unknown, watchedAt: unknown, addedAt: unknown, rewatches: unknown) {
    if (!movie.title && !movie.ids.tvdb && !movie.ids.imdb) return this.notices.count('{n} film{s} had neither id nor title and {were} skipped');
    if (boolOf(watched)) {
      this.watches.movie(titleKey(movie), movie, this.when(watchedAt));
      this.noteRewatches(rewatches);
    } else {
      this.watchlist.add(titleKey(movie), { kind: 'watchlist', title: movie, ...withWhen(whenOf(addedAt)) });
    }
  }

  listEntry(list: string | undefined, type: unknown, tvdb: unknown, title: string | undefined) {
    const ids = { tvdb: tvdbOf(tvdb) };
    const ref = type === 'movie' ? movieRef(ids, title) : type === 'series' || type === 'show' ? showRef(ids, title) : undefined;
    if (!ref || (!ref.ids.tvdb && !ref.title)) return this.notices.count('{n} list item{s} named nothing we can find and {were} skipped');
    const name = list?.trim() || 'TV Time list';
    this.listEntries.add(`${name}|${titleKey(ref)}`, { kind: 'list_entry', list: name, title: ref });
  }
}

function readSeriesCsv(into: OutImport, rows: Record<string, string>[]) {
  for (const row of rows) {
    const show = showRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title'));
    if (show.ids.tvdb || show.ids.imdb || show.title) into.show(show, firstOf(row, 'status'), firstOf(row, 'created_at'));
  }
}

function readEpisodesCsv(into: OutImport, rows: Record<string, string>[]) {
  for (const row of rows) {
    const tvdb = tvdbOf(row.series_tvdb_id);
    const show = showRef({ tvdb, imdb: imdbOf(row.series_imdb_id) }, (tvdb && into.showTitles.get(tvdb)) || firstOf(row, 'title'));
    const episode = episodeRef({ tvdb: tvdbOf(row.tvdb_id) }, numberOf(row.season), numberOf(row.episode));
    into.episode(show, episode, row.is_watched, firstOf(row, 'watched_at'), row.rewatch_count);
  }
}

function readSeriesJson(into: OutImport, data: unknown, parts: { status: boolean; episodes: boolean }) {
  for (const item of asArray(data)) {
    const id = idOf(item.id);
    const show = showRef({ tvdb: tvdbOf(id.tvdb), imdb: imdbOf(id.imdb) }, text(item.title));
    if (parts.status) into.show(show, text(item.status), item.created_at);
    if (!parts.episodes) continue;
    for (const season of asArray(item.seasons)) {
      for (const episode of asArray(season.episodes)) {
        const ids = idOf(episode.id);
        const target = episodeRef({ tvdb: tvdbOf(ids.tvdb), imdb: imdbOf(ids.imdb) }, numberOf(season.number), numberOf(episode.number));
        into.episode(show, target, episode.is_watched, episode.watched_at, episode.rewatch_count);
      }
    }
  }
}

const movieOfRow = (row: Record<string, string>) =>
  movieRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title'), yearOf(row.year));

function readMoviesJson(into: OutImport, data: unknown) {
  for (const item of asArray(data)) {
    const id = idOf(item.id);
    const movie = movieRef({ tvdb: tvdbOf(id.tvdb), imdb: imdbOf(id.imdb) }, text(item.title), yearOf(item.year));
    into.movie(movie, item.is_watched, item.watched_at, item.created_at, item.rewatch_count);
  }
}

/** The lists JSON: the CSV's rows as objects, or lists holding their `items`. */
function readListsJson(into: OutImport, data: unknown) {
  const entry = (list: unknown, item: Json) =>
    into.listEntry(text(list), item.item_type ?? item.type, item.tvdb_id ?? item.tvdb ?? idOf(item.id).tvdb, text(item.name ?? item.title));
  for (const item of asArray(data)) {
    if (Array.isArray(item.items)) for (const inner of asArray(item.items)) entry(item.list_name ?? item.name, inner);
    else entry(item.list_name, item);
  }
}

export function parse(files: ImportFile[]): ParsedImport {
  const into = new OutImport();
  const entries = files.flatMap((file) => {
    const kind = classify(file);
    return kind ? [{ file, ...kind }] : [];
  });
  if (entries.length === 0) throw new ImportFileError('unknown_format', 'No TV Time Out export file was found.');
  const csv = (kind: Kind) =>
    entries
      .filter((entry) => entry.kind === kind && !entry.json)
      .flatMap(({ file }) => {
        const table = tableOf(file);
        noteRagged(into.notices, file, table);
        return table.rows;
      });
  const json = (kind: Kind) =>
    entries
      .filter((entry) => entry.kind === kind && entry.json)
      .flatMap(({ file }) => {
        const data = jsonOf(file);
        if (data === undefined) into.notices.count('{n} JSON file{s} could not be read and {were} skipped');
        return data === undefined ? [] : [data];
      });
  const series = csv('series');
  const episodes = csv('episodes');
  readSeriesCsv(into, series);
  for (const data of json('series')) readSeriesJson(into, data, { status: series.length === 0, episodes: episodes.length === 0 });
  readEpisodesCsv(into, episodes);
  const movies = csv('movies');
  for (const row of movies) into.movie(movieOfRow(row), row.is_watched, firstOf(row, 'watched_at'), firstOf(row, 'created_at'), row.rewatch_count);
  if (movies.length === 0) for (const data of json('movies')) readMoviesJson(into, data);
  const lists = csv('lists');
  for (const row of lists) into.listEntry(row.list_name, row.item_type, row.tvdb_id, firstOf(row, 'name'));
  if (lists.length === 0) for (const data of json('lists')) readListsJson(into, data);
  return { format: 'tvtime-out', records: into.records(), notices: into.notices.list() };
}
