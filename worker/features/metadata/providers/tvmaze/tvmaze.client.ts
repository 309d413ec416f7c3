// TVmaze: the exact air instant of each episode (`airstamp`). Looked up by
// TheTVDB or IMDb id; the lookup answers with a redirect to the show.
import { z } from 'zod';
import { isoDate, readJson, text, type ReadContext } from '../parse.ts';
import type { EpisodeAirTime } from '../types.ts';

const Show = z.looseObject({
  id: z.number().int(),
  name: text.optional(),
  schedule: z.looseObject({ time: text.optional() }).nullish(),
  network: z.looseObject({ name: text.optional(), country: z.looseObject({ timezone: text.optional() }).nullish() }).nullish(),
  webChannel: z.looseObject({ name: text.optional() }).nullish(),
});

const Episodes = z.array(
  z.looseObject({
    season: z.number().int(),
    number: z.number().int().nullable(),
    airdate: isoDate.optional(),
    airtime: z.string().nullish(),
    airstamp: z.string().nullish(),
  }),
);

export interface TvmazeShow {
  tvmazeId: number;
  timezone: string | null;
  streaming: boolean;
}

/**
 * Streaming drops have no air time: TVmaze gives an empty `airtime` and a
 * placeholder noon-UTC stamp, which must not pass for a real instant.
 */
export function toAirTime(episode: z.infer<typeof Episodes>[number]): EpisodeAirTime | null {
  if (episode.number === null) return null;
  const stamp = episode.airstamp ? Date.parse(episode.airstamp) : Number.NaN;
  const timed = Boolean(episode.airtime && episode.airtime.trim()) && !Number.isNaN(stamp);
  return {
    seasonNumber: episode.season,
    episodeNumber: episode.number,
    airDate: episode.airdate ?? null,
    airsAt: timed ? new Date(stamp).toISOString() : null,
  };
}

export function createTvmazeClient(config: { baseUrl: string }, context: ReadContext) {
  const base = config.baseUrl.replace(/\/$/, '');
  const toShow = (raw: z.infer<typeof Show>): TvmazeShow => ({
    tvmazeId: raw.id,
    timezone: raw.network?.country?.timezone ?? null,
    streaming: !raw.network && Boolean(raw.webChannel),
  });
  return {
    async lookup(ids: { tvdbId?: number | null; imdbId?: string | null }): Promise<TvmazeShow | null> {
      const queries = [
        ids.tvdbId ? `thetvdb=${ids.tvdbId}` : null,
        ids.imdbId ? `imdb=${encodeURIComponent(ids.imdbId)}` : null,
      ].filter((query): query is string => query !== null);
      for (const query of queries) {
        const raw = await readJson(context, 'tvmaze', `${base}/lookup/shows?${query}`, Show);
        if (raw) return toShow(raw);
      }
      return null;
    },

    async episodes(tvmazeId: number): Promise<EpisodeAirTime[]> {
      const raw = await readJson(context, 'tvmaze', `${base}/shows/${tvmazeId}/episodes`, Episodes);
      return (raw ?? []).flatMap((episode) => toAirTime(episode) ?? []);
    },
  };
}

export type TvmazeClient = ReturnType<typeof createTvmazeClient>;
