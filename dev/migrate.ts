// `npm run db:migrate` applies pending migrations; `npm run db:rollback [N]`
// reverts the last N (default 1). Against DATABASE_URL when set, else the
// embedded database in .data/pglite, opened here (so not while `npm start`
// holds it).
import { lockDataDir } from './lib/data-lock.ts';
import { startEmbeddedPostgres } from './lib/embedded-postgres.ts';
import { redactUrl } from './lib/environment.ts';
import { migrate, rollback } from './lib/migrate.ts';
import { PGLITE_DIR, PGLITE_LOCK } from './lib/paths.ts';

function parseArgs(argv: string[]): { rollbackSteps?: number } {
  const index = argv.indexOf('--rollback');
  if (index === -1) return {};
  const steps = Number(argv[index + 1] ?? 1);
  if (!Number.isInteger(steps) || steps < 1) {
    throw new Error(`usage: npm run db:rollback [N], N a positive integer (got "${argv[index + 1]}")`);
  }
  return { rollbackSteps: steps };
}

async function run(databaseUrl: string, rollbackSteps?: number): Promise<void> {
  if (rollbackSteps !== undefined) {
    const reverted = await rollback(databaseUrl, rollbackSteps);
    console.log(reverted.length ? `rolled back ${reverted.join(', ')}` : 'nothing to roll back');
  } else {
    const applied = await migrate(databaseUrl);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'up to date');
  }
}

async function main() {
  const { rollbackSteps } = parseArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) {
    console.log(`database: ${redactUrl(databaseUrl)}`);
    await run(databaseUrl, rollbackSteps);
    return;
  }
  const release = lockDataDir(PGLITE_LOCK, 'the embedded database in .data/pglite');
  try {
    console.log('database: embedded PGlite, data in .data/pglite');
    const embedded = await startEmbeddedPostgres({ dataDir: PGLITE_DIR });
    try {
      await run(embedded.url, rollbackSteps);
    } finally {
      await embedded.stop();
    }
  } finally {
    release();
  }
}

main().catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
});
