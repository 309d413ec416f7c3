// Trakt's data export (`trakt-export-<slug>.zip`): one JSON file per API
// endpoint, `<file>-1.json`, `<file>-2.json`, … when paginated, flat or
// wrapped in folders (import-formats.md §2). History has one element per
// play, so rewatches and their times survive; the `watched-*` summaries only
// hold each title's last watch and a play counter, so they stand in for a
// missing history and never add to one.
import {
  ImportFileError,
  type EpisodeRef,
  type ExternalIds,
  type ImportFile,
  type ImportRecord,
  type ParsedImport,
  type TitleRef,
  type When,
} from '../records.ts';

type Json = Record<string, unknown>;
type Shape = 'history' | 'watched' | 'ratings' | 'list';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const decoder = () => new TextDecoder('utf-8');

/** The lower-case basename without `.json`, or undefined for other files. */
function stemOf(path: string): string | undefined {
  const base = (path.split(/[\\/]/).at(-1) ?? '').toLowerCase();
  return base.endsWith('.json') ? base.slice(0, -'.json'.length) : undefined;
}

const MARKER = /^(watched-history|watched-movies|watched-shows|ratings-(movies|shows|seasons|episodes)|lists-watchlist|lists-lists)(-\d+)?$/;

function readJson(file: ImportFile): unknown {
  try {
    return JSON.parse(decoder().decode(file.bytes));
  } catch {
    return undefined;
  }
}

/** Which endpoint a page of unknown name answers, by its first element; media must carry Trakt ids. */
function shapeOf(data: unknown): Shape | undefined {
  if (!Array.isArray(data)) return undefined;
  const first: unknown = data[0];
  if (!isObject(first)) return undefined;
  const media = [first.movie, first.show, first.episode].find(isObject);
  if (!media || !isObject(media.ids) || !('trakt' in media.ids)) return undefined;
  if ('watched_at' in first && 'id' in first) return 'history';
  if ('last_watched_at' in first && 'plays' in first) return 'watched';
  if ('rated_at' in first && 'rating' in first) return 'ratings';
  if ('listed_at' in first && 'type' in first) return 'list';
  return undefined;
}

export function detect(files: ImportFile[]): boolean {
  return files.some((file) => {
    const stem = stemOf(file.name);
    if (stem === undefined) return false;
    return MARKER.test(stem) || shapeOf(readJson(file)) !== undefined;
  });
}

/**
 * The export's files by endpoint, pages in order. `<name>-N` is a page only
 * when `<name>-1` … `<name>-N` are all present: `lists-watchlist-2025` alone
 * is a list slug, not page 2025.
 */
function endpoints(files: ImportFile[]): Map<string, ImportFile[]> {
  const byStem = new Map<string, ImportFile>();
  for (const file of files) {
    const stem = stemOf(file.name);
    if (stem !== undefined && !byStem.has(stem)) byStem.set(stem, file);
  }
  const isPage = (prefix: string, n: number) => {
    for (let k = 1; k <= n; k++) if (!byStem.has(`${prefix}-${k}`)) return false;
    return true;
  };
  const pages = new Map<string, { page: number; file: ImportFile }[]>();
  for (const [stem, file] of byStem) {
    const numbered = /^(.+)-(\d+)$/.exec(stem);
    const page = numbered ? Number(numbered[2]) : 0;
    const key = numbered && page >= 1 && isPage(numbered[1]!, page) ? numbered[1]! : stem;
    const entry = { page: key === stem ? 0 : page, file };
    pages.set(key, [...(pages.get(key) ?? []), entry]);
  }
  return new Map([...pages].map(([key, list]) => [key, list.sort((a, b) => a.page - b.page).map((p) => p.file)]));
}

function positiveInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function idsOf(raw: unknown): ExternalIds {
  const ids: ExternalIds = {};
  if (!isObject(raw)) return ids;
  const trakt = positiveInt(raw.trakt);
  const tmdb = positiveInt(raw.tmdb);
  const tvdb = positiveInt(raw.tvdb);
  const imdb = typeof raw.imdb === 'string' ? raw.imdb.trim() : '';
  if (trakt) ids.trakt = trakt;
  if (tmdb) ids.tmdb = tmdb;
  if (tvdb) ids.tvdb = tvdb;
  if (/^tt\d+$/.test(imdb)) ids.imdb = imdb;
  return ids;
}

/** A show or movie object as a TitleRef; undefined when it names nothing (no id, no title). */
function titleOf(mediaType: TitleRef['mediaType'], raw: unknown): TitleRef | undefined {
  if (!isObject(raw)) return undefined;
  const ref: TitleRef = { mediaType, ids: idsOf(raw.ids) };
  if (typeof raw.title === 'string' && raw.title.trim()) ref.title = raw.title.trim();
  const year = positiveInt(raw.year);
  if (year) ref.year = year;
  return Object.keys(ref.ids).length > 0 || ref.title ? ref : undefined;
}

function episodeOf(raw: unknown): EpisodeRef | undefined {
  if (!isObject(raw)) return undefined;
  const episode: EpisodeRef = { ids: idsOf(raw.ids) };
  const season = count(raw.season);
  const number = count(raw.number);
  if (season !== undefined) episode.season = season;
  if (number !== undefined) episode.number = number;
  return Object.keys(episode.ids).length > 0 || (season !== undefined && number !== undefined) ? episode : undefined;
}

/**
 * Trakt's UTC instant, kept as written when it ends in `Z`; an offset is
 * turned into UTC. A play at the Unix epoch is a placeholder for an unknown
 * date (how Trakt writes unknown dates is unconfirmed, §2.3), so it is null.
 */
function instantOf(value: unknown): When {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (!instant) return null;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || ms === 0) return null;
  return { at: instant[3] === 'Z' ? text : new Date(ms).toISOString() };
}

/** A copy of the user's slug in an endpoint (`users/<slug>/history`) is personal; the preview gets `users/me`. */
const endpointName = (endpoint: string) => endpoint.replace(/users\/[^/?]+/, 'users/me').split('?')[0]!;

function errorNotices(data: unknown): string[] {
  const entries = Array.isArray(data) ? data : isObject(data) ? [data] : [];
  return entries.flatMap((entry) => {
    if (typeof entry === 'string') return [`Trakt reported an export error: ${entry.slice(0, 200)}`];
    if (!isObject(entry)) return [];
    const endpoint = typeof entry.endpoint === 'string' ? endpointName(entry.endpoint) : 'an endpoint';
    const fetched = count(entry.fetchedPages);
    const total = count(entry.totalPages);
    const pages = fetched !== undefined && total !== undefined ? ` (${fetched} of ${total} pages exported)` : '';
    const error = typeof entry.error === 'string' ? `: ${entry.error.slice(0, 200)}` : '';
    return [`Trakt could not export ${endpoint}${pages}${error}; this part of the import may be incomplete.`];
  });
}

export function parse(files: ImportFile[]): ParsedImport {
  const records: ImportRecord[] = [];
  const notices: string[] = [];
  const tally = { undated: 0, unreadable: 0, unnamed: 0, seasonRatings: 0, badRatings: 0, people: 0, partOfShow: 0, laterPlays: 0, read: 0 };

  const groups = endpoints(files);
  const roles: Record<Shape, { key: string; data: unknown[] }[]> = { history: [], watched: [], ratings: [], list: [] };
  let listMeta: unknown[] = [];
  const skipped = new Set<string>();

  for (const [key, pages] of groups) {
    const data: unknown[] = [];
    let sniffed: Shape | undefined;
    for (const page of pages) {
      const json = readJson(page);
      if (json === undefined) {
        tally.unreadable += 1;
        continue;
      }
      tally.read += 1;
      if (key === '_errors' || key === 'errors') {
        notices.push(...errorNotices(json));
        continue;
      }
      sniffed ??= shapeOf(json);
      if (Array.isArray(json)) data.push(...(json as unknown[]));
    }
    if (key === 'watched-history') roles.history.push({ key, data });
    else if (key === 'watched-movies' || key === 'watched-shows') roles.watched.push({ key, data });
    else if (/^ratings-(movies|shows|seasons|episodes)$/.test(key)) roles.ratings.push({ key, data });
    else if (key === 'lists-lists' || key === 'lists-collaborations') listMeta = [...listMeta, ...data];
    else if (key.startsWith('collection-')) skipped.add('collection (owned media)');
    else if (key.startsWith('hidden-')) skipped.add('hidden items');
    else if (key.startsWith('lists-') || (sniffed === 'list' && !key.startsWith('watched-'))) roles.list.push({ key, data });
    else if (sniffed && sniffed !== 'list' && !key.startsWith('watched-')) roles[sniffed].push({ key, data });
  }
  if (tally.read === 0) {
    throw new ImportFileError('malformed_file', tally.unreadable > 0 ? 'The Trakt files are not valid JSON.' : 'No Trakt export files were found.');
  }

  // History: one record per play; pages can overlap when plays are added during the export.
  // The time joins the id in the key: a 64-bit id past 2^53 loses digits in JSON.parse.
  const seenPlays = new Set<string>();
  for (const { data } of roles.history) {
    for (const item of data) {
      if (!isObject(item)) continue;
      if (typeof item.id === 'number' || typeof item.id === 'string') {
        const play = `${String(item.id)}@${String(item.watched_at)}`;
        if (seenPlays.has(play)) continue;
        seenPlays.add(play);
      }
      const when = instantOf(item.watched_at);
      const record = playOf(item, when);
      if (!record) {
        tally.unnamed += 1;
        continue;
      }
      if (when === null) tally.undated += 1;
      records.push(record);
    }
  }

  // The summaries only when there is no history at all: their last watch is real, their counters are not plays.
  if (roles.history.length === 0) {
    for (const { data } of roles.watched) {
      for (const item of data) {
        if (!isObject(item)) continue;
        const plays = count(item.plays);
        if (isObject(item.movie)) {
          const movie = titleOf('movie', item.movie);
          if (!movie) continue;
          records.push({ kind: 'movie_watch', movie, when: instantOf(item.last_watched_at) });
          if (plays && plays > 1) tally.laterPlays += plays - 1;
          continue;
        }
        const show = titleOf('tv', item.show);
        if (!show || !Array.isArray(item.seasons)) continue;
        for (const season of item.seasons as unknown[]) {
          if (!isObject(season) || !Array.isArray(season.episodes)) continue;
          for (const ep of season.episodes as unknown[]) {
            if (!isObject(ep)) continue;
            const episode = episodeOf({ season: season.number, number: ep.number, ids: ep.ids });
            if (!episode) continue;
            records.push({ kind: 'episode_watch', show, episode, when: instantOf(ep.last_watched_at) });
            const epPlays = count(ep.plays);
            if (epPlays && epPlays > 1) tally.laterPlays += epPlays - 1;
          }
        }
      }
    }
    if (roles.watched.length > 0) {
      notices.push(
        'The export has no watch history (watched-history.json), so each title got only its last watch from the watched summaries' +
          (tally.laterPlays > 0 ? `; ${tally.laterPlays} earlier plays have no date and were not imported.` : '.'),
      );
    }
  }

  const seenRatings = new Set<string>();
  for (const { key, data } of roles.ratings) {
    // Each ratings file holds one type; its name says which when an item lacks `type`.
    const typeOfKey = /^ratings-(movie|show|season|episode)s$/.exec(key)?.[1];
    for (const item of data) {
      if (!isObject(item)) continue;
      const type = typeof item.type === 'string' ? item.type : (typeOfKey ?? '');
      const target = item[type];
      const traktId = isObject(target) && isObject(target.ids) ? positiveInt(target.ids.trakt) : undefined;
      if (traktId !== undefined) {
        if (seenRatings.has(`${type}:${traktId}`)) continue;
        seenRatings.add(`${type}:${traktId}`);
      }
      if (type === 'season') {
        tally.seasonRatings += 1;
        continue;
      }
      const rating = item.rating;
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 10) {
        tally.badRatings += 1;
        continue;
      }
      const title = type === 'movie' ? titleOf('movie', item.movie) : titleOf('tv', item.show);
      const episode = type === 'episode' ? episodeOf(item.episode) : undefined;
      if (!title || (type !== 'movie' && type !== 'show' && type !== 'episode') || (type === 'episode' && !episode)) {
        tally.unnamed += 1;
        continue;
      }
      const record: ImportRecord = { kind: 'rating', title, rating, when: instantOf(item.rated_at) };
      if (episode) record.episode = episode;
      records.push(record);
    }
  }

  const names = listNames(listMeta);
  for (const { key, data } of roles.list) {
    const list = listOf(key, names);
    const seen = new Set<string>();
    for (const item of data) {
      if (!isObject(item)) continue;
      if (item.type === 'person' || isObject(item.person)) {
        tally.people += 1;
        continue;
      }
      const title = isObject(item.movie) ? titleOf('movie', item.movie) : titleOf('tv', item.show);
      if (!title) {
        tally.unnamed += 1;
        continue;
      }
      const titleKey = `${title.mediaType}:${title.ids.trakt ?? title.ids.tmdb ?? title.ids.imdb ?? title.title}`;
      if (seen.has(titleKey)) continue;
      seen.add(titleKey);
      if (item.type === 'season' || item.type === 'episode') tally.partOfShow += 1;
      const when = instantOf(item.listed_at);
      if (list === 'watchlist') records.push({ kind: 'watchlist', title, when });
      else if (list === 'favorites' && title.mediaType === 'tv') records.push({ kind: 'follow', show: title, favorite: true, when });
      else records.push({ kind: 'list_entry', list: list === 'favorites' ? 'Favorites' : list, title, when });
    }
  }

  if (tally.unreadable > 0) notices.push(`${tally.unreadable} Trakt files were not valid JSON and were skipped.`);
  if (tally.undated > 0) notices.push(`${tally.undated} plays have no known date and were imported without one.`);
  if (tally.seasonRatings > 0) notices.push(`${tally.seasonRatings} season ratings were not imported: ratings are kept for shows, movies and episodes.`);
  if (tally.badRatings > 0) notices.push(`${tally.badRatings} ratings outside 1–10 were skipped.`);
  if (tally.partOfShow > 0) notices.push(`${tally.partOfShow} seasons or episodes on lists were added as their show.`);
  if (tally.people > 0) notices.push(`${tally.people} people on lists were skipped.`);
  if (tally.unnamed > 0) notices.push(`${tally.unnamed} entries named no title (no ids, no title) and were skipped.`);
  if (skipped.size > 0) notices.push(`Not imported from Trakt: ${[...skipped].join(', ')}.`);
  return { format: 'trakt', records, notices };
}

function playOf(item: Json, when: When): ImportRecord | undefined {
  if (item.type === 'movie' || (item.type === undefined && isObject(item.movie))) {
    const movie = titleOf('movie', item.movie);
    return movie && { kind: 'movie_watch', movie, when };
  }
  if (item.type === 'episode' || (item.type === undefined && isObject(item.episode))) {
    const show = titleOf('tv', item.show);
    const episode = episodeOf(item.episode);
    return show && episode && { kind: 'episode_watch', show, episode, when };
  }
  return undefined;
}

/** Custom list names by Trakt id and slug, from `lists-lists.json` (and collaborations). */
function listNames(meta: unknown[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const list of meta) {
    if (!isObject(list) || typeof list.name !== 'string' || !list.name.trim() || !isObject(list.ids)) continue;
    if (list.ids.trakt !== undefined) names.set(`id:${String(list.ids.trakt)}`, list.name.trim());
    if (typeof list.ids.slug === 'string') names.set(`slug:${list.ids.slug}`, list.name.trim());
  }
  return names;
}

/** `watchlist`, `favorites`, or a custom list's name: `lists-list-<id>-<slug>` (current) or `lists-<slug>` (older layouts). */
function listOf(key: string, names: Map<string, string>): string {
  if (key === 'lists-watchlist') return 'watchlist';
  if (key === 'lists-favorites') return 'favorites';
  const current = /^lists-list-(\d+)-(.+)$/.exec(key);
  if (current) return names.get(`id:${current[1]}`) ?? names.get(`slug:${current[2]}`) ?? current[2]!;
  const slug = key.replace(/^lists-/, '');
  return names.get(`slug:${slug}`) ?? slug;
}
