// The worker's own query builders, rendered to SQL text and parameters for the
// benches to run on their pg connection: what they time is exactly what the
// worker sends, and follows it when it changes.
import { Pool } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { Db } from '../../worker/db/client.ts';

export interface Statement {
  text: string;
  values: unknown[];
}

/** A drizzle database that only renders SQL: its pool is never asked for a connection. */
export const renderer = drizzle({ client: new Pool({ connectionString: 'postgres://bench@127.0.0.1/render-only' }) }) as Db;

export function statement(query: { toSQL(): { sql: string; params: unknown[] } }): Statement {
  const { sql, params } = query.toSQL();
  return { text: sql, values: params };
}
