// "Watched" from a notification: with the person's access token, or with the
// actions_token their push message carried (what the service worker sends).
import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { signActionToken } from '../auth/tokens.ts';
import { createShow, track } from '../timeline/timeline.fixtures.ts';
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

async function progressOf(userId: string, showId: string) {
  const [row] = await query<{ season: number | null; episode: number | null }>(
    'SELECT last_watched_season AS season, last_watched_episode AS episode FROM user_tracked_shows WHERE user_id = $1 AND show_id = $2',
    [userId, showId],
  );
  return row;
}

async function statusOf(id: string) {
  return (await query<{ status: string }>('SELECT status FROM notifications WHERE id = $1', [id]))[0]!.status;
}

/** A person tracking a show, at some progress, with a sent notification about an episode. */
async function scene(progress: Episode | null, episode: Episode | null = { season: 2, episode: 5 }) {
  const account = await signUp();
  const show = await createShow('Andor');
  await track(account.id, show.id, progress);
  const id = await notification(account.id, show.id, episode);
  return { account, show, id };
}

describe('marking a notification watched with the access token', () => {
  it("moves the progress to the notification's episode, reads it, and drops the unread count", async () => {
    const { account, show, id } = await scene({ season: 1, episode: 12 });
    expect(await unread(account)).toBe(1);
    const timelineVersion = await TEST_ENV.CACHE.get(`timeline-version:${account.id}`);

    const response = await watched(id, account.accessToken);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      notification: expect.objectContaining({ id, status: 'read', read_at: expect.any(String), show_id: show.id }),
      progress: { show_id: show.id, last_watched_season: 2, last_watched_episode: 5 },
    });
    expect(await progressOf(account.id, show.id)).toEqual({ season: 2, episode: 5 });
    expect(await unread(account)).toBe(0);
    expect(await TEST_ENV.CACHE.get(`timeline-version:${account.id}`)).not.toBe(timelineVersion);
    const tracked = await call('GET', '/api/v1/tracking', { token: account.accessToken });
    expect(tracked.body.results[0]).toMatchObject({ last_watched_season: 2, last_watched_episode: 5 });
  });

  it('is idempotent', async () => {
    const { account, id } = await scene(null);
    const first = await watched(id, account.accessToken);
    const again = await watched(id, account.accessToken);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it.each([
    ['a later season', { season: 3, episode: 1 }],
    ['a later episode of the same season', { season: 2, episode: 7 }],
    ['the same episode', { season: 2, episode: 5 }],
  ])('never moves progress back from %s, but still reads the notification', async (_name, progress) => {
    const { account, show, id } = await scene(progress);
    const response = await watched(id, account.accessToken);
    expect(response.status).toBe(200);
    expect(response.body.progress).toEqual({ show_id: show.id, last_watched_season: progress.season, last_watched_episode: progress.episode });
    expect(await progressOf(account.id, show.id)).toEqual(progress);
    expect(await statusOf(id)).toBe('read');
  });

  it('moves progress from "a season, no episode yet" and from nothing', async () => {
    const account = await signUp();
    const [started, fresh] = [await createShow('Started'), await createShow('Fresh')];
    await query('INSERT INTO user_tracked_shows (user_id, show_id, last_watched_season) VALUES ($1, $2, 2)', [account.id, started.id]);
    await track(account.id, fresh.id);
    const [a, b] = [await notification(account.id, started.id, { season: 2, episode: 1 }), await notification(account.id, fresh.id, { season: 1, episode: 1 })];
    expect((await watched(a, account.accessToken)).body.progress).toMatchObject({ last_watched_season: 2, last_watched_episode: 1 });
    expect((await watched(b, account.accessToken)).body.progress).toMatchObject({ last_watched_season: 1, last_watched_episode: 1 });
  });

  it("answers 404 for another person's notification and for an unknown id, changing nothing", async () => {
    const { account, show, id } = await scene({ season: 1, episode: 1 });
    const stranger = await signUp();
    await track(stranger.id, show.id);
    expectErrorEnvelope(await watched(id, stranger.accessToken), 404, 'not_found');
    expectErrorEnvelope(await watched(crypto.randomUUID(), account.accessToken), 404, 'not_found');
    expect(await progressOf(account.id, show.id)).toEqual({ season: 1, episode: 1 });
    expect(await progressOf(stranger.id, show.id)).toEqual({ season: null, episode: null });
    expect(await statusOf(id)).toBe('sent');
  });

  it('answers 422 not_an_episode for a status change, 409 not_tracked for an untracked show, 409 for one not sent yet', async () => {
    const status = await scene(null, null);
    expectErrorEnvelope(await watched(status.id, status.account.accessToken), 422, 'not_an_episode');
    expect(await statusOf(status.id)).toBe('sent');

    const untracked = await scene({ season: 1, episode: 1 });
    await call('DELETE', `/api/v1/tracking/${untracked.show.id}`, { token: untracked.account.accessToken });
    expectErrorEnvelope(await watched(untracked.id, untracked.account.accessToken), 409, 'not_tracked');
    expect(await statusOf(untracked.id)).toBe('sent');
    expect(await unread(untracked.account)).toBe(1);

    const early = await scene(null);
    const pending = await notification(early.account.id, early.show.id, { season: 3, episode: 1 }, 'pending');
    expectErrorEnvelope(await watched(pending, early.account.accessToken), 409, 'conflict');
    expect(await progressOf(early.account.id, early.show.id)).toEqual({ season: null, episode: null });
  });

  it('answers 401 without a token and 400 for a malformed id', async () => {
    const { id, account } = await scene(null);
    expectErrorEnvelope(await watched(id), 401, 'unauthorized');
    expectErrorEnvelope(await watched('nope', account.accessToken), 400, 'validation_failed');
  });
});

describe("marking a notification watched with the push message's actions token", () => {
  /** Tracks a show, has two of its episodes notified through real web push, and returns what the device decrypted. */
  async function delivered() {
    const { account, subscription } = await subscribedPerson();
    const show = await createShow('Severance');
    await track(account.id, show.id, { season: 1, episode: 9 });
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
    const { account, id } = await scene(null);
    const grant = { userId: account.id, notificationId: id, action: 'watched' } as const;
    const expired = await signActionToken(grant, TEST_ENV.JWT_SECRET, Date.now() - 15 * 24 * 3600_000);
    expectErrorEnvelope(await watched(id, expired), 401, 'token_expired');
    const forged = await signActionToken(grant, 'somebody-elses-secret-0123456789abcdef');
    expectErrorEnvelope(await watched(id, forged), 401, 'unauthorized');
    expect(await statusOf(id)).toBe('sent');
  });

  it("answers 404 for a token naming someone else's notification as theirs", async () => {
    const { id } = await scene(null);
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
