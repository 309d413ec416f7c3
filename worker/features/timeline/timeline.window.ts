// Which local days (and, for "upcoming", which instants) a timeline request
// covers in the person's zone, given the current instant. Pure, so the
// boundaries are tested with fixed clocks.
import { ApiError } from '../../lib/errors.ts';
import { addDays, daysBetween, isoWeekOf, localDate } from '../../lib/local-time.ts';
import type { TimelineEventType } from './timeline.schemas.ts';

/** A range covers at most a (leap) year of local days, both ends included. */
export const MAX_RANGE_DAYS = 366;
/** `to` defaults to `from` plus this many days. */
export const DEFAULT_RANGE_DAYS = 30;
export const UPCOMING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type TimelineView =
  | { kind: 'range'; from?: string; to?: string; types?: TimelineEventType[] }
  | { kind: 'today' | 'week' | 'upcoming'; types?: TimelineEventType[] };

export interface TimelineWindow {
  /** The person's local today, which also names the cache entry's day. */
  today: string;
  /** The local days answered, both included. */
  from: string;
  to: string;
  /** The local days fetched and cached; wider than from..to only for "upcoming". */
  fetchFrom: string;
  fetchTo: string;
  /** "Upcoming" only: timed events must start at or after `notBefore` and before `before` (ms). */
  instants?: { notBefore: number; before: number };
  types: TimelineEventType[] | null;
  /** The route and query, for the cache key. */
  variant: string;
}

export function rangeProblem(from: string, to: string): { field: 'from' | 'to'; message: string } | null {
  const days = daysBetween(from, to);
  if (days < 0) return { field: 'to', message: `to (${to}) is before from (${from})` };
  if (days + 1 > MAX_RANGE_DAYS) return { field: 'to', message: `The range covers ${days + 1} days; at most ${MAX_RANGE_DAYS}` };
  return null;
}

export function resolveWindow(view: TimelineView, now: Date, zone: string): TimelineWindow {
  const today = localDate(now, zone);
  const types = view.types?.length ? view.types : null;
  const variantOf = (name: string) => `${name}:${types?.join(',') ?? 'all'}`;
  const days = (from: string, to: string, name: string): TimelineWindow => ({
    today,
    from,
    to,
    fetchFrom: from,
    fetchTo: to,
    types,
    variant: variantOf(name),
  });

  switch (view.kind) {
    case 'today':
      return days(today, today, 'today');
    case 'week': {
      const week = isoWeekOf(today);
      return days(week.from, week.to, 'week');
    }
    case 'upcoming': {
      const before = now.getTime() + UPCOMING_DAYS * DAY_MS;
      return {
        ...days(today, localDate(before, zone), 'upcoming'),
        // Thirty days of 24 hours may end on local day +29..+31 across DST
        // changes; fetch the widest so one cached entry serves the whole day.
        fetchTo: addDays(today, UPCOMING_DAYS + 1),
        instants: { notBefore: now.getTime(), before },
      };
    }
    case 'range': {
      const from = view.from ?? today;
      const to = view.to ?? addDays(from, DEFAULT_RANGE_DAYS);
      const problem = rangeProblem(from, to);
      if (problem) {
        throw new ApiError(400, 'validation_failed', `Invalid query string: ${problem.field}: ${problem.message}`, {
          fields: { [problem.field]: problem.message },
        });
      }
      return days(from, to, `range:${from}:${to}`);
    }
  }
}
