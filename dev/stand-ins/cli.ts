// `npm run stand-ins`: the stand-ins alone, on STAND_INS_PORT (default 8788).
// STAND_INS_TODAY=YYYY-MM-DD pins the date the catalog's air dates hang off.
import { STAND_INS_PORT } from '../lib/metadata.ts';
import { standInProviderVars, startStandIns } from './index.ts';

const port = Number(process.env.STAND_INS_PORT ?? STAND_INS_PORT);
const todayText = process.env.STAND_INS_TODAY;
if (todayText !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(todayText)) {
  console.error(`error: STAND_INS_TODAY must be YYYY-MM-DD, got "${todayText}"`);
  process.exit(1);
}

const standIns = await startStandIns({ port, today: todayText ? new Date(`${todayText}T00:00:00Z`) : undefined }).catch((error: Error) => {
  console.error(`error: cannot start the stand-ins on port ${port}: ${error.message}`);
  process.exit(1);
});

console.log(
  [
    `Metadata stand-ins at ${standIns.url} (catalog dates relative to ${standIns.today})`,
    // The worker's variables, exactly as npm start passes them.
    ...Object.entries(standInProviderVars(standIns.bases)).map(([name, value]) => `  ${name}=${value}`),
    `  control API: ${standIns.url}/__control   (Ctrl-C stops)`,
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void standIns.stop().then(() => process.exit(0)));
}
