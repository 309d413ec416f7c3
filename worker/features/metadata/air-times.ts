// Where an episode's exact instant comes from (docs/providers.md#air-times):
// TVmaze's airstamp when the show is matched there; else TheTVDB's airsTime
// read in the network's zone; else the day alone. Date-only episodes stay
// date-only: they become all-day events in each person's zone, never midnight
// UTC.
import { wallTimeToUtc } from '../../lib/local-time.ts';
import type { EpisodeAirTime, EpisodeDetail } from './providers/types.ts';

export type AirsAtSource = 'tvmaze' | 'thetvdb' | 'date_only';

export interface ResolvedAirTime {
  airDate: string | null;
  airsAt: Date | null;
  airsAtSource: AirsAtSource | null;
}

/** TheTVDB gives three-letter countries; air times are the capital's zone (US: Eastern). */
const COUNTRY_ZONES: Record<string, string> = {
  usa: 'America/New_York',
  can: 'America/Toronto',
  gbr: 'Europe/London',
  irl: 'Europe/Dublin',
  fra: 'Europe/Paris',
  deu: 'Europe/Berlin',
  esp: 'Europe/Madrid',
  ita: 'Europe/Rome',
  nld: 'Europe/Amsterdam',
  bel: 'Europe/Brussels',
  swe: 'Europe/Stockholm',
  nor: 'Europe/Oslo',
  dnk: 'Europe/Copenhagen',
  fin: 'Europe/Helsinki',
  pol: 'Europe/Warsaw',
  tur: 'Europe/Istanbul',
  rus: 'Europe/Moscow',
  ind: 'Asia/Kolkata',
  jpn: 'Asia/Tokyo',
  kor: 'Asia/Seoul',
  chn: 'Asia/Shanghai',
  twn: 'Asia/Taipei',
  tha: 'Asia/Bangkok',
  aus: 'Australia/Sydney',
  nzl: 'Pacific/Auckland',
  bra: 'America/Sao_Paulo',
  mex: 'America/Mexico_City',
  arg: 'America/Argentina/Buenos_Aires',
  zaf: 'Africa/Johannesburg',
};

export const zoneForCountry = (country: string | null | undefined) =>
  country ? (COUNTRY_ZONES[country.toLowerCase()] ?? null) : null;

export interface AirTimeSources {
  /** TVmaze's episodes, when the show is matched there. */
  tvmaze?: EpisodeAirTime[] | null;
  /** TheTVDB's air dates by "season:episode", and its local air time and zone. */
  tvdb?: { airDates: Map<string, string | null>; airsTime: string | null; zone: string | null } | null;
}

export const episodeKey = (season: number, episode: number) => `${season}:${episode}`;

export function resolveAirTime(episode: Pick<EpisodeDetail, 'seasonNumber' | 'episodeNumber' | 'airDate'>, sources: AirTimeSources): ResolvedAirTime {
  const key = episodeKey(episode.seasonNumber, episode.episodeNumber);
  const tvmaze = sources.tvmaze?.find((item) => episodeKey(item.seasonNumber, item.episodeNumber) === key);
  const airDate = episode.airDate ?? sources.tvdb?.airDates.get(key) ?? tvmaze?.airDate ?? null;
  if (!airDate) return { airDate: null, airsAt: null, airsAtSource: null };
  if (tvmaze) {
    // Matched on TVmaze: its stamp is authoritative, and an empty time (a
    // streaming drop) means the day alone.
    return tvmaze.airsAt
      ? { airDate, airsAt: new Date(tvmaze.airsAt), airsAtSource: 'tvmaze' }
      : { airDate, airsAt: null, airsAtSource: 'date_only' };
  }
  const tvdb = sources.tvdb;
  if (tvdb?.airsTime && tvdb.zone) {
    return { airDate, airsAt: wallTimeToUtc(airDate, tvdb.airsTime, tvdb.zone), airsAtSource: 'thetvdb' };
  }
  return { airDate, airsAt: null, airsAtSource: 'date_only' };
}
