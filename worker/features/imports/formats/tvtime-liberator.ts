// TV Time Liberator's export (`tv-time-export.zip`, or the CLI's folder):
// `shows.json` (every episode of every followed show, watched or not),
// `movies.json`, `activity_history.csv` (the same, flattened), `favorites.*`,
// `lists.json` and `list_<name>.csv`. The JSON is the more complete, so the
// CSV of the same content only stands in for a missing JSON file. Ids are
// TVDB (a film's is TheTVDB's film id) and IMDb, `-1` meaning none; ratings
// are already 1-10; `watched_at` is ISO UTC, or `YYYY-MM-DD HH:MM:SS` (UTC)
// from older versions.
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
  nameKey,
  noteRagged,
  Notices,
  numberOf,
  showRef,
  tableOf,
  tenPointRating,
  titleKey,
  tvdbOf,
  unreadableTime,
  Watches,
  whenOf,
  withWhen,
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

function memberOf(path: string): Member | undefined {
  const name = normalizedName(path);
  return NAMES[name] ?? (/^list.+csv$/.test(name) ? 'listCsv' : undefined);
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

class LiberatorImport {
  readonly notices = new Notices();
  readonly watches = new Watches();
  readonly follows = new Follows();
  readonly watchlist = new FirstByKey();
  readonly ratings = new FirstByKey();
  readonly listEntries = new FirstByKey();
  private rewatchCounts = 0;
  private readonly stopped = new Set<string>();

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

  /** A followed show, unless TV Time has it stopped (dropped). */
  followShow(show: TitleRef, status: unknown, since: unknown) {
    if (status === 'stopped') this.stopped.add(titleKey(show));
    else this.follows.add(show, false, whenOf(since));
  }

  episodeWatch(show: TitleRef, episode: ReturnType<typeof episodeRef>, watchedAt: unknown, rewatches: unknown) {
    if (!episode.ids.tvdb && !episode.ids.imdb && (episode.season === undefined || episode.number === undefined)) {
      this.notices.count('{n} episode watch record{s} named no episode and {were} skipped');
      return;
    }
    this.watches.episode(show, episode, this.when(watchedAt));
    this.noteRewatches(rewatches);
  }

  episodeRating(show: TitleRef, episode: ReturnType<typeof episodeRef>, value: unknown) {
    const rating = tenPointRating(value);
    const key = episode.ids.tvdb ? `episode:${episode.ids.tvdb}` : `${titleKey(show)}|${episode.season}|${episode.number}`;
    if (rating) this.ratings.add(key, { kind: 'rating', title: show, episode, rating });
  }

  /** A film: watched, else on the watchlist (TV Time's films are either). */
  film(movie: TitleRef, watched: boolean, watchedAt: unknown, addedAt: unknown, rating: unknown, rewatches: unknown) {
    if (!movie.title && !movie.ids.tvdb && !movie.ids.imdb) return this.notices.count('{n} film{s} had neither id nor title and {were} skipped');
    if (watched) {
      this.watches.movie(titleKey(movie), movie, this.when(watchedAt));
      this.noteRewatches(rewatches);
    } else {
      this.watchlist.add(titleKey(movie), { kind: 'watchlist', title: movie, ...withWhen(whenOf(addedAt)) });
    }
    const score = tenPointRating(rating);
    if (score) this.ratings.add(titleKey(movie), { kind: 'rating', title: movie, rating: score });
  }

  listEntry(list: string, title: TitleRef, addedAt: unknown) {
    this.listEntries.add(`${list}|${titleKey(title)}`, { kind: 'list_entry', list, title, ...withWhen(whenOf(addedAt)) });
  }
}

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

function readShowsJson(into: LiberatorImport, data: unknown) {
  for (const show of asArray(data)) {
    const ref = jsonShowRef(show);
    into.followShow(ref, show.status, show.created_at);
    for (const season of asArray(show.seasons)) {
      for (const episode of asArray(season.episodes)) {
        const id = idOf(episode.id);
        const target = episodeRef({ tvdb: tvdbOf(id.tvdb), imdb: imdbOf(id.imdb) }, numberOf(season.number), numberOf(episode.number));
        if (boolOf(episode.is_watched)) into.episodeWatch(ref, target, episode.watched_at, episode.rewatch_count);
        into.episodeRating(ref, target, episode.rating);
      }
    }
  }
}

function readMoviesJson(into: LiberatorImport, data: unknown) {
  for (const movie of asArray(data)) {
    into.film(jsonMovieRef(movie), boolOf(movie.is_watched) ?? false, movie.watched_at, movie.created_at, movie.rating, movie.rewatch_count);
  }
}

/**
 * `activity_history.csv`. Rows are films, episodes or shows; older versions
 * typed episode rows `show` (telling them apart by their season and episode)
 * and wrote unwatched episodes too. An episode row's `tvdb_id` is the
 * episode's and it names its show only by title, joined to the show rows.
 */
function readHistoryCsv(into: LiberatorImport, file: ImportFile, parts: { shows: boolean; movies: boolean }) {
  const table = tableOf(file);
  noteRagged(into.notices, file, table);
  const isEpisode = (row: Record<string, string>) => row.type === 'episode' || (row.type === 'show' && firstOf(row, 'season', 'episode') !== undefined);
  const showIds = new Map<string, TitleRef>();
  for (const row of table.rows) {
    if (row.type !== 'show' || isEpisode(row)) continue;
    const show = showRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title'));
    if (show.title) showIds.set(nameKey(show.title), show);
    if (parts.shows) into.followShow(show, firstOf(row, 'status'), undefined);
  }
  const oldStyle = showIds.size === 0;
  for (const row of table.rows) {
    if (row.type === 'movie' && parts.movies) {
      const movie = movieRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title'));
      into.film(movie, boolOf(row.is_watched) ?? false, firstOf(row, 'watched_at'), undefined, firstOf(row, 'rating'), undefined);
    } else if (isEpisode(row) && parts.shows) {
      const named = showRef({}, firstOf(row, 'title'));
      const show = (named.title && showIds.get(nameKey(named.title))) || named;
      // Without show rows (older versions) every show in the file was followed.
      if (oldStyle && named.title) into.followShow(show, firstOf(row, 'status'), undefined);
      const episode = episodeRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, numberOf(row.season), numberOf(row.episode));
      if (boolOf(row.is_watched)) into.episodeWatch(show, episode, firstOf(row, 'watched_at'), undefined);
      into.episodeRating(show, episode, firstOf(row, 'rating'));
    }
  }
}

/** Favourites: a list (`{ shows, movies }`) or an array of `{ tvdb, title, type }`. Films have no favourite here. */
function readFavorites(into: LiberatorImport, data: unknown) {
  const shows = isRecord(data) ? asArray(data.shows) : asArray(data).filter((item) => item.type === 'series' || item.type === 'show');
  const movies = isRecord(data) ? asArray(data.movies) : asArray(data).filter((item) => item.type === 'movie');
  for (const show of shows) into.follows.add(jsonShowRef(show), true, whenOf(show.added_at ?? show.created_at));
  into.notices.count('{n} favourite film{s} {were} skipped: only shows can be favourites here', movies.length);
}

function readFavoritesCsv(into: LiberatorImport, file: ImportFile) {
  const table = tableOf(file);
  let movies = 0;
  for (const row of table.rows) {
    if (row.type === 'movie') movies += 1;
    else if (row.type === 'show' && firstOf(row, 'season', 'episode') === undefined) {
      into.follows.add(showRef({ tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) }, firstOf(row, 'title')), true, null);
    }
  }
  into.notices.count('{n} favourite film{s} {were} skipped: only shows can be favourites here', movies);
}

/** `lists.json`: `[{ name, shows, movies }]`, or `[{ name, items: [{ type, tvdb?, title }] }]` in other versions. */
function readListsJson(into: LiberatorImport, data: unknown) {
  for (const list of asArray(data)) {
    const name = typeof list.name === 'string' && list.name.trim() ? list.name.trim() : 'TV Time list';
    for (const show of asArray(list.shows)) into.listEntry(name, jsonShowRef(show), show.added_at ?? show.created_at);
    for (const movie of asArray(list.movies)) into.listEntry(name, jsonMovieRef(movie), movie.added_at ?? movie.created_at);
    for (const item of asArray(list.items)) {
      const ref = item.type === 'movie' ? jsonMovieRef(item) : jsonShowRef(item);
      if (ref.title || ref.ids.tvdb) into.listEntry(name, ref, item.added_at ?? item.created_at);
    }
  }
}

/** `list_<name lowercased, spaces as _>.csv`, in `activity_history.csv`'s columns. */
function readListCsv(into: LiberatorImport, file: ImportFile) {
  const base = file.name.split(/[\\/]/).at(-1) ?? file.name;
  const name = base.replace(/^list_/i, '').replace(/\.csv$/i, '').replaceAll('_', ' ').trim() || 'TV Time list';
  for (const row of tableOf(file).rows) {
    const ids = { tvdb: tvdbOf(row.tvdb_id), imdb: imdbOf(row.imdb_id) };
    if (row.type === 'movie') into.listEntry(name, movieRef(ids, firstOf(row, 'title')), undefined);
    else if (row.type === 'show' && firstOf(row, 'season', 'episode') === undefined) into.listEntry(name, showRef(ids, firstOf(row, 'title')), undefined);
  }
}

export function parse(files: ImportFile[]): ParsedImport {
  const into = new LiberatorImport();
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
