// TMDB v3 under /tmdb/3: the routes ShowTracker uses, TMDB's auth (Bearer
// token or ?api_key=) and its error bodies ({success:false,status_code,…}).
import { type Catalog, type Show, episodesOf, findShow } from '../model.ts';
import { type Handler, type ProviderRequest, type Reply, type Route, bearer, json, route } from '../http.ts';
import { addDays, daysBetween, hash } from '../time.ts';
import { movieDetail, movieItem, personItem, releaseDates, seasonJson, tvDetail, tvExternalIds, tvItem } from './tmdb-render.ts';

export const STAND_IN_TMDB_TOKEN = 'stand-in-tmdb-token';

const error = (status: number, code: number, message: string): Reply =>
  json({ success: false, status_code: code, status_message: message }, status);
const notFound = () => error(404, 34, 'The resource you requested could not be found.');
const badPage = () => error(400, 22, 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.');

/** Page 1..500 or undefined when invalid (TMDB answers 400 code 22). */
function pageOf(request: ProviderRequest): number | undefined {
  const raw = request.query.get('page') ?? '1';
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 500 ? page : undefined;
}

function paged(request: ProviderRequest, items: unknown[], perPage = 20): Reply {
  const page = pageOf(request);
  if (page === undefined) return badPage();
  return json({
    page,
    results: items.slice((page - 1) * perPage, page * perPage),
    total_pages: Math.max(1, Math.ceil(items.length / perPage)),
    total_results: items.length,
  });
}

type Kind = 'tv' | 'movie' | 'person';
const byPopularity = <T extends { popularity: number }>(items: T[]) => items.sort((a, b) => b.popularity - a.popularity);

function everything(catalog: Catalog, kinds: Kind[], mediaType: boolean, matches: (name: string) => boolean) {
  const items = [];
  if (kinds.includes('tv')) items.push(...catalog.shows.filter((s) => matches(s.spec.name) || matches(s.spec.original ?? '')).map((s) => tvItem(s, mediaType)));
  if (kinds.includes('movie')) items.push(...catalog.movies.filter((m) => matches(m.spec.title) || matches(m.spec.original ?? '')).map((m) => movieItem(m, mediaType)));
  if (kinds.includes('person')) items.push(...catalog.people.filter((p) => matches(p.name)).map((p) => personItem(p, catalog)));
  return byPopularity(items);
}

function search(request: ProviderRequest, kinds: Kind[]): Reply {
  const query = (request.query.get('query') ?? '').trim().toLowerCase();
  const items = query ? everything(request.catalog, kinds, kinds.length > 1, (name) => name.toLowerCase().includes(query)) : [];
  return paged(request, items);
}

function trending(request: ProviderRequest, media: string, window: string): Reply {
  const kinds: Kind[] | undefined = media === 'all' ? ['tv', 'movie', 'person'] : media === 'tv' || media === 'movie' ? [media] : undefined;
  if (!kinds || (window !== 'day' && window !== 'week')) return notFound();
  const items = everything(request.catalog, kinds, true, () => true);
  // The day's list reshuffles the week's a little, the same way all day long.
  if (window === 'day') {
    const weight = (item: { id: number; popularity: number }) => item.popularity * (0.5 + (hash(`${request.catalog.today}:${item.id}`) % 100) / 100);
    items.sort((a, b) => weight(b) - weight(a));
  }
  return paged(request, items);
}

function appended(request: ProviderRequest, parts: Record<string, () => unknown>): Record<string, unknown> {
  const wanted = (request.query.get('append_to_response') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return Object.fromEntries(wanted.flatMap((key) => {
    const value = parts[key]?.();
    return value === undefined ? [] : [[key, value]];
  }));
}

function tvShow(request: ProviderRequest, show: Show): Reply {
  const { today } = request.catalog;
  const seasons = Object.fromEntries(show.seasons.map((s) => [`season/${s.number}`, () => seasonJson(show, s, today)]));
  return json({ ...tvDetail(show, today), ...appended(request, { external_ids: () => tvExternalIds(show), ...seasons }) });
}

/** Shows "change" on the days around an episode's air date and on days a mutation touched them. */
function changedIds(request: ProviderRequest, media: 'tv' | 'movie'): Reply {
  const { catalog } = request;
  const end = request.query.get('end_date') ?? catalog.today;
  const start = request.query.get('start_date') ?? addDays(end, -1);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) return error(422, 5, 'Invalid parameters: Your request parameters are incorrect.');
  if (daysBetween(start, end) > 14 || daysBetween(start, end) < 0) return error(422, 20, 'Invalid date range: Should be a range no longer than 14 days.');
  const days = Array.from({ length: daysBetween(start, end) + 1 }, (_, i) => addDays(start, i));
  const near = (date: string | null, day: string, within: number) => date !== null && Math.abs(daysBetween(day, date)) <= within;
  const ids = new Set<number>();
  for (const day of days) {
    if (media === 'tv') {
      for (const show of catalog.shows) {
        if (catalog.mutated.get(show.spec.tmdb)?.has(day) || episodesOf(show).some((ep) => near(ep.date, day, 2))) ids.add(show.spec.tmdb);
      }
    } else {
      for (const movie of catalog.movies) {
        if (catalog.mutated.get(movie.spec.tmdb)?.has(day) || near(movie.release, day, 3) || hash(`${day}:${movie.spec.tmdb}`) % 10 === 0) ids.add(movie.spec.tmdb);
      }
    }
    // Like the real feed, most changed ids are titles nobody here tracks.
    for (let k = 0; k < 60; k++) ids.add((media === 'tv' ? 300_000 : 1_500_000) + (hash(`${media}:${day}:${k}`) % 100_000));
  }
  return paged(request, [...ids].map((id) => ({ id, adult: false })), 100);
}

function find(request: ProviderRequest, externalId: string): Reply {
  const source = request.query.get('external_source');
  if (source !== 'imdb_id' && source !== 'tvdb_id') return error(400, 5, 'Invalid parameters: Your request parameters are incorrect.');
  const { catalog } = request;
  const shows = catalog.shows.filter((s) => (source === 'imdb_id' ? s.spec.imdb === externalId : String(s.spec.tvdb) === externalId));
  const movies = source === 'imdb_id' ? catalog.movies.filter((m) => m.spec.imdb === externalId) : [];
  // An episode by its own TVDB id, as TMDB's find answers it: where TMDB numbers it, on which show.
  const episodes =
    source === 'tvdb_id'
      ? catalog.shows.flatMap((show) =>
          episodesOf(show)
            .filter((ep) => String(ep.ids.tvdb) === externalId)
            .map((ep) => ({
              id: ep.ids.tmdb,
              name: ep.name,
              air_date: ep.date,
              episode_number: ep.number,
              season_number: ep.season,
              show_id: show.spec.tmdb,
              still_path: null,
              media_type: 'tv_episode',
            })),
        )
      : [];
  return json({
    movie_results: movies.map((m) => movieItem(m, true)),
    person_results: [],
    tv_results: shows.map((s) => tvItem(s, true)),
    tv_episode_results: episodes,
    tv_season_results: [],
  });
}

const withShow = (handle: (request: ProviderRequest, show: Show, match: RegExpExecArray) => Reply) =>
  (request: ProviderRequest, match: RegExpExecArray): Reply => {
    const show = findShow(request.catalog, Number(match[1]));
    return show ? handle(request, show, match) : notFound();
  };

const movieRoute = (handle: (request: ProviderRequest, movie: Catalog['movies'][number]) => Reply) =>
  (request: ProviderRequest, match: RegExpExecArray): Reply => {
    const movie = request.catalog.movies.find((m) => m.spec.tmdb === Number(match[1]));
    return movie ? handle(request, movie) : notFound();
  };

const routes: Route[] = [
  ['GET', /^\/search\/multi$/, (r) => search(r, ['tv', 'movie', 'person'])],
  ['GET', /^\/search\/tv$/, (r) => search(r, ['tv'])],
  ['GET', /^\/search\/movie$/, (r) => search(r, ['movie'])],
  ['GET', /^\/trending\/(\w+)\/(\w+)$/, (r, m) => trending(r, m[1]!, m[2]!)],
  ['GET', /^\/tv\/popular$/, (r) => paged(r, everything(r.catalog, ['tv'], false, () => true))],
  ['GET', /^\/movie\/popular$/, (r) => paged(r, everything(r.catalog, ['movie'], false, () => true))],
  ['GET', /^\/tv\/changes$/, (r) => changedIds(r, 'tv')],
  ['GET', /^\/movie\/changes$/, (r) => changedIds(r, 'movie')],
  ['GET', /^\/tv\/(\d+)$/, withShow(tvShow)],
  ['GET', /^\/tv\/(\d+)\/external_ids$/, withShow((_, show) => json({ id: show.spec.tmdb, ...tvExternalIds(show) }))],
  ['GET', /^\/tv\/(\d+)\/season\/(\d+)$/, withShow((r, show, m) => {
    const season = show.seasons.find((s) => s.number === Number(m[2]));
    return season ? json(seasonJson(show, season, r.catalog.today)) : notFound();
  })],
  ['GET', /^\/movie\/(\d+)$/, movieRoute((r, movie) => json({
    ...movieDetail(movie),
    ...appended(r, { release_dates: () => ({ results: releaseDates(movie).results }), external_ids: () => ({ imdb_id: movie.spec.imdb }) }),
  }))],
  ['GET', /^\/movie\/(\d+)\/release_dates$/, movieRoute((_, movie) => json(releaseDates(movie)))],
  ['GET', /^\/find\/([^/]+)$/, (r, m) => find(r, decodeURIComponent(m[1]!))],
];

export const tmdb: Handler = (request) => {
  const credential = bearer(request) ?? request.query.get('api_key');
  if (credential !== STAND_IN_TMDB_TOKEN) return error(401, 7, 'Invalid API key: You must be granted a valid key.');
  return route(routes, request) ?? notFound();
};
