// TV Time Liberator's export (`tv-time-export.zip`, or the CLI's folder):
// `shows.json` (every episode of every followed show, watched or not),
// `movies.json`, `activity_history.csv` (the same, flattened), `favorites.*`,
// `lists.json` and `list_<name>.csv`. The JSON is the more complete, so the
// CSV of the same content only stands in for a missing JSON file. Ids are
// TVDB (a film's is TheTVDB's film id) and IMDb, `-1` meaning none; ratings
// are already 1-10; `watched_at` is ISO UTC, or `YYYY-MM-DD HH:MM:SS` (UTC)
// from older versions.
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
  nameKey,
  noteRagged,
  numberOf,
  showRef,
  tableOf,
  tvdbOf,
  yearOf,
} from './tvtime-common.ts';

type Json = Record<string, unknown>;
type Member = 'shows' | 'movies' | 'history' | 'favoritesJson' | 'favoritesCsv' | 'listsJson' | 'listCsv';

const NAMES: Record<string, Member> = {
  showsjson: 'shows',
  moviesjson: 'movies',
  activityhistorycsv: 'history',
  favoritesjson: 'favoritesJson',
  favoritescsv: 'favoritesCsv',
  listsjson: 'listsJson',
};

/** A member by name; a browser's copy number (`shows (1).json`) is ignored. */
function memberOf(path: string): Member | undefined {
  const name = normalizedName(path);
  return NAMES[name.replace(/\d+(?=(json|csv)$)/, '')] ?? (/^list.+csv$/.test(name) ? 'listCsv' : undefined);
}

const HISTORY_COLUMNS = ['tvdb_id', 'type', 'title', 'is_watched', 'watched_at'];

/** Whether a file is one of Liberator's by its content, not just its name. */
function isLiberator(file: ImportFile, member: Member | undefined): boolean {
  if (member === 'history') return HISTORY_COLUMNS.every((column) => headerOf(file).includes(column));
  if (member !== 'shows' && member !== 'movies') return false;
  const head = headOf(file).trimStart();
  return head.startsWith('[') && /"tvdb"/.test(head) && (member === 'shows' ? /"seasons"/.test(head) : /"is_watched"/.test(head));
}

export function detect(files: ImportFile[]): boolean {
  return files.some((file) => isLiberator(file, memberOf(file.name)));
}

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const idOf = (value: unknown): Json => (isRecord(value) ? value : {});

const jsonShowRef = (show: Json) => {
  const id = idOf(show.id);
  return showRef({ tvdb: tvdbOf(id.tvdb ?? show.tvdb), imdb: imdbOf(id.imdb) }, typeof show.title === 'string' ? show.title : undefined);
};

const jsonMovieRef = (movie: Json) => {
  const id = idOf(movie.id);
  return movieRef(
    { tvdb: tvdbOf(id.tvdb ?? movie.tvdb), imdb: imdbOf(id.imdb) },
    typeof movie.title === 'string' ? movie.title : undefined,
    yearOf(movie.year),
  );
};

function readShowsJson(into: ExtensionRecords, data: unknown) {
  for (const show of asArray(data)) {
    const ref = jsonShowRef(show);
    into.show(ref, show.status, show.created_at);
    for (const season of asArray(show.seasons)) {
      for (const episode of asArray(season.episodes)) {
        const id = idOf(episode.id);
        const target = episodeRef({ tvdb: tvdbOf(id.tvdb), imdb: imdbOf(id.imdb) }, numberOf(season.number), numberOf(episode.number));
        into.episode(ref, target, episode.is_watched, episode.watched_at, episode.rewatch_count);
        into.rating(ref, episode.rating, target);
      }
    }
  }
}

function readMoviesJson(into: ExtensionRecords, data: unknown) {
  for (const movie of asArray(data)) {
    const ref = jsonMovieRef(movie);
    if (into.movie(ref, movie.is_watched, movie.watched_at, movie.created_at, movie.rewatch_count)) into.rating(ref, movie.rating);
  }
}

/**
 * `activity_history.csv`. Rows are films, episodes or shows; older versions
 * typed episode rows `show` (telling them apart by their season and episode)
 * and wrote unwatched episodes too. An episode row's `tvdb_id` is the
 * episode's and it names its show only by title, joined to the show rows.
 */
function readHistoryCsv(into: ExtensionRecords, file: ImportFile, parts: { shows: boolean; movies: boolean }) {
  const table = tableOf(file);
  noteRagged(into.notices, file, table);
  const isEpisode = (row: Record<string, string>) => row.type === 'episode' || (row.type === 'show' && firstOf(row, 'season', 'episode') !== undefined);
  const showIds = new Map<string, TitleRef>();
  for (const row of table.rows) {
    if (row.type !== 'show' || isEpisode(row)) continue;
    const show = showRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title'));
    if (show.title) showIds.set(nameKey(show.title), show);
    if (parts.shows) into.show(show, firstOf(row, 'status'), undefined);
  }
  const oldStyle = showIds.size === 0;
  for (const row of table.rows) {
    if (row.type === 'movie' && parts.movies) {
      const movie = movieRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title'));
      if (into.movie(movie, row.is_watched, firstOf(row, 'watched_at'), undefined, undefined)) into.rating(movie, firstOf(row, 'rating'));
    } else if (isEpisode(row) && parts.shows) {
      const named = showRef({}, firstOf(row, 'title'));
      const show = (named.title && showIds.get(nameKey(named.title))) || named;
      // Without show rows (older versions) every show in the file was followed.
      if (oldStyle && named.title) into.show(show, firstOf(row, 'status'), undefined);
      const episode = episodeRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, numberOf(row.season), numberOf(row.episode));
      into.episode(show, episode, row.is_watched, firstOf(row, 'watched_at'), undefined);
      into.rating(show, firstOf(row, 'rating'), episode);
    }
  }
}

/** Favourites: a list (`{ shows, movies }`) or an array of `{ tvdb, title, type }`. Films have no favourite here. */
function readFavorites(into: ExtensionRecords, data: unknown) {
  const shows = isRecord(data) ? asArray(data.shows) : asArray(data).filter((item) => item.type === 'series' || item.type === 'show');
  const movies = isRecord(data) ? asArray(data.movies) : asArray(data).filter((item) => item.type === 'movie');
  for (const show of shows) into.favorite(jsonShowRef(show), show.added_at ?? show.created_at);
  into.notices.count('{n} favourite film{s} {were} skipped: only shows can be favourites here', movies.length);
}

function readFavoritesCsv(into: ExtensionRecords, file: ImportFile) {
  const table = tableOf(file);
  let movies = 0;
  for (const row of table.rows) {
    if (row.type === 'movie') movies += 1;
    else if (row.type === 'show' && firstOf(row, 'season', 'episode') === undefined) {
      into.favorite(showRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title')), undefined);
    }
  }
  into.notices.count('{n} favourite film{s} {were} skipped: only shows can be favourites here', movies);
}

/** `lists.json`: `[{ name, shows, movies }]`, or `[{ name, items: [{ type, tvdb?, title }] }]` in other versions. */
function readListsJson(into: ExtensionRecords, data: unknown) {
  for (const list of asArray(data)) {
    const name = typeof list.name === 'string' && list.name.trim() ? list.name.trim() : 'TV Time list';
    for (const show of asArray(list.shows)) into.listEntry(name, jsonShowRef(show), show.added_at ?? show.created_at);
    for (const movie of asArray(list.movies)) into.listEntry(name, jsonMovieRef(movie), movie.added_at ?? movie.created_at);
    for (const item of asArray(list.items)) {
      into.listEntry(name, item.type === 'movie' ? jsonMovieRef(item) : jsonShowRef(item), item.added_at ?? item.created_at);
    }
  }
}

/** `list_<name lowercased, spaces as _>.csv`, in `activity_history.csv`'s columns. */
function readListCsv(into: ExtensionRecords, file: ImportFile) {
  const base = file.name.split(/[\\/]/).at(-1) ?? file.name;
  const name = base.replace(/^list_/i, '').replace(/\.csv$/i, '').replaceAll('_', ' ').trim() || 'TV Time list';
  for (const row of tableOf(file).rows) {
    const ids = { tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) };
    if (row.type === 'movie') into.listEntry(name, movieRef(ids, firstOf(row, 'title')), undefined);
    else if (row.type === 'show' && firstOf(row, 'season', 'episode') === undefined) into.listEntry(name, showRef(ids, firstOf(row, 'title')), undefined);
  }
}

export function parse(files: ImportFile[]): ParsedImport {
  const into = new ExtensionRecords();
  const members = files.map((file) => ({ file, member: memberOf(file.name) }));
  const of = (member: Member) => members.filter((entry) => entry.member === member).map((entry) => entry.file);
  if (!files.some((file) => isLiberator(file, memberOf(file.name)))) {
    throw new ImportFileError('unknown_format', 'No TV Time Liberator export file was found.');
  }
  const json = (member: Member) =>
    of(member).flatMap((file) => {
      const data = jsonOf(file);
      if (data === undefined) into.notices.count('{n} JSON file{s} could not be read and {were} skipped');
      return data === undefined ? [] : [data];
    });
  const shows = json('shows');
  const movies = json('movies');
  for (const data of shows) readShowsJson(into, data);
  for (const data of movies) readMoviesJson(into, data);
  for (const file of of('history')) readHistoryCsv(into, file, { shows: shows.length === 0, movies: movies.length === 0 });
  const favorites = json('favoritesJson');
  for (const data of favorites) readFavorites(into, data);
  if (favorites.length === 0) for (const file of of('favoritesCsv')) readFavoritesCsv(into, file);
  const lists = json('listsJson');
  for (const data of lists) readListsJson(into, data);
  if (lists.length === 0) for (const file of of('listCsv')) readListCsv(into, file);
  return { format: 'tvtime-liberator', records: into.records(), notices: into.notices.list() };
}
