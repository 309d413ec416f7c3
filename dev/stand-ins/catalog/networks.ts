// The networks and streaming services of the shipped catalog, with the ids
// each provider uses and the zone their air times are given in.
export interface Network {
  tmdbId: number;
  tvmazeId: number;
  tvdbId: number;
  name: string;
  /** ISO 3166-1 alpha-2, as TMDB and TVmaze write it. */
  country: string;
  countryName: string;
  /** TheTVDB writes countries as lowercase ISO alpha-3. */
  tvdbCountry: string;
  zone: string;
  /** TVmaze lists streaming services as `webChannel` rather than `network`. */
  streaming: boolean;
}

type Where = Pick<Network, 'country' | 'countryName' | 'tvdbCountry' | 'zone'>;
const US: Where = { country: 'US', countryName: 'United States', tvdbCountry: 'usa', zone: 'America/New_York' };
const GB: Where = { country: 'GB', countryName: 'United Kingdom', tvdbCountry: 'gbr', zone: 'Europe/London' };
const KR: Where = { country: 'KR', countryName: 'Korea, Republic of', tvdbCountry: 'kor', zone: 'Asia/Seoul' };
const JP: Where = { country: 'JP', countryName: 'Japan', tvdbCountry: 'jpn', zone: 'Asia/Tokyo' };
const AU: Where = { country: 'AU', countryName: 'Australia', tvdbCountry: 'aus', zone: 'Australia/Sydney' };

const tv = (tmdbId: number, tvmazeId: number, tvdbId: number, name: string, where: Where): Network => ({
  tmdbId, tvmazeId, tvdbId, name, ...where, streaming: false,
});
const web = (tmdbId: number, tvmazeId: number, tvdbId: number, name: string, where: Where): Network => ({
  tmdbId, tvmazeId, tvdbId, name, ...where, streaming: true,
});

export const NETWORKS = {
  amc: tv(174, 20, 37, 'AMC', US),
  hbo: tv(49, 8, 9, 'HBO', US),
  abc: tv(2, 3, 2, 'ABC', US),
  nbc: tv(6, 1, 4, 'NBC', US),
  fox: tv(19, 4, 3, 'FOX', US),
  fx: tv(88, 13, 15, 'FX', US),
  bbcOne: tv(4, 12, 68, 'BBC One', GB),
  channel4: tv(26, 45, 73, 'Channel 4', GB),
  tvn: tv(866, 57, 1066, 'tvN', KR),
  ntv: tv(57, 131, 411, 'Nippon TV', JP),
  nhk: tv(1, 128, 389, 'NHK General TV', JP),
  abcKids: tv(2145, 1016, 1256, 'ABC Kids', AU),
  netflix: web(213, 1, 171, 'Netflix', US),
  appleTv: web(2552, 310, 1372, 'Apple TV+', US),
  prime: web(1024, 3, 1023, 'Prime Video', US),
  disney: web(2739, 287, 1474, 'Disney+', US),
  hulu: web(453, 2, 220, 'Hulu', US),
  max: web(3186, 329, 1651, 'HBO Max', US),
} satisfies Record<string, Network>;

export type NetworkKey = keyof typeof NETWORKS;
