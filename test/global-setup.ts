// Starts what the worker tests talk to, once for the whole run: the test
// database (the Postgres at DATABASE_URL when set, CI's real PostgreSQL 15,
// else an in-memory embedded PGlite) behind the bridge, the metadata
// stand-ins, the local push service (dev/push-receiver) and the mail
// stand-in (dev/mail-stand-in), where every e-mail the worker sends lands.
//
// The stand-ins' `today` is the real current UTC date at setup, not a
// constant: the worker compares air dates with the real clock (Date.now()),
// so the catalog must be relative to it. Tests get that date as
// `inject('standInsToday')` and compute their expectations from it.
import type { TestProject } from 'vitest/node';
import './provided-context.ts';
import { startLocalDatabase } from '../dev/lib/database.ts';
import { startMailStandIn } from '../dev/mail-stand-in/index.ts';
import { startPushReceiver } from '../dev/push-receiver/index.ts';
import { startStandIns } from '../dev/stand-ins/index.ts';

export default async function setup(project: TestProject) {
  const database = await startLocalDatabase({ databaseUrl: process.env.DATABASE_URL || undefined });
  const standIns = await startStandIns().catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  const pushReceiver = await startPushReceiver().catch(async (error: unknown) => {
    await standIns.stop();
    await database.stop();
    throw error;
  });
  const mail = await startMailStandIn().catch(async (error: unknown) => {
    await pushReceiver.stop();
    await standIns.stop();
    await database.stop();
    throw error;
  });
  project.provide('databaseUrl', database.databaseUrl);
  project.provide('databaseWsProxy', database.wsProxy);
  project.provide('standInsUrl', standIns.url);
  project.provide('standInsToday', standIns.today);
  project.provide('pushReceiverUrl', pushReceiver.url);
  project.provide('mailUrl', mail.url);
  return async () => {
    await mail.stop();
    await pushReceiver.stop();
    await standIns.stop();
    await database.stop();
  };
}
