// Imports end to end through the API, against the real Postgres and the TMDB
// stand-in: upload is a preview that changes nothing, commit writes one batch,
// a second import of the same file adds nothing, undo leaves exactly what was
// there, and nobody else can see or touch a person's import.
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp, stateVersion, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { episodePlay, traktExport, upload } from './imports.fixtures.ts';
import { writeZip } from './archive/zip.ts';
import { runImportStep } from './imports.service.ts';
import { openServices } from '../../services.ts';
import { createLogger } from '../../lib/logger.ts';
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import worker from '../../index.ts';
import { QUEUES } from '../../jobs/messages.ts';
import { commitStep } from './imports.commit.ts';
import { matchStep } from './imports.match.ts';
import { openDb } from '../../db/client.ts';

const commit = (account: TestAccount, id: string) => call('POST', `/api/v1/imports/${id}/commit`, { token: account.accessToken });
const undo = (account: TestAccount, id: string) => call('POST', `/api/v1/imports/${id}/undo`, { token: account.accessToken });

const watchesOf = (userId: string) =>
  query<{ season_number: number | null; episode_number: number | null; watched_at: Date | null; source: string; title: string }>(
    `SELECT w.season_number, w.episode_number, w.watched_at, w.source, s.title
     FROM watches w JOIN shows s ON s.id = w.show_id WHERE w.user_id = $1 ORDER BY w.watched_at`,
    [userId],
  );

describe('POST /imports (upload)', () => {
  it('previews a Trakt export: every title matched by its ids, and nothing of the person changed', async () => {
    const ada = await signUp();
    const before = await stateVersion(ada.id);
    const response = await upload(ada, traktExport());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      format: 'trakt',
      file_name: 'trakt-export-ada.zip',
      status: 'ready',
      progress: { stage: 'done', percent: 100 },
      records: { episode_watch: 3, movie_watch: 1, watchlist: 1, rating: 1, follow: 0, list_entry: 0 },
      matched: { episode_watch: 3, movie_watch: 1, watchlist: 1, rating: 1 },
      titles: { total: 4, matched: 4, ambiguous: 0, unmatched: 0, pending: 0 },
      added: null,
      same_file_committed_at: null,
    });
    const titles = await call('GET', `/api/v1/imports/${response.body.id}/titles?status=matched`, { token: ada.accessToken });
    const how = Object.fromEntries(titles.body.results.map((title: { title: string; how: string }) => [title.title, title.how]));
    // Through TMDB's find, unless an earlier import already left the id on the title.
    expect(['TVDB id via TMDB', 'id already in the catalog']).toContain(how['The Last of Us']);
    expect(['IMDb id via TMDB', 'id already in the catalog']).toContain(how.Parasite);
    expect(await watchesOf(ada.id)).toEqual([]);
    expect(await query('SELECT 1 FROM watchlist_items WHERE user_id = $1', [ada.id])).toEqual([]);
    expect(await stateVersion(ada.id)).toBe(before);
  });

  it('remembers the ids TMDB resolved, so the next import finds the titles in the catalog', async () => {
    await upload(await signUp(), traktExport());
    const bo = await signUp();
    const { body } = await upload(bo, traktExport());
    const titles = await call('GET', `/api/v1/imports/${body.id}/titles?status=matched`, { token: bo.accessToken });
    const how = Object.fromEntries(titles.body.results.map((title: { title: string; how: string }) => [title.title, title.how]));
    expect(how).toMatchObject({ 'The Last of Us': 'id already in the catalog', Parasite: 'id already in the catalog' });
    const [ids] = await query<{ tvdb: number; imdb: string }>(
      "SELECT (SELECT thetvdb_id FROM shows WHERE tmdb_id = 100088 AND media_type = 'tv') AS tvdb, (SELECT imdb_id FROM shows WHERE tmdb_id = 496243 AND media_type = 'movie') AS imdb",
    );
    expect(ids).toEqual({ tvdb: 392256, imdb: 'tt6751668' });
  });

  it.each([
    ['bytes that are no export', new TextEncoder().encode('just some text, not an export'), 422, 'unknown_format'],
    ['an empty body', new Uint8Array(0), 422, 'empty_file'],
    ['a truncated archive', traktExport().slice(0, 200), 422, 'malformed_archive'],
  ])('rejects %s with a clear error and writes nothing', async (_name, bytes, status, code) => {
    const bob = await signUp();
    expectErrorEnvelope(await upload(bob, bytes), status, code);
    expect(await query('SELECT 1 FROM import_batches WHERE user_id = $1', [bob.id])).toEqual([]);
  });

  it('needs a token', async () => {
    const response = await call('POST', '/api/v1/imports', { body: traktExport(), headers: { 'Content-Type': 'application/zip' } });
    expectErrorEnvelope(response, 401, 'unauthorized');
  });
});

describe('commit and undo', () => {
  it('writes the watches with their own instants and rewatches, the watchlist and the rating, all carrying the batch', async () => {
    const cy = await signUp();
    const { body: preview } = await upload(cy, traktExport());
    const response = await commit(cy, preview.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'committed',
      added: { watches: 4, watchlist: 1, ratings: 1, follows: 0, already_there: 0, not_matched: 0, not_placed: 0 },
    });
    const watches = await watchesOf(cy.id);
    expect(watches.map((watch) => [watch.title, watch.season_number, watch.episode_number, watch.watched_at?.toISOString(), watch.source])).toEqual([
      ['Breaking Bad', 1, 1, '2024-01-05T20:00:00.000Z', 'import'],
      ['Breaking Bad', 1, 2, '2024-01-06T20:00:00.000Z', 'import'],
      ['Inception', null, null, '2024-02-10T19:30:00.000Z', 'import'],
      ['Breaking Bad', 1, 1, '2024-03-01T21:15:00.000Z', 'import'],
    ]);
    const linked = await query<{ n: number }>('SELECT count(*)::int AS n FROM watches WHERE user_id = $1 AND import_batch_id = $2 AND (episode_id IS NOT NULL OR season_number IS NULL)', [cy.id, preview.id]);
    expect(linked[0]!.n).toBe(4);
    const [rating] = await query<{ rating: number; title: string }>('SELECT r.rating, s.title FROM ratings r JOIN shows s ON s.id = r.show_id WHERE r.user_id = $1', [cy.id]);
    expect(rating).toEqual({ rating: 9, title: 'Parasite' });
  });

  it('adds nothing when the same file is imported again, and says when it was imported before', async () => {
    const dee = await signUp();
    const first = await upload(dee, traktExport());
    await commit(dee, first.body.id);
    const again = await upload(dee, traktExport());
    expect(again.body.same_file_committed_at).toEqual(expect.any(String));
    const second = await commit(dee, again.body.id);
    expect(second.body.added).toMatchObject({ watches: 0, watchlist: 0, ratings: 0, already_there: 6 });
    expect(await watchesOf(dee.id)).toHaveLength(4);
    // A new rewatch in a later export is the only thing a third import adds.
    const third = await upload(dee, traktExport([episodePlay(9005, 1, 1, '2024-06-01T22:00:00.000Z')]));
    expect((await commit(dee, third.body.id)).body.added).toMatchObject({ watches: 1, already_there: 6 });
    expect(await watchesOf(dee.id)).toHaveLength(5);
  });

  it('undo removes exactly what the batch added and leaves what was there before', async () => {
    const eve = await signUp();
    // Already watched in the app, at the same instant as one of the file's plays: the import adds that one nowhere.
    const [show] = await query<{ id: string }>('SELECT id FROM shows WHERE tmdb_id = 1396 AND media_type = $1', ['tv']);
    const first = await upload(eve, traktExport());
    await query(
      `INSERT INTO watches (user_id, show_id, season_number, episode_number, watched_at, source) VALUES ($1, $2, 1, 2, '2024-01-06T20:00:00Z', 'app')`,
      [eve.id, show!.id],
    );
    await query('INSERT INTO user_tracked_shows (user_id, show_id) VALUES ($1, $2)', [eve.id, show!.id]);
    const committed = await commit(eve, first.body.id);
    expect(committed.body.added).toMatchObject({ watches: 3, already_there: 1 });

    const undone = await undo(eve, first.body.id);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ status: 'undone', undone_at: expect.any(String) });
    const left = await watchesOf(eve.id);
    expect(left.map((watch) => [watch.season_number, watch.episode_number, watch.source])).toEqual([[1, 2, 'app']]);
    expect(await query('SELECT 1 FROM user_tracked_shows WHERE user_id = $1', [eve.id])).toHaveLength(1);
    expect(await query('SELECT 1 FROM ratings WHERE user_id = $1', [eve.id])).toEqual([]);
    expect(await query('SELECT 1 FROM watchlist_items WHERE user_id = $1', [eve.id])).toEqual([]);
    // Undo again changes nothing; a commit of an undone batch is refused.
    expect((await undo(eve, first.body.id)).status).toBe(200);
    expectErrorEnvelope(await commit(eve, first.body.id), 409, 'conflict');
  });

  it('keeps one person’s import from everyone else', async () => {
    const [fay, gus] = [await signUp(), await signUp()];
    const { body } = await upload(fay, traktExport());
    for (const response of [
      await call('GET', `/api/v1/imports/${body.id}`, { token: gus.accessToken }),
      await call('GET', `/api/v1/imports/${body.id}/titles`, { token: gus.accessToken }),
      await commit(gus, body.id),
      await undo(gus, body.id),
    ]) {
      expectErrorEnvelope(response, 404, 'not_found');
    }
    expect((await call('GET', '/api/v1/imports', { token: gus.accessToken })).body.results).toEqual([]);
    expect((await call('GET', '/api/v1/imports', { token: fay.accessToken })).body.results).toHaveLength(1);
    expect(await watchesOf(gus.id)).toEqual([]);
  });
});

describe('large imports in steps', () => {
  it('a commit step run again after a crash writes nothing twice', async () => {
    const hal = await signUp();
    const { body } = await upload(hal, traktExport());
    const { db, close } = openDb(TEST_ENV as never);
    try {
      await query("UPDATE import_batches SET status = 'committing' WHERE id = $1", [body.id]);
      // One record per step, as a queue would run a large batch.
      let left = Infinity;
      for (let steps = 0; left > 0 && steps < 20; steps++) left = await commitStep(db, body.id, 1);
      expect(left).toBe(0);
      expect(await watchesOf(hal.id)).toHaveLength(4);
      // A redelivered step from before the cursor moved (the crash case) repeats its slice: nothing is added twice.
      await query("UPDATE import_batches SET status = 'committing', committed_records = 0 WHERE id = $1", [body.id]);
      for (let steps = 0; steps < 20 && (await commitStep(db, body.id, 2)) > 0; steps++);
      expect(await watchesOf(hal.id)).toHaveLength(4);
      expect(await query('SELECT 1 FROM ratings WHERE user_id = $1', [hal.id])).toHaveLength(1);
      // Matching steps on a finished batch find nothing left to do.
      expect(await matchStep({ db, cache: TEST_ENV.CACHE, providers: null as never, logger: null as never }, body.id)).toBe(0);
    } finally {
      await close();
    }
  });
});

/** A Letterboxd export: films by title and year only. */
const letterboxdExport = (rows: [name: string, year: number, watched: string][]) =>
  writeZip([
    {
      name: 'diary.csv',
      text: ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date', ...rows.map(([name, year, watched], i) => `${watched},"${name}",${year},https://boxd.it/x${i},4,,,${watched}`)].join('\n'),
    },
  ]);

describe('matching by title, and the person’s choices', () => {
  it('matches a film by title and year, says why another cannot be, and takes the person’s choice for it', async () => {
    const ivy = await signUp();
    const response = await upload(ivy, letterboxdExport([['Inception', 2010, '2024-07-01'], ['Zzyzx Qwerty Unfilmed', 1999, '2024-07-02']]), 'letterboxd.zip');
    expect(response.body).toMatchObject({ format: 'letterboxd', status: 'ready', titles: { matched: 1, unmatched: 1 } });
    const unmatched = await call('GET', `/api/v1/imports/${response.body.id}/titles?status=unmatched`, { token: ivy.accessToken });
    expect(unmatched.body).toMatchObject({ total: 1, results: [{ title: 'Zzyzx Qwerty Unfilmed', year: 1999, status: 'unmatched', how: expect.stringContaining('No movie on TMDB is close') }] });
    const matched = await call('GET', `/api/v1/imports/${response.body.id}/titles?status=matched`, { token: ivy.accessToken });
    expect(matched.body.results[0]).toMatchObject({ title: 'Inception', how: 'title and year', confidence: expect.any(Number), show: { title: 'Inception', year: 2010 } });

    const key = unmatched.body.results[0].title_key;
    const [show] = await query<{ id: string }>("SELECT id FROM shows WHERE tmdb_id = 1396 AND media_type = 'tv'");
    const wrongKind = await call('POST', `/api/v1/imports/${response.body.id}/choices`, { token: ivy.accessToken, json: { title_key: key, show_id: show!.id } });
    expectErrorEnvelope(wrongKind, 422, 'bad_request');
    const chosen = await call('POST', `/api/v1/imports/${response.body.id}/choices`, { token: ivy.accessToken, json: { title_key: key, show_id: matched.body.results[0].show.id } });
    expect(chosen.body.titles).toMatchObject({ matched: 2, unmatched: 0 });

    const committed = await commit(ivy, response.body.id);
    expect(committed.body.added).toMatchObject({ watches: 2, not_matched: 0 });
    const days = await query<{ watched_on: string }>('SELECT watched_on::text FROM watches WHERE user_id = $1 ORDER BY watched_on', [ivy.id]);
    expect(days.map((row) => row.watched_on)).toEqual(['2024-07-01', '2024-07-02']);
    expect(await query('SELECT 1 FROM watches WHERE user_id = $1 AND watched_at IS NOT NULL', [ivy.id])).toEqual([]);
  });

  it('keeps an entry whose date no calendar has, without the date, and says so', async () => {
    const pia = await signUp();
    const response = await upload(pia, traktExport([episodePlay(9006, 1, 3, '2024-02-30T10:00:00.000Z')]));
    expect(response.status).toBe(201);
    expect(response.body.notices).toContain('1 entry has a date no calendar has; it was kept without a date.');
    expect((await commit(pia, response.body.id)).body).toMatchObject({ status: 'committed', added: { watches: 5 } });
    const [watch] = await query<{ watched_at: Date | null; watched_on: string | null }>(
      'SELECT watched_at, watched_on FROM watches WHERE user_id = $1 AND episode_number = 3',
      [pia.id],
    );
    expect(watch).toEqual({ watched_at: null, watched_on: null });
  });

  it('leaves out a title the person skips', async () => {
    const jo = await signUp();
    const { body } = await upload(jo, letterboxdExport([['Inception', 2010, '2024-07-01']]), 'letterboxd.zip');
    const titles = await call('GET', `/api/v1/imports/${body.id}/titles`, { token: jo.accessToken });
    await call('POST', `/api/v1/imports/${body.id}/choices`, { token: jo.accessToken, json: { title_key: titles.body.results[0].title_key, show_id: null } });
    // The diary row is a watch and a rating: both left out.
    expect((await commit(jo, body.id)).body.added).toMatchObject({ watches: 0, ratings: 0, not_matched: 2 });
  });
});

describe('what an archive holds beyond history', () => {
  it('never reads or stores TV Time’s tokens, password hashes or addresses', async () => {
    const kim = await signUp();
    const secrets = ['tok-SECRET-access-7f3a', '$2a$10$SECRETHASHSECRETHASH', '203.0.113.77'];
    const zip = writeZip([
      {
        name: 'gdpr-data/tracking-prod-records-v2.csv',
        text: [
          'created_at,user_id,key,s_id,s_no,ep_no,ep_id,series_name,is_followed',
          '2024-06-10 06:13:20,0,user-series-11111111-1111-4111-8111-111111111111,81189,,,,Breaking Bad,true',
          '2024-06-11 06:13:20,0,watch-episode-11111111-1111-4111-8111-111111111111-22222222-2222-4222-8222-222222222222,81189,1,2,9000002,Breaking Bad,',
        ].join('\n'),
      },
      { name: 'gdpr-data/access_token.csv', text: `token,created_at\n${secrets[0]},2024-01-01` },
      { name: 'gdpr-data/auth-prod-login.csv', text: `email,password_hash\nkim@example.invalid,${secrets[1]}` },
      { name: 'gdpr-data/ip_address.csv', text: `ip,created_at\n${secrets[2]},2024-01-01` },
    ]);
    const response = await upload(kim, zip, 'gdpr-data.zip');
    expect(response.body).toMatchObject({ format: 'tvtime-gdpr', records: { episode_watch: 1, follow: 1 } });
    const stored = await query<{ text: string }>(
      `SELECT row_to_json(b)::text AS text FROM import_batches b WHERE b.user_id = $1
       UNION ALL SELECT row_to_json(r)::text FROM import_records r JOIN import_batches b ON b.id = r.batch_id WHERE b.user_id = $1
       UNION ALL SELECT row_to_json(t)::text FROM import_titles t JOIN import_batches b ON b.id = t.batch_id WHERE b.user_id = $1`,
      [kim.id],
    );
    const everything = stored.map((row) => row.text).join('\n');
    expect(everything).toContain('Breaking Bad');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(JSON.stringify(response.body)).not.toMatch(/SECRET|203\.0\.113/);
  });

  it('tells a password-protected archive apart from a broken one', async () => {
    const lee = await signUp();
    const zip = traktExport();
    // General-purpose flag bit 0 (encrypted) on every local and central header.
    for (let at = 0; at < zip.length - 4; at++) {
      const signature = zip[at]! | (zip[at + 1]! << 8) | (zip[at + 2]! << 16) | (zip[at + 3]! << 24);
      if (signature === 0x04034b50) zip[at + 6]! |= 1;
      if (signature === 0x02014b50) zip[at + 8]! |= 1;
    }
    const response = await upload(lee, zip);
    expectErrorEnvelope(response, 422, 'password_protected');
    expect(response.body.error.message).toMatch(/password/i);
  });
});

describe('imports on the queue', () => {
  it('runs the remaining steps, then tells the person once, however often the last step comes again', async () => {
    const mo = await signUp();
    const { body } = await upload(mo, traktExport());
    // As if matching had gone to the queue: every title pending again.
    await query("UPDATE import_titles SET status = 'pending', show_id = NULL WHERE batch_id = $1", [body.id]);
    await query("UPDATE import_batches SET status = 'matching', matched_titles = 0 WHERE id = $1", [body.id]);
    const services = openServices(TEST_ENV, { logger: createLogger({ test: 'imports' }) });
    const sent: unknown[] = [];
    const deps = { ...services, enqueue: async (message: unknown) => void sent.push(message) };
    try {
      await runImportStep(deps, { type: 'import.match', batchId: body.id });
      await runImportStep(deps, { type: 'import.match', batchId: body.id });
      const ready = await call('GET', `/api/v1/imports/${body.id}`, { token: mo.accessToken });
      expect(ready.body).toMatchObject({ status: 'ready', titles: { matched: 4, pending: 0 }, progress: { stage: 'done' } });

      await query("UPDATE import_batches SET status = 'committing' WHERE id = $1", [body.id]);
      await runImportStep(deps, { type: 'import.commit', batchId: body.id });
      await runImportStep(deps, { type: 'import.commit', batchId: body.id });
      expect(sent).toEqual([]);
      expect(await watchesOf(mo.id)).toHaveLength(4);
    } finally {
      await services.close();
    }
    const notes = await query<{ title: string; body: string; payload: { url: string; import_stage: string } }>(
      'SELECT title, body, payload FROM notifications WHERE user_id = $1 ORDER BY created_at',
      [mo.id],
    );
    expect(notes.map((note) => [note.title, note.payload.import_stage, note.payload.url])).toEqual([
      ['Your import is ready to review', 'ready', `/settings/import?import=${body.id}`],
      ['Your import is done', 'committed', `/settings/import?import=${body.id}`],
    ]);
    expect(notes[1]!.body).toBe('4 watches, 0 shows followed, 1 on your watchlist and 1 ratings added.');
  });

  it('marks an import failed, with what happened, when its step is given up on', async () => {
    const ned = await signUp();
    const { body } = await upload(ned, traktExport());
    await query("UPDATE import_batches SET status = 'committing' WHERE id = $1", [body.id]);
    const batch = createMessageBatch(QUEUES.deadLetter, [
      { id: 'dead-1', timestamp: new Date(), attempts: 6, body: { type: 'import.commit', batchId: body.id } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, TEST_ENV);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['dead-1']);
    const failed = await call('GET', `/api/v1/imports/${body.id}`, { token: ned.accessToken });
    expect(failed.body).toMatchObject({ status: 'failed', error: expect.stringContaining('can be undone') });
    expect((await undo(ned, body.id)).body.status).toBe('undone');
  });
});

