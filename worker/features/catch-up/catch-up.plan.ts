// The catch-up planner's arithmetic (issue 12), pure: given the episodes left,
// the person's local today, the day to be ready by and the weekdays they watch
// on, how many episodes a week close the gap and which episodes go in which
// session. Sessions run from today up to the day before the target (the
// target itself is the premiere: be ready before it), on the chosen weekdays,
// and share the episodes out as evenly as they go, the larger sessions first.
import { episodeCode } from '../metadata/events.ts';
import { addDays, daysBetween, isoWeekday } from '../../lib/local-time.ts';

export interface LeftEpisode {
  id: string;
  season_number: number;
  episode_number: number;
  /** The episode's runtime, else the show's; null when neither is known. */
  runtime_minutes: number | null;
}

export interface PlannedSession {
  /** The person's local day. */
  date: string;
  /** "S01E04–S01E06", or the one code. */
  label: string;
  /** Known runtime of its episodes. */
  minutes: number;
  episodes: LeftEpisode[];
}

export interface Arithmetic {
  days_left: number;
  weeks_left: number;
  episodes_per_week: number;
  minutes_per_week: number;
  sessions: PlannedSession[];
}

export const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A target at most this many days ahead: the sessions are walked day by day on every timeline read. */
export const MAX_PLAN_DAYS = 730;

/** `per_week` sessions a week as weekdays, spread over the week (ISO: Monday 1 … Sunday 7). */
export const WEEKDAYS_FOR_PER_WEEK: Record<number, number[]> = {
  1: [6],
  2: [3, 6],
  3: [2, 4, 6],
  4: [1, 3, 5, 7],
  5: [1, 2, 4, 5, 7],
  6: [1, 2, 3, 4, 5, 6],
  7: ALL_WEEKDAYS,
};

export function sessionLabel(episodes: Pick<LeftEpisode, 'season_number' | 'episode_number'>[]): string {
  const first = episodes[0]!;
  const last = episodes[episodes.length - 1]!;
  const from = episodeCode(first.season_number, first.episode_number);
  return episodes.length === 1 ? from : `${from}–${episodeCode(last.season_number, last.episode_number)}`;
}

/** The local days from `today` up to the day before `target` that fall on `weekdays`. */
export function sessionDays(today: string, target: string, weekdays: readonly number[]): string[] {
  const wanted = new Set(weekdays);
  const days: string[] = [];
  for (let day = today; day < target; day = addDays(day, 1)) if (wanted.has(isoWeekday(day))) days.push(day);
  return days;
}

/**
 * The plan for `episodes` (in watching order) to be watched from `today` to
 * before `target` (after today) on `weekdays`. Per week: the episodes (and
 * minutes) left spread over the days left, rounded up. With more session days
 * than episodes, the episodes go one a session, spread out from the first day.
 */
export function planCatchUp(input: { today: string; target: string; weekdays: readonly number[]; episodes: LeftEpisode[] }): Arithmetic {
  const { today, target, weekdays, episodes } = input;
  const days = daysBetween(today, target);
  if (days < 1) throw new RangeError(`target ${target} is not after today ${today}`);
  const minutes = episodes.reduce((sum, episode) => sum + (episode.runtime_minutes ?? 0), 0);
  const dates = sessionDays(today, target, weekdays);
  const sessions: PlannedSession[] = [];
  const count = episodes.length;
  const slots = dates.length;
  for (let i = 0; i < slots && count > 0; i++) {
    // Session i takes episodes ceil(i·n/s) up to ceil((i+1)·n/s): shares
    // differ by at most one, the larger ones first.
    const share = episodes.slice(Math.ceil((i * count) / slots), Math.ceil(((i + 1) * count) / slots));
    if (share.length === 0) continue;
    sessions.push({
      date: dates[i]!,
      label: sessionLabel(share),
      minutes: share.reduce((sum, episode) => sum + (episode.runtime_minutes ?? 0), 0),
      episodes: share,
    });
  }
  return {
    days_left: days,
    weeks_left: Math.round((days / 7) * 10) / 10,
    episodes_per_week: Math.ceil((count * 7) / days),
    minutes_per_week: Math.ceil((minutes * 7) / days),
    sessions,
  };
}
