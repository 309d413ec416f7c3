// The import benchmark's data: synthetic shows for the stand-ins (served next
// to the shipped catalog, with ids of their own) and two synthetic exports
// that watch them: a TV Time GDPR export (tracking-prod-records-v2.csv, as
// /work/shared/import-formats.md §1a.4 describes it) and a Trakt data export
// (watched-history-N.json pages, §2). Everything comes from a seeded
// generator, so every run uploads the same bytes.
import { zipSync } from 'fflate';
import { weekly, type ShowSpec } from '../../dev/stand-ins/catalog/spec.ts';
import type { NetworkKey } from '../../dev/stand-ins/catalog/networks.ts';
import { makeEpisode } from '../../dev/stand-ins/model.ts';
import { createRandom, type Random } from './random.ts';

/** Far from the shipped catalog's ids and from the ids TMDB's /tv/changes stand-in pads with (300,000-400,000). */
const TMDB_BASE = 5_000_000;
const TVDB_BASE = 8_000_000;
const TVMAZE_BASE = 900_000;
const IMDB_BASE = 90_000_000;

export interface SyntheticEpisode {
  season: number;
  number: number;
  /** Network-local air date (YYYY-MM-DD). */
  airDate: string;
  /** The stand-ins' own ids for it (model.ts stableId). */
  tvdb: number;
  tmdb: number;
}

export interface SyntheticShow {
  spec: ShowSpec;
  episodes: SyntheticEpisode[];
}

const NETWORKS: NetworkKey[] = ['amc', 'hbo', 'nbc', 'fox', 'fx', 'abc', 'bbcOne', 'channel4', 'netflix', 'hulu', 'prime', 'max'];
const WORDS = [
  'Harbor', 'Kingdom', 'River', 'Road', 'Station', 'Valley', 'Frontier', 'Signal', 'Legacy', 'Precinct', 'Academy', 'Agency',
  'Hospital', 'Island', 'Bridge', 'Empire', 'Garden', 'Horizon', 'Chronicles', 'Files',
];
const ADJECTIVES = ['Silent', 'Golden', 'Hidden', 'Northern', 'Crimson', 'Quiet', 'Iron', 'Midnight', 'Electric', 'Hollow', 'Bright', 'Endless'];

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `count` shows numbered from `first` (1-based, unique across a run): 4-7
 * yearly seasons of 12-24 weekly episodes, all aired between 2008 and 2023,
 * 70 % ended. Every one has TMDB, TheTVDB, TVmaze and IMDb ids of its own.
 */
export function syntheticShows(first: number, count: number, seed: number): SyntheticShow[] {
  const random = createRandom(seed);
  const shows: SyntheticShow[] = [];
  for (let n = first; n < first + count; n++) {
    const startMs = Date.UTC(2008, 0, 6) + random.int(9 * 365) * DAY_MS;
    const seasonCount = 4 + random.int(4);
    const seasons = Array.from({ length: seasonCount }, (_, s) => weekly(12 + random.int(13), isoDay(startMs + s * 364 * DAY_MS)));
    const spec: ShowSpec = {
      tmdb: TMDB_BASE + n,
      tvdb: TVDB_BASE + n,
      imdb: `tt${IMDB_BASE + n}`,
      tvmaze: TVMAZE_BASE + n,
      name: `The ${random.pick(ADJECTIVES)} ${random.pick(WORDS)} ${n}`,
      lang: 'en',
      origin: 'US',
      overview: `Synthetic show ${n} of the import benchmark.`,
      network: random.pick(NETWORKS),
      time: random.chance(0.3) ? null : '21:00',
      status: random.chance(0.7) ? 'Ended' : 'Returning Series',
      genres: [18],
      runtime: 30 + random.int(31),
      popularity: Math.round(random.next() * 1000) / 10,
      vote: Math.round((6 + random.next() * 3) * 10) / 10,
      omdb: ['7.5', 10_000 + random.int(100_000)],
      seasons,
    };
    const episodes: SyntheticEpisode[] = [];
    seasons.forEach((season, s) => {
      const seasonStart = Date.parse(`${season.at as string}T00:00:00Z`);
      for (let e = 1; e <= season.eps; e++) {
        const ids = makeEpisode({ spec }, s + 1, e, null).ids;
        episodes.push({ season: s + 1, number: e, airDate: isoDay(seasonStart + (e - 1) * 7 * DAY_MS), tvdb: ids.tvdb, tmdb: ids.tmdb });
      }
    });
    shows.push({ spec, episodes });
  }
  return shows;
}

export interface Watch {
  show: SyntheticShow;
  episode: SyntheticEpisode;
  /** Epoch ms, whole seconds. */
  at: number;
}

/**
 * `total` watches of `shows`: each show watched from its first episode on,
 * a share of its episodes that differs per show, in order, a few days after
 * each aired; then rewatches (a later instant) of episodes already watched
 * until `total` is reached: about `rewatchShare` of them. No two watches
 * share an episode and an instant.
 */
export function syntheticWatches(shows: SyntheticShow[], total: number, rewatchShare: number, seed: number, nowMs: number): Watch[] {
  const random = createRandom(seed);
  const firstTimes = Math.round(total * (1 - rewatchShare));
  const available = shows.reduce((sum, show) => sum + show.episodes.length, 0);
  if (firstTimes > available) throw new Error(`${firstTimes} first watches asked of ${available} episodes`);
  // Each show's share of the first watches, by a weight, capped at its episodes.
  const weights = shows.map(() => 0.3 + random.next());
  const counts = shows.map(() => 0);
  let left = firstTimes;
  while (left > 0) {
    const open = shows.map((show, i) => (counts[i]! < show.episodes.length ? i : -1)).filter((i) => i >= 0);
    const weightSum = open.reduce((sum, i) => sum + weights[i]!, 0);
    let given = 0;
    for (const i of open) {
      const want = Math.max(1, Math.floor((left * weights[i]!) / weightSum));
      const add = Math.min(want, shows[i]!.episodes.length - counts[i]!, left - given);
      counts[i]! += add;
      given += add;
      if (given >= left) break;
    }
    left -= given;
  }
  const watches: Watch[] = [];
  const limit = nowMs - 2 * DAY_MS;
  shows.forEach((show, i) => {
    // Binge or keep up: a show is caught up some days after each episode, at an evening time.
    let at = 0;
    for (const episode of show.episodes.slice(0, counts[i])) {
      const aired = Date.parse(`${episode.airDate}T00:00:00Z`);
      const day = Math.max(aired + (random.int(20) + 1) * DAY_MS, at + 3600_000);
      at = Math.min(limit, day - (day % DAY_MS) + (17 * 3600 + random.int(7 * 3600)) * 1000 + random.int(3600) * 1000);
      if (at <= aired) at = aired + 3600_000 * 20;
      watches.push({ show, episode, at: Math.floor(at / 1000) * 1000 });
    }
  });
  const firsts = watches.slice();
  const taken = new Set(watches.map((w) => `${w.episode.tvdb}@${w.at}`));
  for (let attempts = 0; watches.length < total; attempts++) {
    if (attempts > total * 20) throw new Error(`could not place ${total - watches.length} rewatches before today`);
    const original = random.pick(firsts);
    const at = Math.floor((original.at + (30 + random.int(900)) * DAY_MS + random.int(DAY_MS)) / 1000) * 1000;
    const key = `${original.episode.tvdb}@${at}`;
    if (at >= limit || taken.has(key)) continue;
    taken.add(key);
    watches.push({ show: original.show, episode: original.episode, at });
  }
  return watches;
}

/** A version-4 looking uuid from the generator. */
function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** TV Time's `2024-06-11 06:13:20` (UTC, no zone). */
const tvTimeStamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const csvCell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

// The column order of one real export (import-formats.md §1a.4).
const V2_HEADER = [
  'created_at', 'user_id', 'key', 'updated_at', 'is_archived', 'is_followed', 's_id', 'is_for_later', 'followed_at', 'runtime',
  'bulk_type', 's_no', 'ep_no', 'is_unitary', 'ep_id', 'rewatch_count', 'gsi', 'is_special', 'series_name', 'season_number', 'episode_number',
] as const;

export interface BuiltExport {
  zip: Uint8Array;
  /** Bytes of the members before compression. */
  uncompressedBytes: number;
  members: number;
  /** Episode watch rows (TV Time) or plays (Trakt): what "per 1,000 rows" divides by. */
  watchRows: number;
  /** Other rows: follows (TV Time). */
  followRows: number;
  shows: number;
}

/**
 * A TV Time GDPR export: `tracking-prod-records-v2.csv` with one
 * `watch-episode-…` row per watch (TVDB `s_id` and `ep_id`, season and
 * episode, `created_at` in UTC, `gsi`), a `user-series-…` row for each
 * followed show (`followedShare` of them; `followed_at` in µs) and the
 * `tracking-stats` row; plus two members no import may read (tokens), as a
 * real archive has.
 */
export function tvTimeExport(watches: Watch[], shows: SyntheticShow[], followedShare: number, seed: number): BuiltExport {
  const random = createRandom(seed);
  const seriesUuid = new Map(shows.map((show) => [show.spec.tvdb, uuid(random)]));
  const lines = [V2_HEADER.join(',')];
  const row = (values: Partial<Record<(typeof V2_HEADER)[number], string | number>>) => lines.push(V2_HEADER.map((column) => csvCell(values[column])).join(','));
  const lastWatch = new Map<number, number>();
  for (const watch of watches) lastWatch.set(watch.show.spec.tvdb, Math.max(lastWatch.get(watch.show.spec.tvdb) ?? 0, watch.at));
  let followRows = 0;
  for (const show of shows) {
    if (!random.chance(followedShare)) continue;
    const firstWatch = watches.find((watch) => watch.show === show)?.at ?? Date.UTC(2020, 0, 1);
    const followedAt = firstWatch - DAY_MS;
    row({
      created_at: tvTimeStamp(followedAt), user_id: 0, key: `user-series-${seriesUuid.get(show.spec.tvdb)}`,
      updated_at: tvTimeStamp(lastWatch.get(show.spec.tvdb) ?? followedAt), is_archived: 'false', is_followed: 'true', s_id: show.spec.tvdb,
      is_for_later: 'false', followed_at: followedAt * 1000, series_name: show.spec.name,
    });
    followRows += 1;
  }
  // The file lists watches in no particular order; shuffled, as a backend table dump is.
  const order = watches.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const seen = new Map<number, number>();
  for (const index of order) {
    const { show, episode, at } = watches[index]!;
    const rewatch = seen.get(episode.tvdb) ?? 0;
    seen.set(episode.tvdb, rewatch + 1);
    row({
      created_at: tvTimeStamp(at), user_id: 0, key: `watch-episode-${seriesUuid.get(show.spec.tvdb)}-${uuid(random)}`, updated_at: tvTimeStamp(at),
      s_id: show.spec.tvdb, runtime: show.spec.runtime * 60, s_no: episode.season, ep_no: episode.number, is_unitary: 'false',
      ep_id: episode.tvdb, rewatch_count: 0, gsi: `watch-episode-${Math.floor(at / 1000)}`, is_special: 'false', series_name: show.spec.name,
      season_number: episode.season, episode_number: episode.number,
    });
  }
  row({ created_at: '2022-01-01 00:00:00', user_id: 0, key: 'tracking-stats', updated_at: tvTimeStamp(Math.max(...lastWatch.values())) });
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    'gdpr-data/tracking-prod-records-v2.csv': encoder.encode(`${lines.join('\n')}\n`),
    'gdpr-data/access_token.csv': encoder.encode('user_id,token,created_at\n0,never-read,2024-01-01 00:00:00\n'),
    'gdpr-data/user.csv': encoder.encode('id,name,lang\n0,bench,en\n'),
  };
  return {
    zip: zipSync(files),
    uncompressedBytes: Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0),
    members: Object.keys(files).length,
    watchRows: watches.length,
    followRows,
    shows: new Set(watches.map((watch) => watch.show.spec.tvdb)).size,
  };
}

/** Trakt's raw export pages its endpoints at 250 (trakt-web runRawExport). */
export const TRAKT_PAGE_SIZE = 250;

/**
 * A Trakt data export: `watched-history-1.json` … one element per play,
 * newest first, 250 a page; shows carry `ids.trakt`/`slug`/`tvdb`/`imdb`/`tmdb`,
 * episodes their season, number and ids (`tvdb`, `tmdb`); actions mixed as
 * in real histories.
 */
export function traktExport(watches: Watch[], seed: number): BuiltExport {
  const random = createRandom(seed);
  const sorted = [...watches].sort((a, b) => b.at - a.at);
  const actions = ['watch', 'scrobble', 'scrobble', 'checkin'];
  const plays = sorted.map((watch, i) => ({
    id: 9_100_000_000 + sorted.length - i,
    watched_at: new Date(watch.at).toISOString(),
    action: random.pick(actions),
    type: 'episode',
    episode: {
      season: watch.episode.season,
      number: watch.episode.number,
      title: `Episode ${watch.episode.number}`,
      ids: { trakt: 70_000_000 + (watch.episode.tvdb % 10_000_000), tvdb: watch.episode.tvdb, imdb: null, tmdb: watch.episode.tmdb, tvrage: null },
    },
    show: {
      title: watch.show.spec.name,
      year: Number((watch.show.spec.seasons[0]!.at as string).slice(0, 4)),
      ids: {
        trakt: 600_000 + watch.show.spec.tmdb - TMDB_BASE,
        slug: watch.show.spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        tvdb: watch.show.spec.tvdb,
        imdb: watch.show.spec.imdb,
        tmdb: watch.show.spec.tmdb,
        tvrage: null,
      },
    },
  }));
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  const pages = Math.ceil(plays.length / TRAKT_PAGE_SIZE);
  for (let page = 1; page <= pages; page++) {
    const name = pages > 1 ? `watched-history-${page}.json` : 'watched-history.json';
    files[name] = encoder.encode(JSON.stringify(plays.slice((page - 1) * TRAKT_PAGE_SIZE, page * TRAKT_PAGE_SIZE)));
  }
  files['user-profile.json'] = encoder.encode(JSON.stringify({ username: 'bench', private: false, name: 'Bench', vip: false, ids: { slug: 'bench' } }));
  return {
    zip: zipSync(files),
    uncompressedBytes: Object.values(files).reduce((sum, bytes) => sum + bytes.length, 0),
    members: Object.keys(files).length,
    watchRows: plays.length,
    followRows: 0,
    shows: new Set(watches.map((watch) => watch.show.spec.tmdb)).size,
  };
}
