// "TV Time Out by Refract", a browser extension's export: `tvtime-series-<date>`,
// `tvtime-series-episodes-<date>`, `tvtime-movies-<date>` and
// `tvtime-lists-<date>`, each as CSV and as a JSON twin (the series JSON
// nests the episodes), loose or zipped. Both twins hold the same watches, so
// a CSV, when present, is read instead of its twin. Ids are TVDB (a film's is
// TheTVDB's film id) and IMDb when known; unwatched episodes have rows;
// times mix `YYYY-MM-DD HH:MM:SS` and `…Z`, all UTC; the same watch can be
// written twice and is kept once.
import { firstOf } from '../archive/csv.ts';
import { ImportFileError, normalizedName, type ImportFile, type ParsedImport, type TitleRef } from '../records.ts';
import {
  episodeRef,
  ExtensionRecords,
  headerOf,
  headOf,
  imdbOf,
  isRecord,
  jsonOf,
  movieRef,
  noteRagged,
  numberOf,
  showRef,
  tableOf,
  tvdbOf,
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

/** The series file: each show's status, and its title by TVDB id for the episode rows. */
function readSeriesCsv(into: ExtensionRecords, rows: Record<string, string>[]): Map<number, string> {
  const titles = new Map<number, string>();
  for (const row of rows) {
    const show = showRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title'));
    if (show.ids.tvdb && show.title) titles.set(show.ids.tvdb, firstOf(row, 'title')!);
    if (show.ids.tvdb || show.ids.imdb || show.title) into.show(show, firstOf(row, 'status'), firstOf(row, 'created_at'));
  }
  return titles;
}

function readEpisodesCsv(into: ExtensionRecords, rows: Record<string, string>[], titles: Map<number, string>) {
  for (const row of rows) {
    const tvdb = tvdbOf(row.series_tvdb_id);
    const show = showRef({ tvdb, imdb: imdbOf(row.series_imdb_id) }, (tvdb && titles.get(tvdb)) || firstOf(row, 'title'));
    const episode = episodeRef({ tvdb: tvdbOf(row.tvdb_id) }, numberOf(row.season), numberOf(row.episode));
    into.episode(show, episode, row.is_watched, firstOf(row, 'watched_at'), row.rewatch_count);
  }
}

function readSeriesJson(into: ExtensionRecords, data: unknown, parts: { status: boolean; episodes: boolean }) {
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

function readMoviesJson(into: ExtensionRecords, data: unknown) {
  for (const item of asArray(data)) {
    const id = idOf(item.id);
    const movie = movieRef({ tvdb: tvdbOf(id.tvdb), imdb: imdbOf(id.imdb) }, text(item.title), yearOf(item.year));
    into.movie(movie, item.is_watched, item.watched_at, item.created_at, item.rewatch_count);
  }
}

/** A list item: `item_type` says series or movie, `name` is its title. */
function listItem(type: unknown, tvdb: unknown, title: string | undefined): TitleRef | undefined {
  const ids = { tvdb: tvdbOf(tvdb) };
  if (type === 'movie') return movieRef(ids, title);
  return type === 'series' || type === 'show' ? showRef(ids, title) : undefined;
}

/** The lists JSON: the CSV's rows as objects, or lists holding their `items`. */
function readListsJson(into: ExtensionRecords, data: unknown) {
  const entry = (list: unknown, item: Json) =>
    into.listEntry(text(list), listItem(item.item_type ?? item.type, item.tvdb_id ?? item.tvdb ?? idOf(item.id).tvdb, text(item.name ?? item.title)), undefined);
  for (const item of asArray(data)) {
    if (Array.isArray(item.items)) for (const inner of asArray(item.items)) entry(item.list_name ?? item.name, inner);
    else entry(item.list_name, item);
  }
}

export function parse(files: ImportFile[]): ParsedImport {
  const into = new ExtensionRecords();
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
  const titles = readSeriesCsv(into, series);
  for (const data of json('series')) readSeriesJson(into, data, { status: series.length === 0, episodes: episodes.length === 0 });
  readEpisodesCsv(into, episodes, titles);
  const movies = csv('movies');
  for (const row of movies) into.movie(movieOfRow(row), row.is_watched, firstOf(row, 'watched_at'), firstOf(row, 'created_at'), row.rewatch_count);
  if (movies.length === 0) for (const data of json('movies')) readMoviesJson(into, data);
  const lists = csv('lists');
  for (const row of lists) into.listEntry(row.list_name, listItem(row.item_type, row.tvdb_id, firstOf(row, 'name')), undefined);
  if (lists.length === 0) for (const data of json('lists')) readListsJson(into, data);
  return { format: 'tvtime-out', records: into.records(), notices: into.notices.list() };
}
