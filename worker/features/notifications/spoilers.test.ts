// Hide spoilers in what the server writes about notifications
// (docs/design.md#spoilers): with the setting on, no title of an episode the
// person has not watched reaches a push message (as the local push service
// decrypts it) or the notification list, including notifications stored
// before the setting was turned on; turning it off, or watching the episode,
// shows the title again.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { addDays, localDate } from '../../lib/local-time.ts';
import { call, query, signUp, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { addEpisodeEvent } from '../calendar/calendar.fixtures.ts';
import { addWatch, createShow, track } from '../timeline/timeline.fixtures.ts';
import { fanOut } from './fan-out.ts';
import { dispatchAll, messagesOf, subscribedPerson } from './push.fixtures.ts';

const TITLE = 'Trojan’s Horse';
const OVERVIEW = 'Mark, Helly, Irving and Dylan face a reckoning.';
const WATCHED_TITLE = 'Woe’s Hollow';

/** An episode and its event as the sync engine writes them (metadata included), airing at `at`. */
async function episodeEvent(showId: string, season: number, episode: number, name: string, at: Date): Promise<string> {
  const id = await addEpisodeEvent(showId, {
    season,
    episode,
    name,
    overview: OVERVIEW,
    runtime: 50,
    at: at.toISOString(),
    day: at.toISOString().slice(0, 10),
  });
  await query(`UPDATE timeline_events SET metadata = jsonb_build_object('episode_title', $2::text, 'overview', $3::text) WHERE id = $1`, [
    id,
    name,
    OVERVIEW,
  ]);
  return id;
}

/** The person's pending notifications for their tracked shows, as fan-out creates them. */
async function fanOutFor(userId: string): Promise<number> {
  const { db, close } = openDb(TEST_ENV);
  try {
    return await fanOut(db, { userId });
  } finally {
    await close();
  }
}

const setHidden = async (account: TestAccount, hide: boolean) => {
  const response = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: { hide_spoilers: hide } });
  expect(response.status).toBe(200);
  expect(response.body.hide_spoilers).toBe(hide);
};

/** A tracked show with S02E05 airing in ten minutes; reminders an hour ahead, so its notification is due now. */
async function airingSoon(account: TestAccount) {
  const show = await createShow('Severance');
  await track(account.id, show.id);
  await query('UPDATE user_tracked_shows SET notify_hours_before = 1 WHERE user_id = $1 AND show_id = $2', [account.id, show.id]);
  await episodeEvent(show.id, 2, 5, TITLE, new Date(Date.now() + 10 * 60_000));
  expect(await fanOutFor(account.id)).toBe(1);
  return show;
}

describe('push messages', () => {
  it('leave out the title of an unwatched episode once the setting is on, even for a notification stored before', async () => {
    const { account, subscription } = await subscribedPerson('America/New_York');
    const show = await airingSoon(account);
    // Stored with the title, then the setting turned on before it goes out.
    const [stored] = await query<{ body: string }>('SELECT body FROM notifications WHERE user_id = $1', [account.id]);
    expect(stored!.body).toBe(TITLE);
    await setHidden(account, true);

    await dispatchAll();
    const messages = await messagesOf(subscription.id);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.json).toMatchObject({ title: show.title, season_number: 2, episode_number: 5, event_type: 'new_episode' });
    expect(message!.json.body).toMatch(/^S02E05 · (today|tonight|tomorrow) \d\d:\d\d$/);
    expect(message!.payload).not.toContain('Trojan');
    expect(message!.payload).not.toContain(OVERVIEW);
  });

  it('keep the title with the setting off', async () => {
    const { account, subscription } = await subscribedPerson('America/New_York');
    await airingSoon(account);
    await dispatchAll();
    const [message] = await messagesOf(subscription.id);
    expect(message!.json.body).toMatch(/^S02E05 · (today|tonight|tomorrow) \d\d:\d\d · Trojan’s Horse$/);
  });
});

describe('the notification list', () => {
  /** A person with two sent notifications: S02E05 (unwatched) and S02E04 (watched since). */
  async function inbox() {
    const account = await signUp({ timezone: 'Europe/London' });
    const show = await createShow('Severance');
    await track(account.id, show.id);
    const day = localDate(Date.now(), 'Europe/London');
    await episodeEvent(show.id, 2, 4, WATCHED_TITLE, new Date(`${addDays(day, 2)}T20:00:00Z`));
    await episodeEvent(show.id, 2, 5, TITLE, new Date(`${addDays(day, 9)}T20:00:00Z`));
    expect(await fanOutFor(account.id)).toBe(2);
    await query(`UPDATE notifications SET status = 'sent', sent_at = now(), scheduled_for = now() - interval '1 minute' WHERE user_id = $1`, [
      account.id,
    ]);
    await addWatch(account.id, show.id, { season: 2, episode: 4 });
    const ids = await query<{ id: string; episode: number }>(
      `SELECT id, (payload->>'episode_number')::int AS episode FROM notifications WHERE user_id = $1`,
      [account.id],
    );
    return { account, show, idOf: (episode: number) => ids.find((row) => row.episode === episode)!.id };
  }

  const list = async (account: TestAccount, search = '') => {
    const response = await call('GET', `/api/v1/notifications${search}`, { token: account.accessToken });
    expect(response.status).toBe(200);
    return response;
  };
  const bodyOf = (response: { body: { notifications: { id: string; body: string }[] } }, id: string) =>
    response.body.notifications.find((item) => item.id === id)?.body;

  it('answers the episode code for an unwatched episode with the setting on, and the title of a watched one', async () => {
    const { account, show, idOf } = await inbox();
    await setHidden(account, true);
    const hidden = await list(account);
    expect(hidden.body.notifications).toHaveLength(2);
    expect(bodyOf(hidden, idOf(5))).toBe('S02E05');
    expect(bodyOf(hidden, idOf(4))).toBe(WATCHED_TITLE);
    expect(JSON.stringify(hidden.body)).not.toContain('Trojan');
    expect(hidden.body.notifications.every((item: { title: string }) => item.title === show.title)).toBe(true);

    // Marking it read answers the notification as the list does.
    const read = await call('PATCH', `/api/v1/notifications/${idOf(5)}/read`, { token: account.accessToken });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: idOf(5), status: 'read', body: 'S02E05' });
    expect(JSON.stringify(read.body)).not.toContain('Trojan');
  });

  it('hides pending ones too, and shows the title again when the setting is off or once the episode is watched', async () => {
    const { account, show, idOf } = await inbox();
    await query(`UPDATE notifications SET status = 'pending', sent_at = NULL WHERE id = $1`, [idOf(5)]);
    await setHidden(account, true);
    const pending = await list(account, '?status=pending');
    expect(pending.body.notifications.map((item: { body: string }) => item.body)).toEqual(['S02E05']);
    expect(JSON.stringify(pending.body)).not.toContain('Trojan');

    await setHidden(account, false);
    expect(bodyOf(await list(account, '?status=pending'), idOf(5))).toBe(TITLE);

    await setHidden(account, true);
    await addWatch(account.id, show.id, { season: 2, episode: 5 });
    expect(bodyOf(await list(account, '?status=pending'), idOf(5))).toBe(TITLE);
  });
});
