import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp } from '../../test-helpers.ts';

/** A title found through search: stored as a summary only until someone needs its details. */
async function fromSearch(q: string, type: 'tv' | 'movie', tmdbId: number): Promise<string> {
  const response = await call('GET', `/api/v1/shows/search?q=${encodeURIComponent(q)}&type=${type}`);
  const hit = response.body.results.find((item: { tmdb_id: number }) => item.tmdb_id === tmdbId);
  if (!hit) throw new Error(`no ${q}`);
  return hit.id;
}

const add = (token: string, json: unknown) => call('POST', '/api/v1/watchlist', { token, json });
const list = (token: string, type = '') => call('GET', `/api/v1/watchlist${type ? `?type=${type}` : ''}`, { token });
const listed = async (token: string, type = '') =>
  (await list(token, type)).body.results.map((item: { show: { id: string } }) => item.show.id) as string[];

describe('POST /watchlist', () => {
  it('puts a search result on the list, fetching its details as tracking does', async () => {
    const movieId = await fromSearch('parasite', 'movie', 496243);
    await query('UPDATE shows SET details_synced_at = NULL WHERE id = $1', [movieId]);
    const ada = await signUp();

    const response = await add(ada.accessToken, { show_id: movieId, note: '  Recommended by Sam  ' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      show: { id: movieId, media_type: 'movie', title: 'Parasite' },
      note: 'Recommended by Sam',
      added_at: expect.any(String),
    });
    const [row] = await query<{ details_synced_at: Date | null }>('SELECT details_synced_at FROM shows WHERE id = $1', [movieId]);
    expect(row!.details_synced_at).not.toBeNull();
    const logged = await query("SELECT 1 FROM sync_log WHERE show_id = $1 AND source = 'tmdb:watchlist'", [movieId]);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('is idempotent: adding again answers 200 with the item as it was, and stores one row', async () => {
    const showId = await fromSearch('severance', 'tv', 95396);
    const bob = await signUp();
    const first = await add(bob.accessToken, { show_id: showId, note: 'first' });
    expect(first.status).toBe(201);
    const again = await add(bob.accessToken, { show_id: showId, note: 'second' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await query('SELECT 1 FROM watchlist_items WHERE user_id = $1', [bob.id])).toHaveLength(1);
  });

  it.each([
    ['a malformed show id', { show_id: 'nope' }],
    ['no show id', {}],
    ['a note too long', { show_id: '00000000-0000-4000-8000-000000000000', note: 'x'.repeat(201) }],
    ['a note that is not text', { show_id: '00000000-0000-4000-8000-000000000000', note: 5 }],
    ['an unknown field', { show_id: '00000000-0000-4000-8000-000000000000', priority: 1 }],
  ])('rejects %s with 400', async (_name, json) => {
    const account = await signUp();
    expectErrorEnvelope(await add(account.accessToken, json), 400, 'validation_failed');
  });

  it('answers 404 for a show that does not exist, and 401 without a token', async () => {
    const account = await signUp();
    expectErrorEnvelope(await add(account.accessToken, { show_id: crypto.randomUUID() }), 404, 'not_found');
    expectErrorEnvelope(await call('POST', '/api/v1/watchlist', { json: { show_id: crypto.randomUUID() } }), 401, 'unauthorized');
  });
});

describe('GET /watchlist', () => {
  it('lists newest first, filtered by media type, and only the person’s own', async () => {
    const showId = await fromSearch('the last of us', 'tv', 100088);
    const movieId = await fromSearch('barbie', 'movie', 346698);
    const [cy, dee] = [await signUp(), await signUp()];
    await add(cy.accessToken, { show_id: showId });
    await add(cy.accessToken, { show_id: movieId });

    const all = await list(cy.accessToken);
    expect(all.status).toBe(200);
    expect(all.body.results.map((item: { show: { id: string } }) => item.show.id)).toEqual([movieId, showId]);
    expect(all.body.results[1]).toMatchObject({ show: { title: 'The Last of Us', media_type: 'tv' }, note: null });
    expect(await listed(cy.accessToken, 'tv')).toEqual([showId]);
    expect(await listed(cy.accessToken, 'movie')).toEqual([movieId]);
    expect(await listed(cy.accessToken, 'all')).toEqual([movieId, showId]);

    expect(await listed(dee.accessToken)).toEqual([]);
    expectErrorEnvelope(await list(cy.accessToken, 'anime'), 400, 'validation_failed');
    expectErrorEnvelope(await call('GET', '/api/v1/watchlist'), 401, 'unauthorized');
  });
});

describe('GET /watchlist/:show_id', () => {
  it('says whether a title is on the person’s list, never another person’s', async () => {
    const showId = await fromSearch('slow horses', 'tv', 95480);
    const [eve, fay] = [await signUp(), await signUp()];
    const off = await call('GET', `/api/v1/watchlist/${showId}`, { token: eve.accessToken });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ show_id: showId, on_watchlist: false, note: null, added_at: null });

    const added = await add(eve.accessToken, { show_id: showId, note: 'after Severance' });
    const on = await call('GET', `/api/v1/watchlist/${showId}`, { token: eve.accessToken });
    expect(on.body).toEqual({ show_id: showId, on_watchlist: true, note: 'after Severance', added_at: added.body.added_at });

    const theirs = await call('GET', `/api/v1/watchlist/${showId}`, { token: fay.accessToken });
    expect(theirs.body).toMatchObject({ on_watchlist: false, note: null });
    expectErrorEnvelope(await call('GET', `/api/v1/watchlist/${crypto.randomUUID()}`, { token: eve.accessToken }), 404, 'not_found');
    expectErrorEnvelope(await call('GET', '/api/v1/watchlist/not-a-uuid', { token: eve.accessToken }), 400, 'validation_failed');
  });
});

describe('PATCH /watchlist/:show_id', () => {
  it('changes the note, clears it with null or an empty string, and never another person’s', async () => {
    const showId = await fromSearch('severance', 'tv', 95396);
    const [gus, hal] = [await signUp(), await signUp()];
    const patch = (token: string, json: unknown) => call('PATCH', `/api/v1/watchlist/${showId}`, { token, json });
    expectErrorEnvelope(await patch(gus.accessToken, { note: 'x' }), 404, 'not_found');
    await add(gus.accessToken, { show_id: showId });

    const noted = await patch(gus.accessToken, { note: 'season 2 first' });
    expect(noted.status).toBe(200);
    expect(noted.body).toMatchObject({ show: { id: showId }, note: 'season 2 first' });
    expect((await patch(gus.accessToken, { note: '   ' })).body.note).toBeNull();
    await patch(gus.accessToken, { note: 'again' });
    expect((await patch(gus.accessToken, { note: null })).body.note).toBeNull();

    expectErrorEnvelope(await patch(hal.accessToken, { note: 'mine now' }), 404, 'not_found');
    expectErrorEnvelope(await patch(gus.accessToken, {}), 400, 'validation_failed');
    expectErrorEnvelope(await patch(gus.accessToken, { note: 'x'.repeat(201) }), 400, 'validation_failed');
  });
});

describe('DELETE /watchlist/:show_id', () => {
  it('takes a title off, 404 when it is not on the list, and never touches another person’s', async () => {
    const showId = await fromSearch('the last of us', 'tv', 100088);
    const [ivy, jon] = [await signUp(), await signUp()];
    await add(ivy.accessToken, { show_id: showId });
    await add(jon.accessToken, { show_id: showId });

    expect((await call('DELETE', `/api/v1/watchlist/${showId}`, { token: ivy.accessToken })).status).toBe(204);
    expect(await listed(ivy.accessToken)).toEqual([]);
    expectErrorEnvelope(await call('DELETE', `/api/v1/watchlist/${showId}`, { token: ivy.accessToken }), 404, 'not_found');
    expect(await listed(jon.accessToken)).toEqual([showId]);

    const kim = await signUp();
    expectErrorEnvelope(await call('DELETE', `/api/v1/watchlist/${showId}`, { token: kim.accessToken }), 404, 'not_found');
    expect(await listed(jon.accessToken)).toEqual([showId]);
  });
});

describe('starting to watch', () => {
  it('tracking a title takes it off the watchlist and says so; other people’s lists stay', async () => {
    const showId = await fromSearch('the last of us', 'tv', 100088);
    const otherId = await fromSearch('slow horses', 'tv', 95480);
    const [lee, max] = [await signUp(), await signUp()];
    await add(lee.accessToken, { show_id: showId });
    await add(lee.accessToken, { show_id: otherId });
    await add(max.accessToken, { show_id: showId });

    const tracked = await call('POST', '/api/v1/tracking', { token: lee.accessToken, json: { show_id: showId } });
    expect(tracked.status).toBe(201);
    expect(tracked.body).toMatchObject({ show: { id: showId }, removed_from_watchlist: true });
    expect(await listed(lee.accessToken)).toEqual([otherId]);
    expect((await call('GET', `/api/v1/watchlist/${showId}`, { token: lee.accessToken })).body.on_watchlist).toBe(false);
    expect(await listed(max.accessToken)).toEqual([showId]);

    const again = await call('POST', '/api/v1/tracking', { token: lee.accessToken, json: { show_id: showId } });
    expect(again.status).toBe(200);
    expect(again.body.removed_from_watchlist).toBe(false);
  });

  it('a title already tracked may go on the watchlist, and tracking it again takes it off', async () => {
    const showId = await fromSearch('severance', 'tv', 95396);
    const ned = await signUp();
    const first = await call('POST', '/api/v1/tracking', { token: ned.accessToken, json: { show_id: showId } });
    expect(first.body.removed_from_watchlist).toBe(false);
    expect((await add(ned.accessToken, { show_id: showId })).status).toBe(201);
    const again = await call('POST', '/api/v1/tracking', { token: ned.accessToken, json: { show_id: showId } });
    expect(again.status).toBe(200);
    expect(again.body.removed_from_watchlist).toBe(true);
    expect(await listed(ned.accessToken)).toEqual([]);
  });
});

describe('deleting the account', () => {
  it('deletes its watchlist with it', async () => {
    const showId = await fromSearch('severance', 'tv', 95396);
    const oli = await signUp();
    await add(oli.accessToken, { show_id: showId });
    expect((await call('DELETE', '/api/v1/me', { token: oli.accessToken, json: { current_password: oli.password } })).status).toBe(204);
    expect(await query('SELECT 1 FROM watchlist_items WHERE user_id = $1', [oli.id])).toEqual([]);
  });
});
