// Job 3 (docs/design.md#jobs): deliver due notifications through Web Push,
// exactly once. Claims are atomic (FOR UPDATE SKIP LOCKED) and expire, so two
// dispatchers never take the same row and a crashed one's batch is taken
// again; every device a notification reached is recorded before the next is
// tried, so a re-claimed notification skips the devices that already have it.
import { publishVersions } from '../../lib/person-state.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PushMessage } from '@block65/webcrypto-web-push';
import type { Db } from '../../db/client.ts';
import { notificationDeliveries, notifications, shows, userDevices, users } from '../../db/schema/index.ts';
import { backoffMs } from '../../lib/http.ts';
import { localDate } from '../../lib/local-time.ts';
import type { Logger } from '../../lib/logger.ts';
import { signActionToken } from '../auth/tokens.ts';
import { deactivateGoneDevice } from '../users/devices.service.ts';
import { lockScreenText } from './message-text.ts';
import type { PushPayload } from './push-payload.ts';
import { episodeOf } from './notifications.service.ts';
import { spoilerIds } from './spoilers.ts';
import type { PushChannel, PushOutcome } from './web-push.channel.ts';

export const BATCH_SIZE = 500;
const MAX_ATTEMPTS = 3;
/** Longer than the slowest batch can take, shorter than anyone would wait for a retry. */
const CLAIM_SECONDS = 300;
const PARALLEL_SENDS = 16;
const RETRY_BASE_MS = 60_000;
const MAX_TTL_SECONDS = 28 * 24 * 60 * 60;
const MAX_URL_LENGTH = 512;

export interface DispatchDeps {
  db: Db;
  channel: PushChannel;
  logger: Logger;
  /** Signs each episode message's actions_token (the JWT_SECRET). */
  jwtSecret: string;
  /** The edge cache: the people a batch reached get their state pointers moved on (lib/person-state.ts), so their badge is current. */
  cache?: KVNamespace;
  now?: () => Date;
}

export interface DispatchCounts {
  claimed: number;
  sent: number;
  failed: number;
  retrying: number;
}

type Claimed = typeof notifications.$inferSelect;

export async function claimDue(db: Db, limit: number, token: string): Promise<Claimed[]> {
  const rows = await db.execute(sql`
    UPDATE notifications SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS}), claim_token = ${token}
    WHERE id IN (
      SELECT id FROM notifications
      WHERE status = 'pending' AND scheduled_for <= now()
        AND (claimed_until IS NULL OR claimed_until < now())
        AND (next_attempt_at IS NULL OR next_attempt_at <= now())
      ORDER BY scheduled_for
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const ids = rows.rows.map((row) => (row as { id: string }).id);
  if (ids.length === 0) return [];
  return db.select().from(notifications).where(inArray(notifications.id, ids)).orderBy(notifications.scheduledFor);
}

/**
 * Lock-screen text cut to `max` UTF-16 units that JSON.stringify can only
 * grow to 3 bytes each: control characters become spaces (each would be a
 * 6-byte \u escape), broken surrogate pairs U+FFFD, and a cut never splits a pair.
 */
function bounded(text: string, max: number): string {
  const clean = text
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const cut = clean.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A URL for the message: printable ASCII without quote or backslash (a byte each in JSON), at most 512; else null. */
const shortUrl = (value: unknown) =>
  typeof value === 'string' && value.length <= MAX_URL_LENGTH && /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(value) ? value : null;

interface MessageContext {
  zone: string;
  poster: string | null;
  /** The episode the notification is about, if any (episodeOf). */
  episode: ReturnType<typeof episodeOf>;
  /** For an episode: the token that lets the service worker mark it watched. */
  actionsToken: string | null;
  /** The person hides spoilers and has not watched the episode: its title stays out (docs/design.md#spoilers). */
  hideEpisodeTitle: boolean;
  now: Date;
}

/** False when the notification's episode is known not to have aired by `now`: its instant, or its day in the person's zone when only the day is known. */
function airedBy(row: Claimed, zone: string, now: Date): boolean {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  if (payload.all_day === true && typeof payload.air_date === 'string') return payload.air_date <= localDate(now, zone);
  if (typeof payload.event_date === 'string') return !(new Date(payload.event_date).getTime() > now.getTime());
  return true;
}

function buildMessage(row: Claimed, { zone, poster, episode, actionsToken, hideEpisodeTitle, now }: MessageContext): PushMessage {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === 'number' ? value : null);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const allDay = payload.all_day === true;
  const eventDate = text(payload.event_date) ? new Date(text(payload.event_date)!) : null;
  const lockScreen = lockScreenText(
    {
      showTitle: row.title,
      eventType: text(payload.event_type),
      seasonNumber: number(payload.season_number),
      episodeNumber: number(payload.episode_number),
      episodeTitle: hideEpisodeTitle ? null : text(payload.episode_title),
      allDay,
      eventDate,
      airDate: text(payload.air_date),
      description: row.body,
    },
    zone,
    now,
  );
  const showId = text(payload.show_id);
  // Worth delivering until a few hours after it airs; a status change for a day.
  const expires = eventDate && !allDay ? eventDate.getTime() + 6 * 3600_000 : now.getTime() + 24 * 3600_000;
  const ttl = Math.max(60, Math.min(MAX_TTL_SECONDS, Math.round((expires - now.getTime()) / 1000)));
  const soon = eventDate !== null && eventDate.getTime() - now.getTime() < 3600_000;
  const image = shortUrl(poster);
  // RFC 8291 leaves 3,993 bytes of JSON once the library pads each record to
  // 4,096 octets. At most: title and body 420 units of 3 bytes (1,260), the
  // poster twice and the link (3 x 512), the actions token (~340), ids,
  // numbers and keys (~300): about 3,440 bytes. Typical ones are under 1,000.
  const data: PushPayload = {
    id: row.id,
    title: bounded(lockScreen.title, 120),
    body: bounded(lockScreen.body, 300),
    show_id: showId,
    event_type: text(payload.event_type),
    season_number: episode?.season ?? null,
    episode_number: episode?.episode ?? null,
    url: shortUrl(payload.url) ?? (showId ? `/shows/${showId}` : '/'),
    icon: image,
    image,
    // One notification per show on the lock screen: a newer one replaces it.
    tag: showId ? `show-${showId}` : `notification-${row.id}`,
    ...(actionsToken ? { actions_token: actionsToken } : {}),
  };
  return {
    data,
    options: {
      ttl,
      urgency: soon ? 'high' : 'normal',
      // A newer message about the same show replaces one the device has not received yet.
      ...(showId ? { topic: showId.replaceAll('-', '') } : {}),
    },
  };
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work));
}

export async function dispatchBatch(deps: DispatchDeps, limit = BATCH_SIZE): Promise<DispatchCounts> {
  const now = deps.now?.() ?? new Date();
  const token = crypto.randomUUID();
  const claimed = await claimDue(deps.db, limit, token);
  const counts: DispatchCounts = { claimed: claimed.length, sent: 0, failed: 0, retrying: 0 };
  if (claimed.length === 0) return counts;

  const userIds = [...new Set(claimed.map((row) => row.userId))];
  const showIds = [
    ...new Set(claimed.map((row) => (row.payload as { show_id?: string } | null)?.show_id).filter((id): id is string => Boolean(id))),
  ];
  const [zones, devices, posters, delivered, spoilers] = await Promise.all([
    deps.db.select({ id: users.id, timezone: users.timezone }).from(users).where(inArray(users.id, userIds)),
    deps.db.select().from(userDevices).where(and(inArray(userDevices.userId, userIds), eq(userDevices.isActive, true))),
    showIds.length ? deps.db.select({ id: shows.id, poster: shows.posterUrl }).from(shows).where(inArray(shows.id, showIds)) : [],
    deps.db
      .select({ notificationId: notificationDeliveries.notificationId, deviceId: notificationDeliveries.deviceId })
      .from(notificationDeliveries)
      .where(and(inArray(notificationDeliveries.notificationId, claimed.map((row) => row.id)), eq(notificationDeliveries.status, 'delivered'))),
    spoilerIds(deps.db, claimed.map((row) => row.id)),
  ]);
  const zoneOf = new Map(zones.map((row) => [row.id, row.timezone]));
  const posterOf = new Map(posters.map((row) => [row.id, row.poster]));
  const devicesOf = new Map<string, (typeof devices)[number][]>();
  for (const device of devices) {
    const list = devicesOf.get(device.userId);
    if (list) list.push(device);
    else devicesOf.set(device.userId, [device]);
  }
  const alreadyDelivered = new Set(delivered.map((row) => `${row.notificationId}:${row.deviceId}`));

  await inBatches(claimed, PARALLEL_SENDS, async (row) => {
    const mine = devicesOf.get(row.userId) ?? [];
    const showId = (row.payload as { show_id?: string } | null)?.show_id;
    const episode = episodeOf(row);
    const zone = zoneOf.get(row.userId) ?? 'UTC';
    // "Mark watched" only once the episode is out: a reminder sent hours ahead
    // would offer an action the API must refuse (422 not_aired).
    const actionsToken =
      mine.length > 0 && episode && airedBy(row, zone, now)
        ? await signActionToken({ userId: row.userId, notificationId: row.id, action: 'watched' }, deps.jwtSecret, now.getTime())
        : null;
    const message = buildMessage(row, {
      zone,
      poster: showId ? (posterOf.get(showId) ?? null) : null,
      episode,
      actionsToken,
      hideEpisodeTitle: spoilers.has(row.id),
      now,
    });
    let reached = mine.some((device) => alreadyDelivered.has(`${row.id}:${device.id}`));
    const problems: string[] = [];
    let retryAfter = 0;
    let retryable = false;
    for (const device of mine) {
      if (alreadyDelivered.has(`${row.id}:${device.id}`)) continue;
      const outcome = await deps.channel.send({ endpoint: device.deviceToken, p256dh: device.p256dh, auth: device.authSecret }, message);
      await recordDelivery(deps.db, row.id, device.id, outcome);
      if (outcome.kind === 'delivered') reached = true;
      else if (outcome.kind === 'gone') {
        problems.push(`device ${device.id} is gone (HTTP ${outcome.status})`);
        await deactivateGoneDevice(deps.db, device.id, outcome.status);
      } else {
        problems.push(`device ${device.id}: ${outcome.error}`);
        if (outcome.kind === 'retry') {
          retryable = true;
          retryAfter = Math.max(retryAfter, outcome.retryAfterMs ?? 0);
        } else {
          deps.logger.warn('push rejected; not retrying', { notificationId: row.id, deviceId: device.id, error: outcome.error });
        }
      }
    }
    const attempts = row.attempts + 1;
    if (reached) {
      await finish(deps.db, row.id, token, { status: 'sent', sentAt: now, attempts, lastError: problems.join('; ') || null });
      counts.sent++;
    } else if (retryable && attempts < MAX_ATTEMPTS) {
      const delay = Math.max(backoffMs(attempts, RETRY_BASE_MS), retryAfter);
      await finish(deps.db, row.id, token, {
        attempts,
        nextAttemptAt: new Date(now.getTime() + delay),
        lastError: problems.join('; '),
      });
      counts.retrying++;
    } else {
      const reason = mine.length === 0 ? 'no active device to deliver to' : problems.join('; ') || 'not delivered';
      await finish(deps.db, row.id, token, { status: 'failed', attempts, lastError: reason });
      counts.failed++;
    }
  });
  // A sent or failed notification is in the person's list and unread count now: their devices should see it.
  if (deps.cache) await publishVersions({ db: deps.db, cache: deps.cache }, userIds);
  deps.logger.info('dispatch batch done', { ...counts });
  return counts;
}

async function recordDelivery(db: Db, notificationId: string, deviceId: string, outcome: PushOutcome): Promise<void> {
  const values = {
    notificationId,
    deviceId,
    status: outcome.kind,
    httpStatus: outcome.status,
    lastError: 'error' in outcome ? outcome.error : null,
  };
  await db
    .insert(notificationDeliveries)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationDeliveries.notificationId, notificationDeliveries.deviceId],
      set: { ...values, attempts: sql`${notificationDeliveries.attempts} + 1`, updatedAt: sql`now()` },
    });
}

/** Releases the claim with the outcome, only if the claim is still ours. */
async function finish(db: Db, id: string, token: string, changes: Partial<typeof notifications.$inferInsert>): Promise<void> {
  await db
    .update(notifications)
    .set({ ...changes, claimedUntil: null, claimToken: null })
    .where(and(eq(notifications.id, id), eq(notifications.claimToken, token)));
}
