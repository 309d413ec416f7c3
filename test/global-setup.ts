import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../dev/lib/embedded-postgres.ts';
import { startWsBridge } from '../dev/lib/ws-bridge.ts';

export default async function setup(project: TestProject) {
  const pg = await startEmbeddedPostgres({});
  const bridge = await startWsBridge({ databaseUrl: pg.url });
  project.provide('databaseUrl', pg.url);
  project.provide('databaseWsProxy', bridge.proxy);
  return async () => { await bridge.stop(); await pg.stop(); };
}
