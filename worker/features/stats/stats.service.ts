// Watching statistics (docs/design.md#statistics), derived from the watch
// history on every read: one statement (stats.query.ts), scoped by the
// person's id.
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { statsQuery, type StatsRow } from './stats.query.ts';
import type { StatsQuerySchema, StatsSchema } from './stats.schemas.ts';

export async function watchStats(db: Db, userId: string, range: z.infer<typeof StatsQuerySchema>): Promise<z.infer<typeof StatsSchema>> {
  const { rows } = await db.execute<StatsRow>(statsQuery(userId, range));
  const row = rows[0]!;
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    timezone: row.timezone,
    episodes: { watches: row.episode_watches, distinct: row.distinct_episodes },
    movies: { watches: row.movie_watches, distinct: row.distinct_movies },
    minutes: row.minutes,
    hours: Math.round(row.minutes / 6) / 10,
    watches_without_runtime: row.watches_without_runtime,
    undated_watches: row.undated_watches,
    by_month: row.by_month,
    by_genre: row.by_genre,
  };
}
