// The migration runner: applies migrations/NNNN_name.up.sql in order, each in
// its own transaction, and records them in schema_migrations, so running it
// twice is a no-op. `rollback` applies the matching .down.sql files in reverse.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');
// Serializes concurrent runners (two `npm start`s, CI's parallel steps).
const LOCK_KEY = 7_102_893_861;

export interface Migration {
  version: string;
  up: string;
  down: string;
}

function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.up.sql'))
    .sort()
    .map((file) => {
      const version = file.slice(0, -'.up.sql'.length);
      return {
        version,
        up: readFileSync(join(dir, file), 'utf8'),
        down: readFileSync(join(dir, `${version}.down.sql`), 'utf8'),
      };
    });
}

async function withLockedClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    return await work(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function appliedVersions(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((row) => row.version);
}

async function inTransaction(client: pg.Client, sql: string, bookkeeping: [string, string[]]): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
    await client.query(...bookkeeping);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Applies every pending migration; returns the versions it applied. */
export async function migrate(databaseUrl: string, migrations = readMigrations()): Promise<string[]> {
  return withLockedClient(databaseUrl, async (client) => {
    const applied = new Set(await appliedVersions(client));
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await inTransaction(client, migration.up, [
        'INSERT INTO schema_migrations (version) VALUES ($1)',
        [migration.version],
      ]);
    }
    return pending.map((migration) => migration.version);
  });
}

/** Reverts the last `steps` applied migrations; returns the versions it reverted. */
export async function rollback(databaseUrl: string, steps = 1, migrations = readMigrations()): Promise<string[]> {
  return withLockedClient(databaseUrl, async (client) => {
    const byVersion = new Map(migrations.map((migration) => [migration.version, migration]));
    const toRevert = (await appliedVersions(client)).reverse().slice(0, steps);
    for (const version of toRevert) {
      const migration = byVersion.get(version);
      if (!migration) throw new Error(`migration ${version} is applied but its files are missing`);
      await inTransaction(client, migration.down, ['DELETE FROM schema_migrations WHERE version = $1', [version]]);
    }
    return toRevert;
  });
}
