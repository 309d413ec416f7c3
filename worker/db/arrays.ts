// Arrays as single query parameters. drizzle's sql`` spreads a JS array into
// a row of parameters, which Postgres cannot cast to an array; a Postgres
// array literal in one parameter can be.
import { sql, type SQL } from 'drizzle-orm';

const literal = (values: readonly (string | number)[]) =>
  `{${values.map((value) => (typeof value === 'number' ? String(value) : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)).join(',')}}`;

export const textArray = (values: readonly string[]): SQL => sql`${literal(values)}::text[]`;
export const uuidArray = (values: readonly string[]): SQL => sql`${literal(values)}::uuid[]`;
export const intArray = (values: readonly number[]): SQL => sql`${literal(values)}::int[]`;
