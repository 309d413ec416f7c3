// TheTVDB v4 under /tvdb/v4: POST /login trades the API key for a token that
// every other route needs as a Bearer; replies use TheTVDB's envelope.
import { randomBytes } from 'node:crypto';
import { type Episode, type Show, episodesOf, finaleOf, regularEpisodes } from '../model.ts';
import { type Handler, type ProviderRequest, type Reply, type Route, bearer, json, route } from '../http.ts';
import { weekday } from '../time.ts';
import { imagePath } from './tmdb-render.ts';

export const STAND_IN_TVDB_KEY = 'stand-in-tvdb-key';
const PAGE_SIZE = 500;

const failure = (status: number, message: string): Reply => json({ status: 'failure', message, data: null }, status);
const success = (data: unknown, links?: unknown): Reply => json({ status: 'success', data, ...(links ? { links } : {}) });
const notFound = () => failure(404, 'NotFoundException: Not Found');

const LANGUAGES: Record<string, string> = { en: 'eng', ko: 'kor', ja: 'jpn' };
const STATUS = {
  'Returning Series': { id: 1, name: 'Continuing' },
  Ended: { id: 2, name: 'Ended' },
  Canceled: { id: 2, name: 'Ended' },
  'In Production': { id: 3, name: 'Upcoming' },
  Planned: { id: 3, name: 'Upcoming' },
  Pilot: { id: 3, name: 'Upcoming' },
} as const;

/** A JWT-shaped token, like TheTVDB's: clients must treat it as opaque. */
function issueToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 30 * 86_400;
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ age: '', apikey: 'stand-in', exp, id: 'stand-in' })}.${randomBytes(24).toString('base64url')}`;
}

function login(request: ProviderRequest): Reply {
  const body = request.body as { apikey?: unknown } | undefined;
  if (body?.apikey !== STAND_IN_TVDB_KEY) return failure(401, 'Unauthorized');
  const token = issueToken();
  request.tvdbTokens.add(token);
  return success({ token });
}

function dates(show: Show, today: string) {
  const dated = regularEpisodes(show).map((ep) => ep.date).filter((d): d is string => d !== null).sort();
  return {
    firstAired: dated[0] ?? '',
    lastAired: dated.filter((d) => d < today).at(-1) ?? '',
    nextAired: dated.find((d) => d >= today) ?? '',
  };
}

function basic(show: Show, today: string) {
  const { spec } = show;
  const { firstAired, lastAired, nextAired } = dates(show, today);
  return {
    id: spec.tvdb, name: spec.name, slug: spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    image: spec.bare ? null : `https://artworks.thetvdb.com/banners${imagePath('tvdb-poster', spec.tvdb)}`,
    nameTranslations: ['eng'], overviewTranslations: ['eng'], aliases: [],
    firstAired, lastAired, nextAired, score: Math.round(spec.popularity * 100),
    status: { ...STATUS[show.status], recordType: 'series', keepUpdated: show.status !== 'Ended' && show.status !== 'Canceled' },
    originalCountry: show.network.tvdbCountry, originalLanguage: LANGUAGES[spec.lang] ?? 'eng',
    defaultSeasonType: 1, isOrderRandomized: false, lastUpdated: `${today} 00:00:00`,
    averageRuntime: spec.runtime || null, episodes: null, overview: spec.overview, year: firstAired.slice(0, 4),
  };
}

function airsDays(show: Show) {
  const latest = show.seasons.filter((s) => s.number > 0 && s.episodes.some((ep) => ep.date)).at(-1);
  const days = new Set(latest?.episodes.flatMap((ep) => (ep.date ? [weekday(ep.date)] : [])));
  const all = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
  return Object.fromEntries(all.map((day) => [day, days.has(day)]));
}

function extended(show: Show, today: string) {
  const { spec, network } = show;
  const company = {
    id: network.tvdbId, name: network.name, slug: network.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), nameTranslations: [],
    overviewTranslations: [], aliases: [], country: network.tvdbCountry, primaryCompanyType: 1, activeDate: null, inactiveDate: null,
    companyType: { companyTypeId: 1, companyTypeName: 'Network' }, parentCompany: { id: null, name: null, relation: { id: null, typeName: null } },
    tagOptions: null,
  };
  const remoteIds = [
    { id: spec.imdb, type: 2, sourceName: 'IMDB' },
    { id: String(spec.tmdb), type: 12, sourceName: 'TheMovieDB.com' },
    ...(spec.tvmaze ? [{ id: String(spec.tvmaze), type: 18, sourceName: 'TV Maze' }] : []),
  ];
  return {
    ...basic(show, today),
    artworks: [], companies: [company], originalNetwork: company, latestNetwork: company,
    genres: [], trailers: [], lists: [], remoteIds, characters: [], tags: [], contentRatings: [],
    airsDays: airsDays(show),
    airsTime: spec.tvdbTime ?? spec.time ?? '',
    seasons: show.seasons.map((season) => ({
      id: season.ids.tvdb, seriesId: spec.tvdb, number: season.number, nameTranslations: [], overviewTranslations: [],
      type: { id: 1, name: 'Aired Order', type: 'official', alternateName: null },
      image: null, imageType: 7, lastUpdated: `${today} 00:00:00`,
    })),
  };
}

function episodeJson(show: Show, ep: Episode, absolute: number) {
  return {
    id: ep.ids.tvdb, seriesId: show.spec.tvdb, name: ep.name, aired: ep.date, runtime: ep.runtime || null,
    nameTranslations: ['eng'], overview: `${show.spec.name}, season ${ep.season}, episode ${ep.number}.`, overviewTranslations: ['eng'],
    image: null, imageType: 11, isMovie: 0, seasons: null, number: ep.number, absoluteNumber: ep.season === 0 ? 0 : absolute,
    seasonNumber: ep.season, lastUpdated: '2025-01-01 00:00:00', finaleType: finaleOf(show, ep), year: ep.date?.slice(0, 4) ?? null,
  };
}

function episodes(request: ProviderRequest, show: Show, seasonType: string): Reply {
  const page = Number(request.query.get('page') ?? '0');
  if (!Number.isInteger(page) || page < 0) return failure(400, 'InvalidPage');
  let absolute = 0;
  const all = episodesOf(show).map((ep) => episodeJson(show, ep, ep.season === 0 ? 0 : ++absolute));
  const link = (n: number) => `${request.base}/series/${show.spec.tvdb}/episodes/${seasonType}?page=${n}`;
  const more = (page + 1) * PAGE_SIZE < all.length;
  return success(
    { series: basic(show, request.catalog.today), episodes: all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) },
    { prev: page > 0 ? link(page - 1) : null, self: link(page), next: more ? link(page + 1) : null, total_items: all.length, page_size: PAGE_SIZE },
  );
}

const withSeries = (handle: (request: ProviderRequest, show: Show, match: RegExpExecArray) => Reply) =>
  (request: ProviderRequest, match: RegExpExecArray): Reply => {
    const show = request.catalog.shows.find((s) => s.spec.tvdb === Number(match[1]));
    return show ? handle(request, show, match) : notFound();
  };

const routes: Route[] = [
  ['GET', /^\/series\/(\d+)$/, withSeries((r, show) => success(basic(show, r.catalog.today)))],
  ['GET', /^\/series\/(\d+)\/extended$/, withSeries((r, show) => success(extended(show, r.catalog.today)))],
  ['GET', /^\/series\/(\d+)\/episodes\/(default|official|dvd|absolute)$/, withSeries((r, show, m) => episodes(r, show, m[2]!))],
  ['GET', /^\/search\/remoteid\/([^/]+)$/, (r, m) => {
    const id = decodeURIComponent(m[1]!);
    const shows = r.catalog.shows.filter((s) => s.spec.imdb === id);
    return success(shows.map((show) => ({ series: basic(show, r.catalog.today) })));
  }],
];

export const tvdb: Handler = (request) => {
  if (request.method === 'POST' && request.path === '/login') return login(request);
  const token = bearer(request);
  if (!token || !request.tvdbTokens.has(token)) return failure(401, 'Unauthorized');
  return route(routes, request) ?? notFound();
};
