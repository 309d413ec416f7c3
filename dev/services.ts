// `npm run services`: what plain `npx wrangler dev` needs beside it, for a
// developer who runs wrangler themselves. Builds the PWA into dist/web (the
// assets wrangler.jsonc names), starts the database (embedded PGlite in
// .data/pglite, or DATABASE_URL) behind the WebSocket bridge on a fixed port,
// migrates it, makes sure .dev.vars has local secrets, starts the metadata
// stand-ins when no provider key is configured, and writes where all of that
// is into a marked block of .dev.vars for wrangler to read. Ctrl-C stops it
// and removes the block.
import { relative } from 'node:path';
import { buildWeb } from './lib/build-web.ts';
import { lockDataDir } from './lib/data-lock.ts';
import { startLocalDatabase } from './lib/database.ts';
import { ensureDevVars, removeServicesBlock, removeStaleServicesBlock, writeServicesBlock } from './lib/dev-vars.ts';
import { redactUrl } from './lib/environment.ts';
import { startMetadata } from './lib/metadata.ts';
import { DATA_DIR, DEV_VARS, PGLITE_DIR, PGLITE_LOCK, ROOT } from './lib/paths.ts';
import { fail, onShutdown, stopOnSignals, stopWithParent } from './lib/shutdown.ts';

/** The bridge's port, fixed so .dev.vars stays right across restarts. */
const BRIDGE_PORT = Number(process.env.DATABASE_BRIDGE_PORT ?? 8790);

async function main() {
  stopOnSignals();
  stopWithParent();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!databaseUrl) onShutdown(lockDataDir(PGLITE_LOCK, `the embedded database in ${DATA_DIR}`));

  await buildWeb();

  removeStaleServicesBlock(DEV_VARS);
  const generated = ensureDevVars(DEV_VARS);
  const database = await startLocalDatabase(databaseUrl ? { databaseUrl, bridgePort: BRIDGE_PORT } : { dataDir: PGLITE_DIR, bridgePort: BRIDGE_PORT });
  onShutdown(() => database.stop());
  const metadata = await startMetadata(DEV_VARS);
  onShutdown(() => metadata.stop());

  writeServicesBlock(DEV_VARS, { DATABASE_URL: database.databaseUrl, DATABASE_WS_PROXY: database.wsProxy, ...metadata.vars });
  onShutdown(() => removeServicesBlock(DEV_VARS));

  console.log(
    [
      '',
      'ShowTracker local services (for `npx wrangler dev`)',
      `  database:   ${database.embedded ? `embedded PGlite, data in ${relative(ROOT, PGLITE_DIR) || PGLITE_DIR}` : redactUrl(database.databaseUrl)}, bridge at ${database.wsProxy}`,
      `  migrations: ${database.applied.length ? `applied ${database.applied.join(', ')}` : 'up to date'}`,
      `  metadata:   ${metadata.label}`,
      `  secrets:    .dev.vars${generated.length ? ` (generated now: ${generated.join(', ')})` : ''}, with these services' addresses in a marked block`,
      '',
      '  Now run `npx wrangler dev` in another terminal (http://localhost:8787). Ctrl-C here stops the services.',
      '  Cron triggers fire only when asked: `npx wrangler dev --test-scheduled`, then /__scheduled?cron=*+*+*+*+*',
      '',
    ].join('\n'),
  );
}

main().catch(fail);
