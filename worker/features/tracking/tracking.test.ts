import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp } from '../../test-helpers.ts';

/** A stored show with upcoming episodes: found through search, so only its summary is stored at first. */
async function showFromSearch(q: string, tmdbId: number): Promise<string> {
  const response = await call('GET', `/api/v1/shows/search?q=${encodeURIComponent(q)}&type=tv`);
  const hit = response.body.results.find((item: { tmdb_id: number }) => item.tmdb_id === tmdbId);
  if (!hit) throw new Error(`no ${q}`);
  return hit.id;
}

/** Due `hours` before the event, or right away when that moment has already passed. */
function expectScheduledAt(notification: { scheduled_for: Date; event_date: Date }, hours: number) {
  const wanted = notification.event_date.getTime() - hours * 3600_000;
  if (wanted > Date.now() + 60_000) expect(notification.scheduled_for.getTime()).toBe(wanted);
  else expect(notification.scheduled_for.getTime()).toBeLessThanOrEqual(Date.now());
}

const track = (token: string, json: unknown) => call('POST', '/api/v1/tracking', { token, json });

const pendingFor = (userId: string, showId: string) =>
  query<{ scheduled_for: Date; event_date: Date; all_day: boolean }>(
    `SELECT n.scheduled_for, te.event_date, te.all_day FROM notifications n JOIN timeline_events te ON te.id = n.timeline_event_id
     WHERE n.user_id = $1 AND te.show_id = $2 AND n.status = 'pending' ORDER BY te.event_date`,
    [userId, showId],
  );

describe('POST /tracking', () => {
  it('tracks a show: fetches it, bumps its priority, and schedules its upcoming episodes', async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const ada = await signUp({ timezone: 'Europe/London' });
    const [before] = await query<{ sync_priority: number }>('SELECT sync_priority FROM shows WHERE id = $1', [showId]);

    const response = await track(ada.accessToken, { show_id: showId, notify_hours_before: 1 });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ show: { id: showId, title: 'The Last of Us' }, notify_hours_before: 1, is_favorite: false });
    expect(response.body.next_episode).not.toBeNull();

    const [after] = await query<{ sync_priority: number; details_synced_at: Date | null }>(
      'SELECT sync_priority, details_synced_at FROM shows WHERE id = $1',
      [showId],
    );
    expect(after!.sync_priority).toBe(before!.sync_priority + 1);
    expect(after!.details_synced_at).not.toBeNull();

    const pending = await pendingFor(ada.id, showId);
    expect(pending.length).toBeGreaterThan(0);
    for (const notification of pending) {
      expect(notification.event_date.getTime()).toBeGreaterThan(Date.now());
      expectScheduledAt(notification, 1);
    }
  });

  it('is idempotent: tracking twice answers 200 and duplicates nothing', async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const bob = await signUp();
    expect((await track(bob.accessToken, { show_id: showId })).status).toBe(201);
    const again = await track(bob.accessToken, { show_id: showId, notify_hours_before: 5 });
    expect(again.status).toBe(200);
    expect(again.body.notify_hours_before).toBe(0);
    expect(await query('SELECT 1 FROM user_tracked_shows WHERE user_id = $1', [bob.id])).toHaveLength(1);
    const pending = await pendingFor(bob.id, showId);
    expect(new Set(pending.map((item) => item.event_date.getTime())).size).toBe(pending.length);
  });

  it.each([
    ['a malformed show id', { show_id: 'nope' }],
    ['hours before out of range', { show_id: '00000000-0000-4000-8000-000000000000', notify_hours_before: 169 }],
    ['negative hours', { show_id: '00000000-0000-4000-8000-000000000000', notify_hours_before: -1 }],
    ['fractional hours', { show_id: '00000000-0000-4000-8000-000000000000', notify_hours_before: 1.5 }],
    ['an unknown field', { show_id: '00000000-0000-4000-8000-000000000000', notify_everyone: true }],
  ])('rejects %s with 400', async (_name, json) => {
    const account = await signUp();
    expectErrorEnvelope(await track(account.accessToken, json), 400, 'validation_failed');
  });

  it('answers 404 for a show that does not exist, and 401 without a token', async () => {
    const account = await signUp();
    expectErrorEnvelope(await track(account.accessToken, { show_id: crypto.randomUUID() }), 404, 'not_found');
    expectErrorEnvelope(await call('POST', '/api/v1/tracking', { json: { show_id: crypto.randomUUID() } }), 401, 'unauthorized');
  });
});

describe('PATCH /tracking/:show_id', () => {
  it('moves pending notifications when notify_hours_before changes, and drops them when turned off', async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const cy = await signUp();
    await track(cy.accessToken, { show_id: showId });
    const atAir = await pendingFor(cy.id, showId);

    const earlier = await call('PATCH', `/api/v1/tracking/${showId}`, { token: cy.accessToken, json: { notify_hours_before: 24 } });
    expect(earlier.status).toBe(200);
    const moved = await pendingFor(cy.id, showId);
    expect(moved).toHaveLength(atAir.length);
    for (const notification of moved) expectScheduledAt(notification, 24);

    await call('PATCH', `/api/v1/tracking/${showId}`, {
      token: cy.accessToken,
      json: { notify_new_episode: false, notify_new_season: false },
    });
    expect(await pendingFor(cy.id, showId)).toHaveLength(0);
  });

  it('takes no watched progress, which the history records, and refuses an empty change', async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const dee = await signUp();
    await track(dee.accessToken, { show_id: showId });
    const refused = await call('PATCH', `/api/v1/tracking/${showId}`, {
      token: dee.accessToken,
      json: { last_watched_season: 1, last_watched_episode: 3 },
    });
    expectErrorEnvelope(refused, 400, 'validation_failed');
    expect(await query('SELECT 1 FROM watches WHERE user_id = $1', [dee.id])).toEqual([]);
    expectErrorEnvelope(await call('PATCH', `/api/v1/tracking/${showId}`, { token: dee.accessToken, json: {} }), 400, 'validation_failed');
  });

  it('answers progress derived from the history: the highest watched regular-season episode', async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const ema = await signUp();
    await track(ema.accessToken, { show_id: showId });
    const listed = async () => (await call('GET', '/api/v1/tracking', { token: ema.accessToken })).body.results[0];
    expect(await listed()).toMatchObject({ last_watched_season: null, last_watched_episode: null });
    const marked = await call('POST', `/api/v1/history/shows/${showId}/up-to`, {
      token: ema.accessToken,
      json: { season_number: 1, episode_number: 3 },
    });
    expect(marked.body).toMatchObject({ added: 3, last_watched_season: 1, last_watched_episode: 3 });
    expect(await listed()).toMatchObject({ last_watched_season: 1, last_watched_episode: 3 });
    const favorite = await call('POST', `/api/v1/tracking/${showId}/favorite`, { token: ema.accessToken });
    expect(favorite.body).toMatchObject({ last_watched_season: 1, last_watched_episode: 3 });
  });

  it("cannot change or see another person's tracking", async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const [eve, fay] = [await signUp(), await signUp()];
    await track(eve.accessToken, { show_id: showId });
    expectErrorEnvelope(
      await call('PATCH', `/api/v1/tracking/${showId}`, { token: fay.accessToken, json: { notify_hours_before: 3 } }),
      404,
      'not_found',
    );
    expectErrorEnvelope(await call('DELETE', `/api/v1/tracking/${showId}`, { token: fay.accessToken }), 404, 'not_found');
    expectErrorEnvelope(await call('POST', `/api/v1/tracking/${showId}/favorite`, { token: fay.accessToken }), 404, 'not_found');
    expect((await call('GET', '/api/v1/tracking', { token: fay.accessToken })).body.results).toEqual([]);
    expect((await call('GET', '/api/v1/tracking', { token: eve.accessToken })).body.results).toHaveLength(1);
  });
});

describe('DELETE /tracking/:show_id', () => {
  it("untracks, dropping that person's pending notifications and lowering the priority", async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const gus = await signUp();
    await track(gus.accessToken, { show_id: showId });
    expect((await pendingFor(gus.id, showId)).length).toBeGreaterThan(0);
    const [before] = await query<{ sync_priority: number }>('SELECT sync_priority FROM shows WHERE id = $1', [showId]);

    expect((await call('DELETE', `/api/v1/tracking/${showId}`, { token: gus.accessToken })).status).toBe(204);
    expect(await pendingFor(gus.id, showId)).toHaveLength(0);
    const [after] = await query<{ sync_priority: number }>('SELECT sync_priority FROM shows WHERE id = $1', [showId]);
    expect(after!.sync_priority).toBe(before!.sync_priority - 1);
    expectErrorEnvelope(await call('DELETE', `/api/v1/tracking/${showId}`, { token: gus.accessToken }), 404, 'not_found');
  });

  it('keeps what the person watched: history is apart from tracking, and tracking again shows the same progress', async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const ida = await signUp();
    await track(ida.accessToken, { show_id: showId });
    const season = await call('POST', `/api/v1/history/shows/${showId}/seasons/1`, { token: ida.accessToken });
    expect(season.body.added).toBeGreaterThan(0);
    const before = await query('SELECT id FROM watches WHERE user_id = $1 ORDER BY id', [ida.id]);

    expect((await call('DELETE', `/api/v1/tracking/${showId}`, { token: ida.accessToken })).status).toBe(204);
    expect(await query('SELECT id FROM watches WHERE user_id = $1 ORDER BY id', [ida.id])).toEqual(before);
    const history = await call('GET', `/api/v1/history?show_id=${showId}`, { token: ida.accessToken });
    expect(history.body.watches).toHaveLength(before.length);

    const again = await track(ida.accessToken, { show_id: showId });
    expect(again.body).toMatchObject({ last_watched_season: season.body.last_watched_season, last_watched_episode: season.body.last_watched_episode });
  });
});

describe('favorites', () => {
  it('toggles a favorite and lists favorites only', async () => {
    const showId = await showFromSearch('the last of us', 100088);
    const otherId = await showFromSearch('slow horses', 95480);
    const hal = await signUp();
    await track(hal.accessToken, { show_id: showId });
    await track(hal.accessToken, { show_id: otherId });
    const on = await call('POST', `/api/v1/tracking/${showId}/favorite`, { token: hal.accessToken });
    expect(on.body.is_favorite).toBe(true);
    const favorites = await call('GET', '/api/v1/tracking/favorites', { token: hal.accessToken });
    expect(favorites.body.results.map((item: { show: { id: string } }) => item.show.id)).toEqual([showId]);
    const all = await call('GET', '/api/v1/tracking', { token: hal.accessToken });
    expect(all.body.results[0].show.id).toBe(showId);
    expect(all.body.results).toHaveLength(2);
    const off = await call('POST', `/api/v1/tracking/${showId}/favorite`, { token: hal.accessToken });
    expect(off.body.is_favorite).toBe(false);
    expectErrorEnvelope(await call('POST', '/api/v1/tracking/not-a-uuid/favorite', { token: hal.accessToken }), 400, 'validation_failed');
  });
});

describe('date-only episodes', () => {
  it('notify at the start of their day in the person’s zone, re-timed when the zone changes', async () => {
    const showId = await showFromSearch('stranger things', 66732);
    const ivy = await signUp({ timezone: 'Pacific/Auckland' });
    await track(ivy.accessToken, { show_id: showId });
    const startOfDay = (day: string, zone: string) => {
      const instant = Date.parse(`${day}T00:00:00Z`);
      // The zone's offset at that moment, read back through Intl.
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(instant);
      const get = (type: string) => Number(parts.find((part) => part.type === type)!.value);
      const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - instant;
      return instant - offset;
    };
    const dropped = () =>
      query<{ scheduled_for: Date; air_date: string }>(
        `SELECT n.scheduled_for, to_char(te.air_date, 'YYYY-MM-DD') AS air_date FROM notifications n
         JOIN timeline_events te ON te.id = n.timeline_event_id
         WHERE n.user_id = $1 AND te.show_id = $2 AND te.all_day AND n.status = 'pending'`,
        [ivy.id, showId],
      );
    const inAuckland = await dropped();
    expect(inAuckland.length).toBeGreaterThan(0);
    for (const row of inAuckland) expect(row.scheduled_for.getTime()).toBe(startOfDay(row.air_date, 'Pacific/Auckland'));

    expect((await call('PATCH', '/api/v1/me', { token: ivy.accessToken, json: { timezone: 'America/Los_Angeles' } })).status).toBe(200);
    const inLosAngeles = await dropped();
    expect(inLosAngeles).toHaveLength(inAuckland.length);
    for (const row of inLosAngeles) expect(row.scheduled_for.getTime()).toBe(startOfDay(row.air_date, 'America/Los_Angeles'));
  });
});

describe('deleting an account', () => {
  it('takes its trackers off its shows’ sync priority', async () => {
    const showId = await showFromSearch('slow horses', 95480);
    const jo = await signUp();
    await track(jo.accessToken, { show_id: showId });
    const [before] = await query<{ sync_priority: number }>('SELECT sync_priority FROM shows WHERE id = $1', [showId]);
    expect((await call('DELETE', '/api/v1/me', { token: jo.accessToken, json: { current_password: jo.password } })).status).toBe(204);
    const [after] = await query<{ sync_priority: number }>('SELECT sync_priority FROM shows WHERE id = $1', [showId]);
    expect(after!.sync_priority).toBe(before!.sync_priority - 1);
  });

  it('deletes its watch history with it', async () => {
    const showId = await showFromSearch('slow horses', 95480);
    const kit = await signUp();
    const stays = await signUp();
    for (const person of [kit, stays]) {
      await track(person.accessToken, { show_id: showId });
      const marked = await call('POST', `/api/v1/history/shows/${showId}/seasons/1`, { token: person.accessToken });
      expect(marked.body.added).toBeGreaterThan(0);
    }
    expect((await call('DELETE', '/api/v1/me', { token: kit.accessToken, json: { current_password: kit.password } })).status).toBe(204);
    expect(await query('SELECT 1 FROM watches WHERE user_id = $1', [kit.id])).toEqual([]);
    expect((await query('SELECT 1 FROM watches WHERE user_id = $1', [stays.id])).length).toBeGreaterThan(0);
  });
});
