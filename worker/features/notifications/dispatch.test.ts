// The dispatcher end to end: real Web Push (RFC 8291 aes128gcm, RFC 8292
// VAPID) to the local push service, which decrypts every message with an
// independent implementation (http_ece) and checks the VAPID JWT.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { call, pushReceiver, query, signUp, TEST_ENV } from '../../test-helpers.ts';
import { createShow } from '../timeline/timeline.fixtures.ts';
import { claimDue } from './dispatch.service.ts';
import { dispatch, dispatchAll, messagesOf, subscribedPerson, vapid, type Subscription } from './push.fixtures.ts';

async function dueNotification(userId: string, options: { showTitle?: string; minutesAgo?: number } = {}): Promise<string> {
  const showId = crypto.randomUUID();
  const [row] = await query<{ id: string }>(
    `INSERT INTO notifications (user_id, title, body, payload, scheduled_for)
     VALUES ($1, $2, 'Severance S02E05', jsonb_build_object(
       'show_id', $3::text, 'event_type', 'new_episode', 'season_number', 2, 'episode_number', 5,
       'episode_title', 'Trojan''s Horse', 'all_day', false, 'event_date', (now() + interval '10 minutes'),
       'url', '/shows/' || $3::text), now() - make_interval(mins => $4))
     RETURNING id`,
    [userId, options.showTitle ?? 'Severance', showId, options.minutesAgo ?? 1],
  );
  return row!.id;
}

const statusOf = async (id: string) =>
  (await query<{ status: string; attempts: number; last_error: string | null; next_attempt_at: Date | null; sent_at: Date | null }>(
    'SELECT status, attempts, last_error, next_attempt_at, sent_at FROM notifications WHERE id = $1',
    [id],
  ))[0]!;

describe('delivery', () => {
  it('encrypts, signs and delivers a due notification; the receiver decrypts what the lock screen shows', async () => {
    const { account, subscription } = await subscribedPerson('America/New_York');
    const id = await dueNotification(account.id);
    await dispatchAll();

    const [message, ...others] = await messagesOf(subscription.id);
    expect(others).toEqual([]);
    expect(message!.json).toMatchObject({ id, title: 'Severance', event_type: 'new_episode' });
    expect(message!.json.body).toMatch(/^S02E05 · (today|tonight|tomorrow) \d\d:\d\d · Trojan's Horse$/);
    expect(message!.json.url).toMatch(/^\/shows\//);
    expect(message!.vapid.sub).toBe(vapid.subject);
    expect(message!.ttl).toBeGreaterThan(60);
    expect(message!.urgency).toBe('high');
    expect(message!.topic).toMatch(/^[0-9a-f]{32}$/);
    expect(message!.bytes).toBeLessThanOrEqual(4096);
    expect(message!.json).toMatchObject({
      season_number: 2,
      episode_number: 5,
      tag: `show-${message!.json.show_id}`,
      icon: null,
      image: null,
    });
    // Ten minutes before air: Mark watched comes with the pushes sent once it is out.
    expect(message!.json).not.toHaveProperty('actions_token');

    const row = await statusOf(id);
    expect(row.status).toBe('sent');
    expect(row.sent_at).not.toBeNull();
    expect((await call('GET', '/api/v1/notifications/unread-count', { token: account.accessToken })).body).toEqual({ unread: 1 });
  });

  it('keeps the payload within 3,993 bytes whatever the text', async () => {
    const { account, subscription } = await subscribedPerson();
    await dueNotification(account.id, { showTitle: 'A very long show title '.repeat(200) });
    await dispatchAll();
    const [message] = await messagesOf(subscription.id);
    expect(message!.json.title.length).toBeLessThanOrEqual(120);
    expect(new TextEncoder().encode(JSON.stringify(message!.json)).length).toBeLessThan(3993);
  });

  it('carries the poster, and an actions token only for episodes', async () => {
    const { account, subscription } = await subscribedPerson();
    const show = await createShow('Slow Horses');
    await query(
      `INSERT INTO notifications (user_id, title, body, payload, scheduled_for)
       VALUES ($1, $2, 'Slow Horses was renewed', jsonb_build_object('show_id', $3::text, 'event_type', 'status_change', 'all_day', false), now())`,
      [account.id, show.title, show.id],
    );
    await dispatchAll();
    const [message] = await messagesOf(subscription.id);
    expect(message!.json).toMatchObject({
      show_id: show.id,
      event_type: 'status_change',
      season_number: null,
      episode_number: null,
      icon: 'https://image.tmdb.org/t/p/w500/poster.jpg',
      image: 'https://image.tmdb.org/t/p/w500/poster.jpg',
      tag: `show-${show.id}`,
    });
    expect(message!.json).not.toHaveProperty('actions_token');
  });

  it('offers Mark watched only once the episode is out: a reminder hours ahead carries no actions token', async () => {
    const { account, subscription } = await subscribedPerson('Pacific/Auckland');
    const show = await createShow('Andor');
    await query(
      `INSERT INTO notifications (user_id, title, body, payload, scheduled_for)
       VALUES ($1, 'Andor', 'S02E01 in 3 hours', jsonb_build_object(
         'show_id', $2::text, 'event_type', 'season_premiere', 'season_number', 2, 'episode_number', 1,
         'all_day', false, 'event_date', (now() + interval '3 hours')), now()),
              ($1, 'Andor', 'S02E02 today', jsonb_build_object(
         'show_id', $2::text, 'event_type', 'new_episode', 'season_number', 2, 'episode_number', 2,
         'all_day', true, 'air_date', to_char((now() AT TIME ZONE 'Pacific/Auckland') + interval '1 day', 'YYYY-MM-DD')), now())`,
      [account.id, show.id],
    );
    await dispatchAll();
    const messages = await messagesOf(subscription.id);
    expect(messages.map((message) => message.json.episode_number).sort()).toEqual([1, 2]);
    for (const message of messages) expect(message.json).not.toHaveProperty('actions_token');
  });

  it('keeps the largest payload, actions token and all, far within 3,993 bytes', async () => {
    const { account, subscription } = await subscribedPerson();
    const [show] = await query<{ id: string }>(
      "INSERT INTO shows (title, media_type, poster_url) VALUES ('x', 'tv', $1) RETURNING id",
      [`https://image.tmdb.org/t/p/original/${'p'.repeat(470)}.jpg`],
    );
    // Three-byte characters, emoji, control characters and a broken surrogate pair: the costliest JSON per character.
    const heavy = '字🎬\u0001"\\\ud83d'.repeat(100);
    await query(
      `INSERT INTO notifications (user_id, title, body, payload, scheduled_for)
       VALUES ($1, $2, $2, jsonb_build_object(
         'show_id', $3::text, 'event_type', 'season_finale', 'season_number', 12, 'episode_number', 24,
         'episode_title', $2::text, 'all_day', false, 'event_date', (now() - interval '10 minutes'),
         'url', '/shows/' || $3::text), now())`,
      [account.id, heavy, show!.id],
    );
    await dispatchAll();
    const [message] = await messagesOf(subscription.id);
    expect(message!.json.actions_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(message!.json.image).toMatch(/^https:\/\/image\.tmdb\.org\//);
    expect(message!.json.title.length).toBeLessThanOrEqual(120);
    expect(message!.json.body.length).toBeLessThanOrEqual(300);
    expect(new TextEncoder().encode(message!.payload).length).toBeLessThan(3500);
  });

  it('records a person with no active device as failed, with the reason', async () => {
    const lonely = await signUp();
    const id = await dueNotification(lonely.id);
    await dispatchAll();
    expect(await statusOf(id)).toMatchObject({ status: 'failed', last_error: 'no active device to deliver to' });
  });

  it('does not send to an endpoint that stopped being allowed, even if it is stored', async () => {
    const { account, deviceId } = await subscribedPerson();
    await query("UPDATE user_devices SET device_token = 'https://evil.example/push/1' WHERE id = $1", [deviceId]);
    const id = await dueNotification(account.id);
    await dispatchAll();
    const row = await statusOf(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('endpoint refused');
  });
});

describe('push service answers', () => {
  it('410 deactivates the device at once', async () => {
    const { account, subscription, deviceId } = await subscribedPerson();
    await pushReceiver('POST', `/subscriptions/${subscription.id}/behavior`, { status: 410 });
    const id = await dueNotification(account.id);
    await dispatchAll();
    const [device] = await query<{ is_active: boolean; deactivated_reason: string }>(
      'SELECT is_active, deactivated_reason FROM user_devices WHERE id = $1',
      [deviceId],
    );
    expect(device).toEqual({ is_active: false, deactivated_reason: 'push service answered 410' });
    expect((await statusOf(id)).status).toBe('failed');
    const listed = await call('GET', '/api/v1/me/devices', { token: account.accessToken });
    expect(listed.body.devices[0].is_active).toBe(false);
  });

  it('429 with Retry-After is retried no sooner than asked, then delivered', async () => {
    const { account, subscription } = await subscribedPerson();
    await pushReceiver('POST', `/subscriptions/${subscription.id}/behavior`, { status: 429, retryAfterSeconds: 120, times: 1 });
    const id = await dueNotification(account.id);
    const before = Date.now();
    await dispatchAll();
    const waiting = await statusOf(id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.next_attempt_at!.getTime()).toBeGreaterThanOrEqual(before + 120_000);

    // Nothing is claimed before the time it was asked to wait.
    await dispatchAll();
    expect(await messagesOf(subscription.id)).toEqual([]);

    await query("UPDATE notifications SET next_attempt_at = now() - interval '1 second' WHERE id = $1", [id]);
    await dispatchAll();
    expect(await statusOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await messagesOf(subscription.id)).toHaveLength(1);
  });

  it('gives up after 3 attempts on a push service that keeps failing', async () => {
    const { account, subscription } = await subscribedPerson();
    await pushReceiver('POST', `/subscriptions/${subscription.id}/behavior`, { status: 503 });
    const id = await dueNotification(account.id);
    for (let attempt = 0; attempt < 3; attempt++) {
      await dispatchAll();
      await query("UPDATE notifications SET next_attempt_at = now() - interval '1 second' WHERE id = $1 AND status = 'pending'", [id]);
    }
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('413 is not retried', async () => {
    const { account, subscription } = await subscribedPerson();
    await pushReceiver('POST', `/subscriptions/${subscription.id}/behavior`, { status: 413 });
    const id = await dueNotification(account.id);
    await dispatchAll();
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('exactly once', () => {
  it('a crash mid-batch loses nothing and sends nothing twice', async () => {
    const { account, subscription } = await subscribedPerson();
    const second = await pushReceiver<Subscription>('POST', '/subscriptions', { vapidPublicKey: vapid.publicKey });
    await call('POST', '/api/v1/me/devices', { token: account.accessToken, json: { ...second, expirationTime: null } });
    const id = await dueNotification(account.id);

    // A dispatcher claims the notification, reaches the first device, and dies.
    const { db, close } = openDb(TEST_ENV);
    try {
      expect((await claimDue(db, 10_000, crypto.randomUUID())).map((row) => row.id)).toContain(id);
    } finally {
      await close();
    }
    const [firstDevice] = await query<{ id: string }>('SELECT id FROM user_devices WHERE device_token = $1', [subscription.endpoint]);
    await query("INSERT INTO notification_deliveries (notification_id, device_id, status, http_status) VALUES ($1, $2, 'delivered', 201)", [
      id,
      firstDevice!.id,
    ]);

    // While the claim holds, nobody else takes it; once it expires, it is taken again.
    await dispatchAll();
    expect((await statusOf(id)).status).toBe('pending');
    await query("UPDATE notifications SET claimed_until = now() - interval '1 second' WHERE id = $1", [id]);
    await dispatchAll();
    expect((await statusOf(id)).status).toBe('sent');
    expect(await messagesOf(subscription.id)).toHaveLength(0);
    expect(await messagesOf(second.id)).toHaveLength(1);
  });

  it('two dispatchers racing on 1,000 due notifications deliver each exactly once', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => subscribedPerson()));
    const ids: string[] = [];
    for (const person of people) {
      const rows = await query<{ id: string }>(
        `INSERT INTO notifications (user_id, title, body, payload, scheduled_for)
         SELECT $1, 'Race ' || n, 'body', jsonb_build_object('event_type', 'new_episode', 'all_day', false), now() - interval '1 minute'
         FROM generate_series(1, 100) n RETURNING id`,
        [person.account.id],
      );
      ids.push(...rows.map((row) => row.id));
    }
    const both = await Promise.all([
      (async () => {
        let total = 0;
        for (let i = 0; i < 10; i++) total += (await dispatch(500)).sent;
        return total;
      })(),
      (async () => {
        let total = 0;
        for (let i = 0; i < 10; i++) total += (await dispatch(500)).sent;
        return total;
      })(),
    ]);
    expect(both[0]! + both[1]!).toBeGreaterThanOrEqual(1000);
    const received = (await Promise.all(people.map((person) => messagesOf(person.subscription.id)))).flat();
    const receivedIds = received.map((message) => message.json.id).filter((id: string) => ids.includes(id));
    expect(receivedIds).toHaveLength(1000);
    expect(new Set(receivedIds).size).toBe(1000);
    const statuses = await query<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM notifications WHERE id = ANY($1::uuid[]) GROUP BY status',
      [ids],
    );
    expect(statuses).toEqual([{ status: 'sent', n: '1000' }]);
  });
});
