// bench:dispatch's data: people subscribed at the local push receiver and
// notifications already due, written straight into the database. Ids are made
// here, so the bench knows every notification it expects the receiver to see.
// The payload has the shape fan-out.ts writes, so the dispatcher builds the
// same messages (lock-screen text, topic per show, poster as icon) as in use.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { USER_ZONES } from './scale-seed.ts';

export interface DispatchSeedConfig {
  users: number;
  devicesPerUser: number;
  notifications: number;
  shows: number;
}

export interface ReceiverSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface DispatchSeed {
  subscriptions: ReceiverSubscription[];
  notificationIds: Set<string>;
  seedMs: number;
}

const EPISODE_TITLES = ['Pilot', 'The Long Night', 'Trojan\'s Horse', 'Homecoming', 'What Lies Beneath', 'Cold Open', 'The Reckoning', 'Åsa\'s Return'];

/** Subscriptions pinned to the worker's VAPID key, as a browser's `applicationServerKey` pins them. */
async function subscribe(receiverUrl: string, vapidPublicKey: string, count: number): Promise<ReceiverSubscription[]> {
  const made: ReceiverSubscription[] = [];
  for (let start = 0; start < count; start += 50) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, async () => {
        const response = await fetch(`${receiverUrl}/__control/subscriptions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ vapidPublicKey }),
        });
        if (response.status !== 201) throw new Error(`push receiver: subscribing answered ${response.status}`);
        return (await response.json()) as ReceiverSubscription;
      }),
    );
    made.push(...chunk);
  }
  return made;
}

export async function seedDispatch(
  client: pg.Client,
  receiverUrl: string,
  vapidPublicKey: string,
  config: DispatchSeedConfig,
): Promise<DispatchSeed> {
  const started = performance.now();
  const subscriptions = await subscribe(receiverUrl, vapidPublicKey, config.users * config.devicesPerUser);
  const showIds = Array.from({ length: config.shows }, () => randomUUID());
  const userIds = Array.from({ length: config.users }, () => randomUUID());
  const notificationIds = Array.from({ length: config.notifications }, () => randomUUID());

  await client.query(
    `INSERT INTO shows (id, title, media_type, status, poster_url, tmdb_id)
     SELECT id, 'Bench Show ' || n, 'tv', 'Returning Series', 'https://image.tmdb.org/t/p/w500/bench' || n || '.jpg', 900000000 + n
     FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)`,
    [showIds],
  );
  await client.query(
    `INSERT INTO users (id, email, username, password_hash, timezone)
     SELECT id, 'bench-dispatch-' || n || '@showtracker.invalid', 'bench_dispatch_' || n, 'not-a-hash',
            ($2::text[])[1 + (n % array_length($2::text[], 1))]
     FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)`,
    [userIds, USER_ZONES],
  );
  // Subscription i belongs to user i % users: with two devices each, a person's
  // devices are i and i + users.
  await client.query(
    `INSERT INTO user_devices (user_id, device_token, platform, p256dh, auth_secret, user_agent)
     SELECT ($1::uuid[])[1 + ((n - 1) % array_length($1::uuid[], 1))], endpoint, 'web', p256dh, auth, 'bench:dispatch'
     FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS d(endpoint, p256dh, auth, n)`,
    [userIds, subscriptions.map((s) => s.endpoint), subscriptions.map((s) => s.keys.p256dh), subscriptions.map((s) => s.keys.auth)],
  );
  // Notification n goes to user n % users, about show (n * 7) % shows, for an
  // episode airing in the next two hours; due between 10 and 1 minutes ago, so
  // the dispatcher's oldest-first order is exercised.
  await client.query(
    `INSERT INTO notifications (id, user_id, title, body, payload, scheduled_for)
     SELECT n.id, ($2::uuid[])[1 + ((n.n - 1) % array_length($2::uuid[], 1))], 'Bench Show ' || (1 + ((n.n * 7) % $4)),
            'S0' || (1 + n.n % 5) || 'E' || lpad((1 + n.n % 12)::text, 2, '0') || ' · ' || ($5::text[])[1 + (n.n % array_length($5::text[], 1))],
            jsonb_build_object(
              'show_id', ($3::uuid[])[1 + ((n.n * 7) % $4)], 'event_type', 'new_episode',
              'season_number', 1 + n.n % 5, 'episode_number', 1 + n.n % 12,
              'episode_title', ($5::text[])[1 + (n.n % array_length($5::text[], 1))], 'all_day', false,
              'event_date', date_trunc('minute', now()) + make_interval(mins => (n.n % 120)::int),
              'air_date', (now() + make_interval(mins => (n.n % 120)::int))::date,
              'url', '/shows/' || ($3::uuid[])[1 + ((n.n * 7) % $4)]),
            now() - make_interval(secs => 60 + (n.n % 540))
     FROM unnest($1::uuid[]) WITH ORDINALITY AS n(id, n)`,
    [notificationIds, userIds, showIds, config.shows, EPISODE_TITLES],
  );
  await client.query('ANALYZE users, user_devices, notifications, shows');
  return { subscriptions, notificationIds: new Set(notificationIds), seedMs: Math.round(performance.now() - started) };
}
