// The drizzle tables and the SQL migrations describe the same schema: every
// table and column drizzle knows exists in the migrated database with the
// same nullability, and no table of the migrations is missing from drizzle.
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { query } from '../test-helpers.ts';
import * as schema from './schema/index.ts';

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

describe('the drizzle schema', () => {
  it('matches the migrated database, column by column', async () => {
    const columns = await query<{ table_name: string; column_name: string; is_nullable: string; data_type: string }>(
      `SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
    );
    expect(tables.map((table) => getTableConfig(table).name).sort()).toHaveLength(23);
    const inDatabase = new Map(columns.map((column) => [`${column.table_name}.${column.column_name}`, column]));

    const declared = new Set<string>();
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        const key = `${config.name}.${column.name}`;
        declared.add(key);
        const actual = inDatabase.get(key);
        expect(actual, `${key} exists`).toBeDefined();
        expect(actual!.is_nullable === 'YES', `${key} nullability`).toBe(!column.notNull);
      }
    }
    expect([...inDatabase.keys()].filter((key) => !declared.has(key))).toEqual([]);
  });

  it('keeps the trigram index on shows.title', async () => {
    const [index] = await query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_shows_title_trgm'",
    );
    expect(index!.indexdef).toMatch(/USING gin \(title gin_trgm_ops\)/);
  });
});
