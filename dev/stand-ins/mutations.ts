// Runtime changes to the upstream data, for sync tests. A mutation edits the
// shared model, so all four providers reflect it, and marks the show as
// changed today in TMDB's /tv/changes.
import type { TmdbShowStatus } from './catalog/spec.ts';
import { type Catalog, findShow, makeEpisode, makeSeason, markChanged } from './model.ts';

export type Mutation =
  | { op: 'reschedule_episode'; tmdbShowId: number; season: number; episode: number; airDate: string | null; airTime?: string | null }
  | { op: 'add_episode'; tmdbShowId: number; season: number; episode?: number; name?: string; airDate: string | null; airTime?: string | null; runtime?: number }
  | { op: 'remove_episode'; tmdbShowId: number; season: number; episode: number }
  | { op: 'set_status'; tmdbShowId: number; status: TmdbShowStatus };

const STATUSES: TmdbShowStatus[] = ['Returning Series', 'Planned', 'In Production', 'Ended', 'Canceled', 'Pilot'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Applies one mutation to the catalog; throws a message (for a 400) when it makes no sense. */
export function applyMutation(catalog: Catalog, mutation: Mutation): void {
  const show = findShow(catalog, Number(mutation.tmdbShowId));
  check(show !== undefined, `no show with tmdbShowId ${mutation.tmdbShowId}`);
  if ('airDate' in mutation) check(mutation.airDate === null || DATE.test(String(mutation.airDate)), 'airDate must be YYYY-MM-DD or null');
  if ('airTime' in mutation && mutation.airTime !== undefined) {
    check(mutation.airTime === null || TIME.test(String(mutation.airTime)), 'airTime must be HH:MM (network-local) or null');
  }
  const findEpisode = (season: number, episode: number) =>
    show.seasons.find((s) => s.number === season)?.episodes.find((ep) => ep.number === episode);

  switch (mutation.op) {
    case 'reschedule_episode': {
      const ep = findEpisode(mutation.season, mutation.episode);
      check(ep !== undefined, `no episode S${mutation.season}E${mutation.episode}`);
      ep.date = mutation.airDate;
      ep.tvdbOnly = false;
      if (mutation.airTime !== undefined) ep.time = mutation.airTime;
      break;
    }
    case 'add_episode': {
      let season = show.seasons.find((s) => s.number === mutation.season);
      if (!season) {
        season = makeSeason(show, mutation.season);
        show.seasons.push(season);
        show.seasons.sort((a, b) => a.number - b.number);
      }
      const number = mutation.episode ?? (season.episodes.at(-1)?.number ?? 0) + 1;
      check(!season.episodes.some((ep) => ep.number === number), `S${mutation.season}E${number} exists already`);
      const ep = makeEpisode(show, mutation.season, number, mutation.airDate);
      if (mutation.name) ep.name = mutation.name;
      if (mutation.airTime !== undefined) ep.time = mutation.airTime;
      if (mutation.runtime !== undefined) ep.runtime = mutation.runtime;
      season.episodes.push(ep);
      season.episodes.sort((a, b) => a.number - b.number);
      break;
    }
    case 'remove_episode': {
      const season = show.seasons.find((s) => s.number === mutation.season);
      const index = season?.episodes.findIndex((ep) => ep.number === mutation.episode) ?? -1;
      check(index >= 0, `no episode S${mutation.season}E${mutation.episode}`);
      season!.episodes.splice(index, 1);
      break;
    }
    case 'set_status':
      check(STATUSES.includes(mutation.status), `status must be one of ${STATUSES.join(', ')}`);
      show.status = mutation.status;
      break;
    default:
      throw new Error(`op must be one of reschedule_episode, add_episode, remove_episode, set_status`);
  }
  markChanged(catalog, show.spec.tmdb);
}
