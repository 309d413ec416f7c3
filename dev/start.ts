// `npm start`: the whole app on this machine. Builds the PWA, starts the
// database (embedded PGlite in .data/pglite, or DATABASE_URL) behind the
// WebSocket bridge, migrates it, makes sure .dev.vars has local secrets,
// starts the metadata stand-ins when no provider key is configured and the
// mail stand-in when no mail key is, and runs the worker in `wrangler dev`.
// Ctrl-C stops all of it.
import { relative } from 'node:path';
import { buildWeb } from './lib/build-web.ts';
import { lockDataDir } from './lib/data-lock.ts';
import { startLocalDatabase } from './lib/database.ts';
import { ensureDevVars, removeStaleServicesBlock } from './lib/dev-vars.ts';
import { redactUrl, portFromEnv, shellOverrides } from './lib/environment.ts';
import { startMail } from './lib/mail.ts';
import { startMetadata } from './lib/metadata.ts';
import { DATA_DIR, DEV_VARS, PGLITE_DIR, PGLITE_LOCK, ROOT, WEB_BUILD_DIR } from './lib/paths.ts';
import { assertPortFree, waitForHttp } from './lib/port.ts';
import { fail, isShuttingDown, onShutdown, shutdown, stopOnSignals, stopWithParent } from './lib/shutdown.ts';
import { readCrons, startCronTicker } from './lib/cron-ticker.ts';
import { startWranglerDev } from './lib/wrangler.ts';

async function startDatabase(databaseUrl: string | undefined) {
  if (databaseUrl) {
    const database = await startLocalDatabase({ databaseUrl }).catch((error: Error) => {
      throw new Error(`cannot use DATABASE_URL ${redactUrl(databaseUrl)}: ${error.message}`);
    });
    return { ...database, label: redactUrl(databaseUrl) };
  }
  const database = await startLocalDatabase({ dataDir: PGLITE_DIR });
  return { ...database, label: `embedded PGlite, data in ${relative(ROOT, PGLITE_DIR) || PGLITE_DIR}` };
}

async function main() {
  stopOnSignals();
  stopWithParent();
  const port = portFromEnv();
  await assertPortFree(port);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  // Before anything else, so a second `npm start` leaves the first one's files alone.
  if (!databaseUrl) onShutdown(lockDataDir(PGLITE_LOCK, `the embedded database in ${DATA_DIR}`));

  await buildWeb(WEB_BUILD_DIR);

  removeStaleServicesBlock(DEV_VARS);
  const generated = ensureDevVars(DEV_VARS);
  const overrides = shellOverrides();

  const database = await startDatabase(databaseUrl);
  onShutdown(() => database.stop());

  const metadata = await startMetadata(DEV_VARS);
  onShutdown(() => metadata.stop());

  const mail = await startMail(DEV_VARS);
  onShutdown(() => mail.stop());

  const worker = startWranglerDev({
    port,
    vars: { ...overrides, ...metadata.vars, ...mail.vars, DATABASE_URL: database.databaseUrl, DATABASE_WS_PROXY: database.wsProxy },
  });
  onShutdown(() => worker.stop());
  // If wrangler dies (a crash, a bad flag), nothing else has a purpose. A worker
  // build error does not end it: wrangler waits for the fix and reloads.
  void worker.exited.then((code) => {
    if (isShuttingDown()) return;
    console.error(`wrangler dev exited (code ${code}); stopping.`);
    return shutdown(code === 0 ? 1 : code);
  });

  const fromShell = Object.keys(overrides);
  console.log(
    [
      '',
      'ShowTracker local runtime',
      `  database:   ${database.label}`,
      `  migrations: ${database.applied.length ? `applied ${database.applied.join(', ')}` : 'up to date'}`,
      `  metadata:   ${metadata.label}`,
      `  mail:       ${mail.label}`,
      `  secrets:    .dev.vars${generated.length ? ` (generated now: ${generated.join(', ')})` : ''}`,
      `  from shell: ${fromShell.length ? fromShell.join(', ') : 'nothing (no configuration variables set)'}`,
      '',
    ].join('\n'),
  );

  await waitForHttp(`http://127.0.0.1:${port}/`, 30_000);
  const crons = readCrons();
  onShutdown(startCronTicker({ baseUrl: `http://127.0.0.1:${port}`, crons, log: (line) => console.error(line) }));
  console.log(`\n  ShowTracker is running at http://localhost:${port}  (jobs: ${crons.length} cron triggers fired each minute as they fall due; Ctrl-C stops everything)\n`);
}

main().catch(fail);
