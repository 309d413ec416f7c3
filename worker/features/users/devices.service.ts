// Push devices (Web Push subscriptions) of the signed-in person.
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../../db/client.ts';
import { userDevices } from '../../db/schema/index.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { parseAllowlist, pushEndpointProblem } from './push-endpoint.ts';
import type { DeviceSchema, RegisterDeviceSchema } from './users.schemas.ts';

type DeviceRow = typeof userDevices.$inferSelect;

function toDevice(row: DeviceRow): z.infer<typeof DeviceSchema> {
  return {
    id: row.id,
    endpoint: row.deviceToken,
    platform: row.platform,
    content_encodings: row.contentEncodings,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * Registers a subscription, or refreshes it when the endpoint is known. An
 * endpoint is one browser profile, so it follows whoever registered it last.
 */
export async function registerDevice(
  db: Db,
  userId: string,
  input: z.infer<typeof RegisterDeviceSchema>,
  context: { allowlist: string | undefined; userAgent: string | undefined },
): Promise<{ device: z.infer<typeof DeviceSchema>; created: boolean }> {
  const problem = pushEndpointProblem(input.endpoint, parseAllowlist(context.allowlist));
  if (problem) throw badRequest(`This push subscription cannot be used: ${problem}.`, { endpoint: problem });
  const encodings = input.supportedContentEncodings ?? ['aes128gcm'];
  if (!encodings.includes('aes128gcm')) {
    throw badRequest('The browser must support the aes128gcm push encoding (RFC 8291).', {
      supportedContentEncodings: 'Must include aes128gcm',
    });
  }
  const values = {
    userId,
    deviceToken: input.endpoint,
    platform: input.platform,
    p256dh: input.keys.p256dh,
    authSecret: input.keys.auth,
    contentEncodings: encodings,
    userAgent: context.userAgent?.slice(0, 512) ?? null,
  };
  const [row] = await db
    .insert(userDevices)
    .values(values)
    .onConflictDoUpdate({
      target: userDevices.deviceToken,
      set: { ...values, isActive: true, deactivatedReason: null, updatedAt: new Date() },
    })
    // xmax = 0 only on a freshly inserted row: tells 201 from 200.
    .returning({ ...getTableColumns(userDevices), inserted: sql<boolean>`(xmax = 0)` });
  const { inserted, ...device } = row!;
  return { device: toDevice(device), created: inserted };
}

export async function listDevices(db: Db, userId: string) {
  const rows = await db
    .select()
    .from(userDevices)
    .where(eq(userDevices.userId, userId))
    .orderBy(desc(userDevices.updatedAt));
  return rows.map(toDevice);
}

export async function deleteDevice(db: Db, userId: string, deviceId: string): Promise<void> {
  const deleted = await db
    .delete(userDevices)
    .where(and(eq(userDevices.id, deviceId), eq(userDevices.userId, userId)))
    .returning({ id: userDevices.id });
  if (deleted.length === 0) throw notFound('No such device.');
}

/** A push service answered 404 or 410: the subscription is dead, so nothing is sent to it again until the browser registers anew. */
export async function deactivateGoneDevice(db: Db, deviceId: string, status: number): Promise<void> {
  await db
    .update(userDevices)
    .set({ isActive: false, deactivatedReason: `push service answered ${status}`, updatedAt: sql`now()` })
    .where(eq(userDevices.id, deviceId));
}
