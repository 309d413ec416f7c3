// `npm run stand-ins`: the stand-ins alone, on STAND_INS_PORT (default 8788).
// STAND_INS_TODAY=YYYY-MM-DD pins the date the catalog's air dates hang off.
import { STAND_IN_OMDB_KEY, STAND_IN_TMDB_TOKEN, STAND_IN_TVDB_KEY, startStandIns } from './index.ts';

const port = Number(process.env.STAND_INS_PORT ?? 8788);
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
    `  TMDB_API_BASE=${standIns.bases.tmdb}   TMDB_API_TOKEN=${STAND_IN_TMDB_TOKEN}`,
    `  TMDB_IMAGE_BASE=${standIns.bases.tmdbImages}`,
    `  TVDB_API_BASE=${standIns.bases.tvdb}   TVDB_API_KEY=${STAND_IN_TVDB_KEY}`,
    `  OMDB_API_BASE=${standIns.bases.omdb}   OMDB_API_KEY=${STAND_IN_OMDB_KEY}`,
    `  TVMAZE_API_BASE=${standIns.bases.tvmaze}`,
    `  control API: ${standIns.url}/__control   (Ctrl-C stops)`,
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void standIns.stop().then(() => process.exit(0)));
}
