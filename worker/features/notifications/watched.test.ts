// "Watched" from a notification: with the person's access token, or with the
// actions_token their push message carried (what the service worker sends).
// Either way a watch of the episode goes into the person's history, source
// push, once.
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp, stateVersion, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { signActionToken } from '../auth/tokens.ts';
import { addEpisodes, future, progressOf, watchesOf } from '../history/history.fixtures.ts';
import { addWatch, createShow, track } from '../timeline/timeline.fixtures.ts';
import { dispatchAll, messagesOf, subscribedPerson } from './push.fixtures.ts';

type Episode = { season: number; episode: number };

async function notification(userId: string, showId: string, episode: Episode | null, status = 'sent'): Promise<string> {
  const [row] = await query<{ id: string }>(
    `INSERT INTO notifications (user_id, title, body, status, sent_at, scheduled_for, payload)
     VALUES ($1, 'Show', 'text', $2, CASE WHEN $2 = 'pending' THEN NULL ELSE now() END, now(),
             jsonb_build_object('show_id', $3::text, 'event_type', $4::text, 'season_number', $5::int, 'episode_number', $6::int,
                                'all_day', false, 'url', '/shows/' || $3::text))
     RETURNING id`,
    [userId, status, showId, episode ? 'new_episode' : 'status_change', episode?.season ?? null, episode?.episode ?? null],
  );
  return row!.id;
}

const watched = (id: string, token?: string) => call('POST', `/api/v1/notifications/${id}/watched`, token ? { token } : {});
const unread = async (account: TestAccount) =>
  (await call('GET', '/api/v1/notifications/unread-count', { token: account.accessToken })).body.unread as number;

async function statusOf(id: string) {
  return (await query<{ status: string }>('SELECT status FROM notifications WHERE id = $1', [id]))[0]!.status;
}

/** A show whose seasons 1 to 3 have aired (12, 8 and 6 episodes) and whose season 4 airs next month. */
async function series(name: string) {
  const show = await createShow(name);
  await addEpisodes(show.id, 1, 1, 12);
  await addEpisodes(show.id, 2, 1, 8);
  await addEpisodes(show.id, 3, 1, 6);
  await addEpisodes(show.id, 4, 1, 2, future());
  return show;
}

/** A person tracking a show, who watched `seen` of it, with a sent notification about an episode. */
async function scene(seen: Episode[], episode: Episode | null = { season: 2, episode: 5 }) {
  const account = await signUp();
  const show = await series('Andor');
  await track(account.id, show.id);
  for (const item of seen) await addWatch(account.id, show.id, item);
  const id = await notification(account.id, show.id, episode);
  return { account, show, id };
}

describe('marking a notification watched with the access token', () => {
  it("records a watch of the notification's episode (source push), reads it, and drops the unread count", async () => {
    const { account, show, id } = await scene([{ season: 1, episode: 12 }]);
    expect(await unread(account)).toBe(1);
    const version = await stateVersion(account.id);

    const response = await watched(id, account.accessToken);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      notification: expect.objectContaining({ id, status: 'read', read_at: expect.any(String), show_id: show.id }),
      progress: { show_id: show.id, last_watched_season: 2, last_watched_episode: 5 },
    });
    const recorded = (await watchesOf(account.id, show.id)).filter((watch) => watch.season_number === 2);
    expect(recorded).toEqual([
      expect.objectContaining({ season_number: 2, episode_number: 5, episode_id: expect.any(String), source: 'push', watched_on: null }),
    ]);
    expect(Math.abs(recorded[0]!.watched_at!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await unread(account)).toBe(0);
    expect(await stateVersion(account.id)).toBeGreaterThan(version);
    expect(Number(response.headers.get('X-ShowTracker-State'))).toBe(await stateVersion(account.id));
    const tracked = await call('GET', '/api/v1/tracking', { token: account.accessToken });
    expect(tracked.body.results[0]).toMatchObject({ last_watched_season: 2, last_watched_episode: 5 });
  });

  it('is idempotent: a second call records no second watch', async () => {
    const { account, show, id } = await scene([]);
    const first = await watched(id, account.accessToken);
    const again = await watched(id, account.accessToken);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await watchesOf(account.id, show.id)).toHaveLength(1);
  });

  it.each([
    ['a later season', { season: 3, episode: 1 }],
    ['a later episode of the same season', { season: 2, episode: 7 }],
  ])('leaves the progress at %s already watched, records the episode, and reads the notification', async (_name, later) => {
    const { account, show, id } = await scene([later]);
    const response = await watched(id, account.accessToken);
    expect(response.status).toBe(200);
    expect(response.body.progress).toEqual({ show_id: show.id, last_watched_season: later.season, last_watched_episode: later.episode });
    expect((await watchesOf(account.id, show.id)).map((watch) => [watch.season_number, watch.episode_number])).toEqual(
      [[2, 5], [later.season, later.episode]].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
    );
    expect(await statusOf(id)).toBe('read');
  });

  it('adds no second watch of an episode already watched in the app, and still reads the notification', async () => {
    const { account, show, id } = await scene([{ season: 2, episode: 5 }]);
    expect((await watched(id, account.accessToken)).body.progress).toMatchObject({ last_watched_season: 2, last_watched_episode: 5 });
    expect(await watchesOf(account.id, show.id)).toEqual([expect.objectContaining({ season_number: 2, episode_number: 5, source: 'app' })]);
    expect(await statusOf(id)).toBe('read');
  });

  it("answers 404 for another person's notification and for an unknown id, recording nothing", async () => {
    const { account, show, id } = await scene([{ season: 1, episode: 1 }]);
    const stranger = await signUp();
    await track(stranger.id, show.id);
    expectErrorEnvelope(await watched(id, stranger.accessToken), 404, 'not_found');
    expectErrorEnvelope(await watched(crypto.randomUUID(), account.accessToken), 404, 'not_found');
    expect(await progressOf(account.id, show.id)).toEqual({ season: 1, episode: 1 });
    expect(await progressOf(stranger.id, show.id)).toBeNull();
    expect(await statusOf(id)).toBe('sent');
  });

  it('records the watch of a show no longer tracked: what was watched is apart from what is tracked', async () => {
    const { account, show, id } = await scene([]);
    expect((await call('DELETE', `/api/v1/tracking/${show.id}`, { token: account.accessToken })).status).toBe(204);
    const response = await watched(id, account.accessToken);
    expect(response.status).toBe(200);
    expect(response.body.progress).toEqual({ show_id: show.id, last_watched_season: 2, last_watched_episode: 5 });
    expect(await unread(account)).toBe(0);
  });

  it('answers 422 not_an_episode for a status change, 422 not_aired before the episode airs, 409 for one not sent yet', async () => {
    const status = await scene([], null);
    expectErrorEnvelope(await watched(status.id, status.account.accessToken), 422, 'not_an_episode');
    expect(await statusOf(status.id)).toBe('sent');

    const early = await scene([], { season: 4, episode: 1 });
    const refused = await watched(early.id, early.account.accessToken);
    expectErrorEnvelope(refused, 422, 'not_aired');
    expect(refused.body.error.message).toMatch(/^S04E01 has not aired yet; it airs on \d{4}-\d{2}-\d{2}\.$/);
    expect(await statusOf(early.id)).toBe('sent');

    const pending = await notification(early.account.id, early.show.id, { season: 3, episode: 1 }, 'pending');
    expectErrorEnvelope(await watched(pending, early.account.accessToken), 409, 'conflict');
    expect(await watchesOf(early.account.id, early.show.id)).toEqual([]);
  });

  it('answers 404 when the episode is no longer listed for the show', async () => {
    const { account, show } = await scene([]);
    const gone = await notification(account.id, show.id, { season: 9, episode: 1 });
    expectErrorEnvelope(await watched(gone, account.accessToken), 404, 'not_found');
    expect(await statusOf(gone)).toBe('sent');
  });

  it('answers 401 without a token and 400 for a malformed id', async () => {
    const { id, account } = await scene([]);
    expectErrorEnvelope(await watched(id), 401, 'unauthorized');
    expectErrorEnvelope(await watched('nope', account.accessToken), 400, 'validation_failed');
  });
});

describe("marking a notification watched with the push message's actions token", () => {
  /** Tracks a show, has two of its episodes notified through real web push, and returns what the device decrypted. */
  async function delivered() {
    const { account, subscription } = await subscribedPerson();
    const show = await series('Severance');
    await track(account.id, show.id);
    await addWatch(account.id, show.id, { season: 1, episode: 9 });
    const first = await notification(account.id, show.id, { season: 2, episode: 1 }, 'pending');
    const second = await notification(account.id, show.id, { season: 2, episode: 2 }, 'pending');
    await dispatchAll();
    const messages = await messagesOf(subscription.id);
    const tokenOf = (id: string) => messages.find((message) => message.json.id === id)!.json.actions_token as string;
    return { account, show, first, second, firstToken: tokenOf(first), secondToken: tokenOf(second) };
  }

  it('marks exactly that episode watched and the notification read, as the service worker would', async () => {
    const { account, show, first, firstToken } = await delivered();
    expect(await unread(account)).toBe(2);

    const response = await call('POST', `/api/v1/notifications/${first}/watched`, { headers: { Authorization: `Bearer ${firstToken}` } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      notification: { id: first, status: 'read' },
      progress: { show_id: show.id, last_watched_season: 2, last_watched_episode: 1 },
    });
    expect(await unread(account)).toBe(1);
    expect((await watched(first, firstToken)).status).toBe(200);
    expect(await progressOf(account.id, show.id)).toEqual({ season: 2, episode: 1 });
    expect((await watchesOf(account.id, show.id)).map((watch) => watch.source)).toEqual(['app', 'push']);
  });

  it('refuses the token for another notification, even of the same person', async () => {
    const { account, show, second, firstToken } = await delivered();
    expectErrorEnvelope(await watched(second, firstToken), 401, 'unauthorized');
    expect(await statusOf(second)).toBe('sent');
    expect(await progressOf(account.id, show.id)).toEqual({ season: 1, episode: 9 });
  });

  it('is no access token: not on /me, not for marking read', async () => {
    const { first, firstToken } = await delivered();
    expectErrorEnvelope(await call('GET', '/api/v1/me', { token: firstToken }), 401, 'unauthorized');
    expectErrorEnvelope(await call('PATCH', `/api/v1/notifications/${first}/read`, { token: firstToken }), 401, 'unauthorized');
    expectErrorEnvelope(await call('GET', '/api/v1/notifications', { token: firstToken }), 401, 'unauthorized');
  });

  it('refuses an expired token, and one signed with another key', async () => {
    const { account, id } = await scene([]);
    const grant = { userId: account.id, notificationId: id, action: 'watched' } as const;
    const expired = await signActionToken(grant, TEST_ENV.JWT_SECRET, Date.now() - 15 * 24 * 3600_000);
    expectErrorEnvelope(await watched(id, expired), 401, 'token_expired');
    const forged = await signActionToken(grant, 'somebody-elses-secret-0123456789abcdef');
    expectErrorEnvelope(await watched(id, forged), 401, 'unauthorized');
    expect(await statusOf(id)).toBe('sent');
  });

  it("answers 404 for a token naming someone else's notification as theirs", async () => {
    const { id } = await scene([]);
    const stranger = await signUp();
    const token = await signActionToken({ userId: stranger.id, notificationId: id, action: 'watched' }, TEST_ENV.JWT_SECRET);
    expectErrorEnvelope(await watched(id, token), 404, 'not_found');
    expect(await statusOf(id)).toBe('sent');
  });
});

describe('the OpenAPI document', () => {
  it('describes the route with both ways in', async () => {
    const doc = (await call('GET', '/api/openapi.json')).body;
    const operation = doc.paths['/api/v1/notifications/{id}/watched'].post;
    expect(operation.security).toEqual([{ bearer: [] }, { pushAction: [] }]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401', '404', '409', '422']));
    expect(doc.components.securitySchemes.pushAction).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/notifications/{id}/read'].patch.security).toEqual([{ bearer: [] }]);
  });
});
