// A test web push to every active device of one person, through the
// production push channel, to check a deployment end to end (VAPID identity,
// endpoint allow-list, the push services, the PWA's service worker). It is
// not a notification: nothing goes into the notifications tables.
import type { PushMessage } from '@block65/webcrypto-web-push';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { userDevices, users } from '../../db/schema/index.ts';
import { ApiError, notFound } from '../../lib/errors.ts';
import type { PushChannel, PushOutcome } from '../notifications/web-push.channel.ts';
import type { PushPayload } from '../notifications/push-payload.ts';
import { deactivateGoneDevice } from '../users/devices.service.ts';

export const TEST_PUSH_TITLE = 'ShowTracker test notification';
export const TEST_PUSH_BODY = 'Push notifications work on this device.';
/** One tag for every test push: a newer test replaces the last one on the lock screen. */
export const TEST_PUSH_TAG = 'push-test';

/**
 * In the shape the service worker reads (web/src/lib/push-message.ts): a
 * title, a body, the home page to open, and no id or actions_token, so the
 * only action is "Open".
 */
export function testPushMessage(): PushMessage {
  return {
    data: { title: TEST_PUSH_TITLE, body: TEST_PUSH_BODY, url: '/', icon: null, tag: TEST_PUSH_TAG } satisfies PushPayload,
    // Worth showing while someone is waiting for it, not hours later.
    options: { ttl: 15 * 60, urgency: 'high' },
  };
}

export interface TestPushResult {
  id: string;
  platform: string;
  user_agent: string | null;
  /** The push service's host (the endpoint itself is a capability URL). */
  push_service: string | null;
  outcome: PushOutcome['kind'];
  status: number | null;
  error?: string;
}

const hostOf = (endpoint: string) => {
  try {
    return new URL(endpoint).host;
  } catch {
    return null;
  }
};

/**
 * `email` as EmailSchema leaves it (trimmed, lower case): how it is stored
 * and how sign-in looks it up.
 */
export async function sendTestPush(db: Db, channel: PushChannel, email: string): Promise<TestPushResult[]> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw notFound('No account with this email.');
  const devices = await db
    .select()
    .from(userDevices)
    .where(and(eq(userDevices.userId, user.id), eq(userDevices.isActive, true)))
    .orderBy(asc(userDevices.createdAt));
  if (devices.length === 0) {
    throw new ApiError(
      409,
      'conflict',
      'This account has no device registered for push. On the device, sign in and turn on notifications in Settings → Notifications first, then try again.',
    );
  }
  const message = testPushMessage();
  return Promise.all(
    devices.map(async (device): Promise<TestPushResult> => {
      const outcome = await channel.send({ endpoint: device.deviceToken, p256dh: device.p256dh, auth: device.authSecret }, message);
      if (outcome.kind === 'gone') {
        await deactivateGoneDevice(db, device.id, outcome.status);
      }
      return {
        id: device.id,
        platform: device.platform,
        user_agent: device.userAgent,
        push_service: hostOf(device.deviceToken),
        outcome: outcome.kind,
        status: outcome.status,
        ...('error' in outcome ? { error: outcome.error } : {}),
      };
    }),
  );
}
