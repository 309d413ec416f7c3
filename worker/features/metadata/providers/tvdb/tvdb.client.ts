// TheTVDB v4 (fallback source): air dates TMDB lacks and the network's local
// air time. The login token lasts a month: it is kept in KV for 25 days,
// renewed before it runs out, and renewed once more when a call gets a 401.
import { z } from 'zod';
import { ProviderError } from '../../../../lib/http.ts';
import { isoDate, looseNumber, readJson, text, type ReadContext } from '../parse.ts';

const TOKEN_KEY = 'tvdb:token';
const TOKEN_TTL_SECONDS = 25 * 24 * 60 * 60;

const Envelope = <T extends z.ZodType>(data: T) => z.looseObject({ status: z.string().optional(), data });

const Login = Envelope(z.looseObject({ token: z.string().min(1) }));

const SeriesExtended = Envelope(
  z.looseObject({
    id: z.number().int(),
    name: text.optional(),
    status: z.looseObject({ name: text.optional() }).nullish(),
    firstAired: isoDate.optional(),
    lastAired: isoDate.optional(),
    nextAired: isoDate.optional(),
    airsTime: text.optional(),
    originalNetwork: z.looseObject({ name: text.optional(), country: text.optional() }).nullish(),
    remoteIds: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), sourceName: text.optional() })).nullish(),
  }),
);

const Episodes = z.looseObject({
  data: z.looseObject({
    episodes: z
      .array(
        z.looseObject({
          id: z.number().int().nullish(),
          name: text.optional(),
          aired: isoDate.optional(),
          seasonNumber: z.number().int(),
          number: z.number().int(),
          runtime: looseNumber.optional(),
          finaleType: text.optional(),
        }),
      )
      .nullish(),
  }),
  links: z.looseObject({ next: z.unknown().optional() }).nullish(),
});

export interface TvdbSeries {
  tvdbId: number;
  name: string | null;
  status: string | null;
  /** "HH:MM" in the network's local time, when known. */
  airsTime: string | null;
  networkName: string | null;
  /** TheTVDB's three-letter country ("usa", "gbr"). */
  country: string | null;
  imdbId: string | null;
  tmdbId: number | null;
}

export interface TvdbEpisode {
  tvdbId: number | null;
  seasonNumber: number;
  episodeNumber: number;
  airDate: string | null;
  finaleType: string | null;
}

export interface TvdbConfig {
  baseUrl: string;
  apiKey: string;
  pin?: string;
  cache: KVNamespace;
}

export function createTvdbClient(config: TvdbConfig, context: ReadContext) {
  const base = config.baseUrl.replace(/\/$/, '');
  let token: string | null = null;

  async function login(): Promise<string> {
    const body = JSON.stringify({ apikey: config.apiKey, ...(config.pin ? { pin: config.pin } : {}) });
    const result = await readJson(context, 'tvdb', `${base}/login`, Login, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
    });
    if (!result) throw new ProviderError('tvdb', 'unauthorized', 'login endpoint not found');
    token = result.data.token;
    await config.cache.put(TOKEN_KEY, token, { expirationTtl: TOKEN_TTL_SECONDS });
    return token;
  }

  async function currentToken(): Promise<string> {
    token ??= await config.cache.get(TOKEN_KEY);
    return token ?? login();
  }

  async function get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S> | null> {
    const call = async (bearer: string) =>
      readJson(context, 'tvdb', `${base}${path}`, schema, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' } });
    try {
      return await call(await currentToken());
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== 'unauthorized') throw error;
      // The cached token was revoked or expired early: log in again, once.
      return call(await login());
    }
  }

  return {
    async series(tvdbId: number): Promise<TvdbSeries | null> {
      const raw = await get(`/series/${tvdbId}/extended?meta=episodes&short=true`, SeriesExtended);
      if (!raw) return null;
      const remote = (source: string) =>
        raw.data.remoteIds?.find((remoteId) => remoteId.sourceName?.toLowerCase() === source)?.id ?? null;
      const tmdbId = Number(remote('themoviedb.com'));
      return {
        tvdbId: raw.data.id,
        name: raw.data.name ?? null,
        status: raw.data.status?.name ?? null,
        airsTime: /^\d{1,2}:\d{2}$/.test(raw.data.airsTime ?? '') ? raw.data.airsTime! : null,
        networkName: raw.data.originalNetwork?.name ?? null,
        country: raw.data.originalNetwork?.country?.toLowerCase() ?? null,
        imdbId: (remote('imdb') as string | null) ?? null,
        tmdbId: Number.isInteger(tmdbId) && tmdbId > 0 ? tmdbId : null,
      };
    },

    /** Every episode in the default order, following the pages (500 each). */
    async episodes(tvdbId: number): Promise<TvdbEpisode[]> {
      const episodes: TvdbEpisode[] = [];
      for (let page = 0; page < 20; page++) {
        const raw = await get(`/series/${tvdbId}/episodes/default?page=${page}`, Episodes);
        for (const episode of raw?.data.episodes ?? []) {
          episodes.push({
            tvdbId: episode.id ?? null,
            seasonNumber: episode.seasonNumber,
            episodeNumber: episode.number,
            airDate: episode.aired ?? null,
            finaleType: episode.finaleType ?? null,
          });
        }
        if (!raw?.links?.next) break;
      }
      return episodes;
    },
  };
}

export type TvdbClient = ReturnType<typeof createTvdbClient>;
