// Test helpers for syncing shows from the stand-ins. Upstream mutations
// (`mutate`) are visible to the whole test run, so a show mutated in one test
// file is used by no other.
import { openDb } from '../../db/client.ts';
import { createLogger } from '../../lib/logger.ts';
import { query, standIns, TEST_ENV } from '../../test-helpers.ts';
import { createProviders } from './providers/index.ts';
import { syncShow, type SyncResult } from './sync.service.ts';

const logger = createLogger({ test: 'sync' });

/** One show sync, as the queue consumer runs it. */
export async function sync(showId: string): Promise<SyncResult | null> {
  const { db, close } = openDb(TEST_ENV);
  try {
    return await syncShow({ db, cache: TEST_ENV.CACHE, providers: createProviders(TEST_ENV, logger), logger }, showId, 'manual');
  } finally {
    await close();
  }
}

/** The show as a search result leaves it: a title and a TMDB id; returns its id. */
export async function summaryRow(title: string, tmdbId: number): Promise<string> {
  const [row] = await query<{ id: string }>(
    `INSERT INTO shows (title, media_type, tmdb_id) VALUES ($1, 'tv', $2)
     ON CONFLICT (media_type, tmdb_id) DO UPDATE SET title = EXCLUDED.title RETURNING id`,
    [title, tmdbId],
  );
  return row!.id;
}

/** Changes the stand-ins' catalog (see dev/stand-ins/README.md). */
export const mutate = (mutation: Record<string, unknown>) => standIns('POST', '/mutations', mutation);
