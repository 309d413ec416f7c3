// The export: the versioned document, the CSV bundle, and the round trip
// (export, import into a fresh account, export again: the same library).
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp, type TestAccount } from '../../test-helpers.ts';
import { readUpload } from '../imports/archive/zip.ts';
import { parseCsv } from '../imports/archive/csv.ts';
import { traktExport, upload } from '../imports/imports.fixtures.ts';
import { ExportDocument } from './export.schema.ts';

const exportJson = (account: TestAccount) => call('GET', '/api/v1/export', { token: account.accessToken });

/** A person with a bit of everything: an imported Trakt history, a followed show with its own settings, a note on the watchlist, a list. */
async function personWithLibrary(): Promise<TestAccount> {
  const ada = await signUp();
  const { body } = await upload(ada, traktExport());
  await call('POST', `/api/v1/imports/${body.id}/commit`, { token: ada.accessToken });
  const [show] = await query<{ id: string }>("SELECT id FROM shows WHERE tmdb_id = 1396 AND media_type = 'tv'");
  const followed = await call('POST', '/api/v1/tracking', {
    token: ada.accessToken,
    json: { show_id: show!.id, is_favorite: true, notify_hours_before: 2, notify_status_change: false },
  });
  expect(followed.status).toBe(201);
  await query("UPDATE watchlist_items SET note = 'Recommended by Sam' WHERE user_id = $1", [ada.id]);
  const [list] = await query<{ id: string }>("INSERT INTO user_lists (user_id, name) VALUES ($1, 'Comfort, rewatch') RETURNING id", [ada.id]);
  await query("INSERT INTO user_list_items (list_id, user_id, show_id, added_at) VALUES ($1, $2, $3, '2024-02-02T02:02:02Z')", [list!.id, ada.id, show!.id]);
  return ada;
}

describe('GET /export', () => {
  it('gives the whole library as the versioned document, with no secrets in it', async () => {
    const ada = await personWithLibrary();
    const response = await exportJson(ada);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="showtracker-export-\d{4}-\d{2}-\d{2}\.json"$/);
    const document = ExportDocument.parse(response.body);
    expect(document).toMatchObject({ format: 'showtracker-export', version: 1, account: { username: ada.username } });
    expect(document.library.watches).toHaveLength(4);
    expect(document.library.follows).toEqual([
      { title: 'tv:tmdb:1396', favorite: true, notify: { new_episode: true, new_season: true, status_change: false, hours_before: 2 }, since: expect.any(String) },
    ]);
    expect(document.library.watchlist).toEqual([{ title: 'tv:tmdb:100088', note: 'Recommended by Sam', added_at: '2024-04-01T10:00:00.000Z' }]);
    expect(document.library.ratings).toEqual([{ title: 'movie:tmdb:496243', season: null, episode: null, rating: 9, rated_at: '2024-05-01T08:00:00.000Z', rated_on: null }]);
    expect(document.library.lists).toEqual([{ name: 'Comfort, rewatch', items: [{ title: 'tv:tmdb:1396', added_at: '2024-02-02T02:02:02.000Z' }] }]);
    const text = JSON.stringify(response.body);
    for (const secret of ['password', 'token', 'p256dh', 'auth_secret', 'feed']) expect(text).not.toContain(secret);
  });

  it('imports back into a fresh account and exports again to the same library', async () => {
    const ada = await personWithLibrary();
    const first = ExportDocument.parse((await exportJson(ada)).body);

    const bea = await signUp();
    const bytes = new TextEncoder().encode(JSON.stringify(first));
    const preview = await upload(bea, bytes, 'showtracker-export.json');
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ format: 'showtracker', status: 'ready', titles: { unmatched: 0, ambiguous: 0 } });
    const committed = await call('POST', `/api/v1/imports/${preview.body.id}/commit`, { token: bea.accessToken });
    expect(committed.body.added).toMatchObject({ watches: 4, follows: 1, watchlist: 1, ratings: 1, list_entries: 1, not_placed: 0 });

    const second = ExportDocument.parse((await exportJson(bea)).body);
    expect(second.library).toEqual(first.library);
    expect(JSON.stringify(second.library)).toBe(JSON.stringify(first.library));
  });

  it('gives CSVs in a ZIP, one per section, with titles spelled out', async () => {
    const ada = await personWithLibrary();
    const response = await call('GET', '/api/v1/export?format=csv', { token: ada.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/zip');
    // call() reads the body as text; fetch the bytes again for the archive.
    const raw = await (await import('cloudflare:workers')).exports.default.fetch(
      new Request('http://localhost/api/v1/export?format=csv', { headers: { Authorization: `Bearer ${ada.accessToken}` } }),
    );
    const files = await readUpload(new Uint8Array(await raw.arrayBuffer()));
    const byName = new Map(files.map((file) => [file.name, new TextDecoder().decode(file.bytes)]));
    expect([...byName.keys()].sort()).toEqual(['README.txt', 'account.csv', 'following.csv', 'lists.csv', 'ratings.csv', 'watches.csv', 'watchlist.csv']);
    const watches = parseCsv(byName.get('watches.csv')!);
    expect(watches.rows).toHaveLength(4);
    expect(watches.rows.find((row) => row.title === 'Breaking Bad')).toMatchObject({ media_type: 'tv', tmdb_id: '1396', season: '1', episode: '1' });
    expect(watches.rows.find((row) => row.title === 'Inception')).toMatchObject({ media_type: 'movie', season: '', watched_at: '2024-02-10T19:30:00.000Z' });
    expect(parseCsv(byName.get('lists.csv')!).rows[0]).toMatchObject({ list: 'Comfort, rewatch', title: 'Breaking Bad' });
  });

  it('holds only the person’s own data, and needs a token', async () => {
    await personWithLibrary();
    const cy = await signUp();
    const document = ExportDocument.parse((await exportJson(cy)).body);
    expect(document.library).toEqual({ titles: [], watches: [], follows: [], watchlist: [], ratings: [], lists: [] });
    expectErrorEnvelope(await call('GET', '/api/v1/export'), 401, 'unauthorized');
    expectErrorEnvelope(await call('GET', '/api/v1/export?format=xml', { token: cy.accessToken }), 400, 'validation_failed');
  });
});
