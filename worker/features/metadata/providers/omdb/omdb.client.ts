// OMDb: IMDb, Rotten Tomatoes and Metacritic ratings and awards. Every value
// is a string, missing ones are "N/A", and errors come as Response "False"
// (HTTP 200 for unknown ids, 401 for a bad key or a spent daily quota).
import { z } from 'zod';
import { ProviderError } from '../../../../lib/http.ts';
import { looseNumber, readJson, text, type ReadContext } from '../parse.ts';
import type { Ratings } from '../types.ts';

const Title = z.looseObject({
  Response: z.string(),
  Error: text.optional(),
  imdbRating: looseNumber.optional(),
  imdbVotes: looseNumber.optional(),
  Metascore: looseNumber.optional(),
  Awards: text.optional(),
  Ratings: z.array(z.looseObject({ Source: z.string(), Value: z.string() })).nullish(),
});

/** "96%" → 96, "84/100" → 84, "8.7/10" → 8.7. */
function ratingValue(value: string | undefined): number | null {
  const match = /^\s*([\d.]+)\s*(%|\/\s*\d+)?\s*$/.exec(value ?? '');
  if (!match) return null;
  const number = Number(match[1]);
  return Number.isFinite(number) ? number : null;
}

export function toRatings(raw: z.infer<typeof Title>): Ratings {
  const source = (name: string) => raw.Ratings?.find((rating) => rating.Source === name)?.Value;
  return {
    imdbRating: raw.imdbRating ?? ratingValue(source('Internet Movie Database')),
    imdbVotes: raw.imdbVotes ?? null,
    rottenTomatoes: ratingValue(source('Rotten Tomatoes')),
    metacritic: raw.Metascore ?? ratingValue(source('Metacritic')),
    awards: raw.Awards ?? null,
  };
}

/**
 * How much of the daily quota a title may draw on: tracked titles (sync
 * priority above 0) all of it, titles nobody tracks only the first half, so a
 * day of browsing never starves the ratings of what people follow.
 */
export const omdbShare = (syncPriority: number) => (syncPriority > 0 ? 1 : 0.5);

export function createOmdbClient(config: { baseUrl: string; apiKey: string }, context: ReadContext) {
  return {
    async ratings(imdbId: string, syncPriority = 0): Promise<Ratings | null> {
      const url = new URL(config.baseUrl.replace(/\/?$/, '/'));
      url.searchParams.set('apikey', config.apiKey);
      url.searchParams.set('i', imdbId);
      const raw = await readJson(context, 'omdb', url.toString(), Title, undefined, { share: omdbShare(syncPriority) });
      if (!raw) return null;
      if (raw.Response !== 'True') {
        if (/not found|incorrect imdb id/i.test(raw.Error ?? '')) return null;
        throw new ProviderError('omdb', 'bad_response', raw.Error ?? 'request refused');
      }
      return toRatings(raw);
    },
  };
}

export type OmdbClient = ReturnType<typeof createOmdbClient>;
