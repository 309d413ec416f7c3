// The timeline's two statements, rendered by drizzle from the worker's own
// builders (personQuery and eventsQuery of
// worker/features/timeline/timeline.service.ts) with the window the API would
// resolve: the raw-SQL phase times exactly what a cache miss costs the
// database, and follows the service when it changes.
import type pg from 'pg';
import { eventsQuery, personQuery } from '../../worker/features/timeline/timeline.service.ts';
import { resolveWindow } from '../../worker/features/timeline/timeline.window.ts';
import { renderer, statement, type Statement } from './worker-sql.ts';

export type { Statement };
export type RangeKind = 'week' | '30 days';

/** personQuery: a cache miss's first statement (zone, version, whether they track anything and have plans). */
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
