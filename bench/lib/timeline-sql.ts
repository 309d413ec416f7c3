// The timeline's two statements, rendered by drizzle from the worker's own
// builders (personQuery and eventsQuery of
// worker/features/timeline/timeline.service.ts) with the window the API would
// resolve: the raw-SQL phase times exactly what a cache miss costs the
// database, and follows the service when it changes.
import { Pool } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type pg from 'pg';
import type { Db } from '../../worker/db/client.ts';
import * as schema from '../../worker/db/schema/index.ts';
import { eventsQuery, personQuery } from '../../worker/features/timeline/timeline.service.ts';
import { resolveWindow } from '../../worker/features/timeline/timeline.window.ts';

export type RangeKind = 'week' | '30 days';

export interface Statement {
  text: string;
  values: unknown[];
}

/** Only renders SQL: the pool is never asked for a connection. */
const renderer = drizzle({ client: new Pool({ connectionString: 'postgres://bench@127.0.0.1/render-only' }), schema }) as Db;

const statement = (query: { toSQL(): { sql: string; params: unknown[] } }): Statement => {
  const { sql, params } = query.toSQL();
  return { text: sql, values: params };
};

/** personQuery: the zone and tracked shows, read on every request, cached or not. */
export const personStatement = (userId: string): Statement => statement(personQuery(renderer, userId));

/** eventsQuery for GET /timeline?view=week, or with no view ("30 days": from today, the default range). */
export function eventsStatement(user: { id: string; zone: string }, kind: RangeKind, now: Date): Statement {
  const window = resolveWindow(kind === 'week' ? { kind: 'week' } : { kind: 'range' }, now, user.zone);
  return statement(eventsQuery(renderer, user.id, user.zone, window));
}

export async function explainEvents(client: pg.Client, events: Statement): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${events.text}`, events.values);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}
