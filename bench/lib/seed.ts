// Fills `shows` with the synthetic catalog, fast: a few big INSERT … SELECT
// FROM unnest(arrays) statements rather than 100,000 round trips. Every row
// has full details (details_synced_at set), as titles someone has opened do,
// so the worker treats them as known titles.
import type pg from 'pg';
import type { SeedShow } from './titles.ts';

const BATCH = 10_000;

/** Inserts the catalog into an empty `shows` table and leaves it as a vacuumed, analyzed table. */
export async function seedShows(client: pg.Client, catalog: readonly SeedShow[]): Promise<void> {
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM shows');
  // The bench always starts from a fresh database; rows here mean it is not one.
  if (Number(rows[0]!.count) !== 0) throw new Error(`shows already has ${rows[0]!.count} rows: the bench needs a fresh database`);

  for (let start = 0; start < catalog.length; start += BATCH) {
    const batch = catalog.slice(start, start + BATCH);
    await client.query(
      `INSERT INTO shows (title, media_type, tmdb_id, popularity, premiere_date, status, details_synced_at)
       SELECT title, media_type, tmdb_id, popularity, premiere_date,
              CASE WHEN media_type = 'movie' THEN 'Released' ELSE 'Returning Series' END, now()
       FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::date[])
         AS seed(title, media_type, tmdb_id, popularity, premiere_date)`,
      [
        batch.map((show) => show.title),
        batch.map((show) => show.mediaType),
        batch.map((show) => show.tmdbId),
        batch.map((show) => show.popularity),
        batch.map((show) => show.premiereDate),
      ],
    );
  }
  // VACUUM as well as ANALYZE: the GIN index keeps bulk-inserted rows in its
  // pending list until a vacuum merges them, and while they sit there every
  // index scan reads the whole list and the planner, seeing it, prefers
  // sequential scans. Autovacuum would merge it some time during the run, in
  // the middle of the timings; PGlite has no autovacuum at all. A catalog that
  // has been live for a while is vacuumed, so that is the state measured.
  await client.query('VACUUM ANALYZE shows');
}
