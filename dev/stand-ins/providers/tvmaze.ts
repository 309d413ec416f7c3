// TVmaze under /tvmaze (no key). Lookups answer 301 to the show; episodes
// carry airdate/airtime in the network's zone and `airstamp` in UTC, except
// streaming drops: airtime "" and a placeholder noon-UTC stamp.
import { type Episode, type Show, episodesOf, isEnded, regularEpisodes } from '../model.ts';
import { type Handler, type ProviderRequest, type Reply, type Route, json, route } from '../http.ts';
import { localToUtc, tvmazeStamp, weekday } from '../time.ts';

const notFound = (): Reply => json({ name: 'Not Found', message: '', code: 0, status: 404 }, 404);
const capitalized = (day: string) => day[0]!.toUpperCase() + day.slice(1);
const LANGUAGES: Record<string, string> = { en: 'English', ko: 'Korean', ja: 'Japanese' };
const GENRES: Record<number, string> = {
  18: 'Drama', 9648: 'Mystery', 10765: 'Science-Fiction', 80: 'Crime', 10759: 'Action', 35: 'Comedy', 16: 'Anime',
  10762: 'Children', 10751: 'Family', 37: 'Western', 10768: 'War',
};

/** TVmaze only lists episodes it knows a date for; the ones only TheTVDB knows are missing. */
const listed = (ep: Episode) => ep.date !== null && !ep.tvdbOnly;
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function status(show: Show, today: string): string {
  if (isEnded(show)) return 'Ended';
  if (show.status !== 'Returning Series') return 'In Development';
  return regularEpisodes(show).some((ep) => listed(ep) && ep.date! >= today) ? 'Running' : 'To Be Determined';
}

function episodeJson(show: Show, ep: Episode, base: string) {
  // Streaming drops have no time: TVmaze stamps them noon UTC, a placeholder.
  const airstamp = ep.time ? tvmazeStamp(localToUtc(ep.date!, ep.time, show.network.zone)) : `${ep.date}T12:00:00+00:00`;
  return {
    id: ep.ids.tvmaze,
    url: `https://www.tvmaze.com/episodes/${ep.ids.tvmaze}/${slug(show.spec.name)}-${ep.season}x${ep.number}`,
    name: ep.name,
    season: ep.season,
    number: ep.season === 0 ? null : ep.number,
    type: ep.season === 0 ? 'significant_special' : 'regular',
    airdate: ep.date,
    airtime: ep.time ?? '',
    airstamp,
    runtime: ep.runtime,
    rating: { average: null },
    image: null,
    summary: null,
    _links: { self: { href: `${base}/episodes/${ep.ids.tvmaze}` }, show: { href: `${base}/shows/${show.spec.tvmaze}`, name: show.spec.name } },
  };
}

function showJson(show: Show, request: ProviderRequest) {
  const { spec, network } = show;
  const { today } = request.catalog;
  const dated = regularEpisodes(show).filter(listed).sort((a, b) => a.date!.localeCompare(b.date!));
  const latest = show.seasons.filter((s) => s.number > 0 && s.episodes.some(listed)).at(-1);
  const days = [...new Set(latest?.episodes.filter(listed).map((ep) => capitalized(weekday(ep.date!))))];
  const country = { name: network.countryName, code: network.country, timezone: network.zone };
  const channel = { id: network.tvmazeId, name: network.name, officialSite: null };
  const previous = dated.filter((ep) => ep.date! < today).at(-1);
  const next = dated.find((ep) => ep.date! >= today);
  const base = request.base;
  return {
    id: spec.tvmaze, url: `https://www.tvmaze.com/shows/${spec.tvmaze}/${slug(spec.name)}`, name: spec.name,
    type: spec.type === 'Talk Show' ? 'Talk Show' : spec.type === 'Reality' ? 'Reality' : spec.genres.includes(16) ? 'Animation' : 'Scripted',
    language: LANGUAGES[spec.lang] ?? 'English',
    genres: [...new Set(spec.genres.map((id) => GENRES[id]).filter(Boolean))],
    status: status(show, today),
    runtime: spec.runtime || null, averageRuntime: spec.runtime || null,
    premiered: dated[0]?.date ?? null, ended: isEnded(show) ? (dated.at(-1)?.date ?? null) : null,
    officialSite: null,
    schedule: { time: spec.time ?? '', days },
    rating: { average: spec.vote || null },
    weight: Math.min(100, Math.round(spec.popularity / 5)),
    // Streaming services are webChannels; one that publishes a time (HBO Max) has a country and zone.
    network: network.streaming ? null : { ...channel, country },
    webChannel: network.streaming ? { ...channel, country: spec.time ? country : null } : null,
    dvdCountry: null,
    externals: { tvrage: null, thetvdb: spec.tvdb, imdb: spec.imdb },
    image: { medium: `https://static.tvmaze.com/uploads/images/medium_portrait/${spec.tvmaze}.jpg`, original: `https://static.tvmaze.com/uploads/images/original_untouched/${spec.tvmaze}.jpg` },
    summary: `<p>${spec.overview}</p>`,
    updated: Math.floor(Date.parse(`${today}T00:00:00Z`) / 1000),
    _links: {
      self: { href: `${base}/shows/${spec.tvmaze}` },
      ...(previous ? { previousepisode: { href: `${base}/episodes/${previous.ids.tvmaze}`, name: previous.name } } : {}),
      ...(next ? { nextepisode: { href: `${base}/episodes/${next.ids.tvmaze}`, name: next.name } } : {}),
    },
  };
}

const known = (request: ProviderRequest, id: number) => request.catalog.shows.find((s) => s.spec.tvmaze !== null && s.spec.tvmaze === id);

function lookup(request: ProviderRequest): Reply {
  const tvdbId = request.query.get('thetvdb');
  const imdbId = request.query.get('imdb');
  const show = request.catalog.shows.find((s) => s.spec.tvmaze !== null && ((tvdbId && String(s.spec.tvdb) === tvdbId) || (imdbId && s.spec.imdb === imdbId)));
  // Absolute, so a client's fetch follows it to the same stand-in.
  return show ? { status: 301, headers: { location: `${request.base}/shows/${show.spec.tvmaze}` } } : notFound();
}

const routes: Route[] = [
  ['GET', /^\/lookup\/shows$/, lookup],
  ['GET', /^\/shows\/(\d+)$/, (r, m) => {
    const show = known(r, Number(m[1]));
    return show ? json(showJson(show, r)) : notFound();
  }],
  ['GET', /^\/shows\/(\d+)\/episodes$/, (r, m) => {
    const show = known(r, Number(m[1]));
    if (!show) return notFound();
    const specials = r.query.get('specials') === '1';
    const episodes = episodesOf(show)
      .filter((ep) => listed(ep) && (specials || ep.season > 0))
      .sort((a, b) => a.date!.localeCompare(b.date!) || a.season - b.season || a.number - b.number);
    return json(episodes.map((ep) => episodeJson(show, ep, r.base)));
  }],
];

export const tvmaze: Handler = (request) => route(routes, request) ?? notFound();
