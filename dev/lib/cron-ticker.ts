// `wrangler dev` runs cron triggers only when asked (its /__scheduled route),
// so `npm start` asks: at every minute boundary it fires each cron of
// wrangler.jsonc that matches the current UTC minute, and the jobs (dispatch,
// syncs, cleanup) run locally as they would on Cloudflare.
import { readWranglerConfig } from './wrangler-config.ts';

/** The cron triggers of wrangler.jsonc. */
export function readCrons(path?: string): string[] {
  return readWranglerConfig(path).triggers?.crons ?? [];
}

function fieldMatches(field: string, value: number): boolean {
  return field.split(',').some((part) => {
    if (part === '*') return true;
    const step = /^\*\/(\d+)$/.exec(part);
    if (step) return value % Number(step[1]) === 0;
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) return value >= Number(range[1]) && value <= Number(range[2]);
    return Number(part) === value;
  });
}

/** Standard five-field cron (minute hour day-of-month month day-of-week) against a UTC instant. */
export function cronMatches(cron: string, at: Date): boolean {
  const [minute, hour, day, month, weekday] = cron.trim().split(/\s+/);
  return (
    fieldMatches(minute!, at.getUTCMinutes()) &&
    fieldMatches(hour!, at.getUTCHours()) &&
    fieldMatches(day!, at.getUTCDate()) &&
    fieldMatches(month!, at.getUTCMonth() + 1) &&
    fieldMatches(weekday!, at.getUTCDay())
  );
}

export function startCronTicker(options: { baseUrl: string; crons: string[]; log: (line: string) => void }): () => void {
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const now = new Date();
    for (const cron of options.crons.filter((each) => cronMatches(each, now))) {
      const url = `${options.baseUrl}/__scheduled?cron=${encodeURIComponent(cron)}`;
      await fetch(url).catch((error: Error) => options.log(`cron ${cron} could not be fired: ${error.message}`));
    }
    schedule();
  };
  const schedule = () => {
    const now = Date.now();
    timer = setTimeout(() => void tick(), 60_000 - (now % 60_000) + 50);
    timer.unref();
  };
  schedule();
  return () => clearTimeout(timer);
}
