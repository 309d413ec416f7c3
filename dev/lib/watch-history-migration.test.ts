// Migration 0008 on real data: each tracked show's pointer (last watched
// season and episode) becomes the watches it stood for, and the down
// migration gives the pointers back from the watches. Run through the
// migration runner against an embedded database migrated to 0007 first.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';
import { migrate, rollback, type Migration } from './migrate.ts';

const DIR = join(import.meta.dirname, '..', '..', 'migrations');
const migrations: Migration[] = readdirSync(DIR)
  .filter((file) => file.endsWith('.up.sql'))
  .sort()
  .map((file) => {
    const version = file.slice(0, -'.up.sql'.length);
    return { version, up: readFileSync(join(DIR, file), 'utf8'), down: readFileSync(join(DIR, `${version}.down.sql`), 'utf8') };
  });
const upTo = (last: string) => migrations.filter((migration) => migration.version.slice(0, 4) <= last);

let database: EmbeddedPostgres;
let client: pg.Client;

beforeAll(async () => {
  database = await startEmbeddedPostgres({});
  await migrate(database.url, upTo('0007'));
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  await database?.stop();
});

const sql = async <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await client.query<T>(text, params)).rows;

async function person(name: string): Promise<string> {
  const [row] = await sql<{ id: string }>("INSERT INTO users (email, username, password_hash) VALUES ($1, $2, 'x') RETURNING id", [
    `${name}@example.com`,
    name,
  ]);
  return row!.id;
}

/** Episodes as "season:episode" codes, in order. */
const codes = (rows: { season_number: number; episode_number: number }[]) => rows.map((row) => `${row.season_number}:${row.episode_number}`);

describe('migration 0008', () => {
  it('turns pointers into watches of the aired regular episodes up to them, and back into pointers', async () => {
    const [show] = await sql<{ id: string }>("INSERT INTO shows (title, media_type) VALUES ('Show', 'tv') RETURNING id");
    const showId = show!.id;
    const episodes: [number, number, string | null, string | null][] = [
      [0, 1, '2020-01-01T20:00:00Z', '2020-01-01'], // a special
      [1, 1, '2020-02-01T20:00:00Z', '2020-02-01'],
      [1, 2, '2020-02-08T20:00:00Z', '2020-02-08'],
      [1, 3, null, '2020-02-15'], // date-only, aired
      [2, 1, '2021-02-01T20:00:00Z', '2021-02-01'],
      [2, 2, '2021-02-08T20:00:00Z', '2021-02-08'],
      [2, 3, '2999-01-01T20:00:00Z', '2999-01-01'], // ahead
      [2, 4, null, '2999-01-08'], // date-only, ahead
      [2, 5, null, null], // no date yet
    ];
    for (const season of [0, 1, 2]) await sql('INSERT INTO seasons (show_id, season_number) VALUES ($1, $2)', [showId, season]);
    for (const [season, episode, airsAt, airDate] of episodes) {
      await sql(
        `INSERT INTO episodes (show_id, season_id, season_number, episode_number, airs_at, air_date)
         SELECT $1, id, $2, $3, $4, $5 FROM seasons WHERE show_id = $1 AND season_number = $2`,
        [showId, season, episode, airsAt, airDate],
      );
    }
    const [ada, bob, cy, dee] = [await person('ada'), await person('bob'), await person('cy'), await person('dee')];
    const pointers: [string, number | null, number | null][] = [
      [ada, 2, 4], // past what has aired
      [bob, 2, null], // "season 2, nothing of it yet"
      [cy, 1, 2],
      [dee, null, null],
    ];
    for (const [userId, season, episode] of pointers) {
      await sql('INSERT INTO user_tracked_shows (user_id, show_id, last_watched_season, last_watched_episode) VALUES ($1, $2, $3, $4)', [
        userId,
        showId,
        season,
        episode,
      ]);
    }

    expect(await migrate(database.url, upTo('0008'))).toEqual(['0008_watch_history']);

    const watchesOf = (userId: string) =>
      sql<{ season_number: number; episode_number: number; episode_id: string | null; watched_at: Date | null; watched_on: string | null; source: string }>(
        'SELECT season_number, episode_number, episode_id, watched_at, watched_on, source FROM watches WHERE user_id = $1 ORDER BY season_number, episode_number',
        [userId],
      );
    expect(codes(await watchesOf(ada))).toEqual(['1:1', '1:2', '1:3', '2:1', '2:2']);
    expect(codes(await watchesOf(bob))).toEqual(['1:1', '1:2', '1:3']);
    expect(codes(await watchesOf(cy))).toEqual(['1:1', '1:2']);
    expect(await watchesOf(dee)).toEqual([]);
    for (const watch of await watchesOf(ada)) {
      expect(watch).toMatchObject({ episode_id: expect.any(String), watched_at: null, watched_on: null, source: 'app' });
    }
    const columns = await sql("SELECT 1 FROM information_schema.columns WHERE table_name = 'user_tracked_shows' AND column_name LIKE 'last_watched%'");
    expect(columns).toEqual([]);

    // After the migration: a later episode, a special and a rewatch; an untracked show's watches have no pointer to go to.
    await sql("INSERT INTO watches (user_id, show_id, season_number, episode_number, source) VALUES ($1, $2, 1, 3, 'app')", [cy, showId]);
    await sql("INSERT INTO watches (user_id, show_id, season_number, episode_number, source) VALUES ($1, $2, 0, 1, 'app')", [dee, showId]);
    await sql("INSERT INTO watches (user_id, show_id, season_number, episode_number, source) VALUES ($1, $2, 1, 1, 'app')", [cy, showId]);

    expect(await rollback(database.url, 1, migrations)).toEqual(['0008_watch_history']);
    const back = await sql<{ user_id: string; last_watched_season: number | null; last_watched_episode: number | null }>(
      'SELECT user_id, last_watched_season, last_watched_episode FROM user_tracked_shows WHERE show_id = $1',
      [showId],
    );
    expect(new Map(back.map((row) => [row.user_id, [row.last_watched_season, row.last_watched_episode]]))).toEqual(
      new Map([
        [ada, [2, 2]],
        [bob, [1, 3]],
        [cy, [1, 3]],
        [dee, [null, null]],
      ]),
    );
    expect(await sql("SELECT 1 FROM information_schema.tables WHERE table_name = 'watches'")).toEqual([]);

    // And up again: the same pointers, the same watches.
    await migrate(database.url, upTo('0008'));
    expect(codes(await watchesOf(ada))).toEqual(['1:1', '1:2', '1:3', '2:1', '2:2']);
    expect(codes(await watchesOf(cy))).toEqual(['1:1', '1:2', '1:3']);
  }, 60_000);
});
