// A person's saved catch-up plans as events of type `catch_up` on their
// timeline and in their calendar feed: one per planned session, "Catch up:
// S01E04–S01E06". They are derived from the plans and the current history
// (one query for the plans, one for every planned show's episodes), never
// stored. The timeline's cached answers and the calendar feed's body hold
// them under the person's state version (lib/person-state.ts), which saving
// a plan, removing one and every watch change bump in Postgres, so they are
// always the plan as it stands: mark episodes watched and the later sessions
// shift.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { catchUpPlans, shows, userTrackedShows } from '../../db/schema/index.ts';
import { sha256Hex } from '../../lib/cache.ts';
import { ApiError } from '../../lib/errors.ts';
import { localDate } from '../../lib/local-time.ts';
import type { FeedEvent } from '../calendar/calendar.ics.ts';
import type { FeedOptions } from '../calendar/calendar.schemas.ts';
import { compareEvents } from '../timeline/timeline.presenter.ts';
import type { CachedEvent, TimelineEvent } from '../timeline/timeline.schemas.ts';
import type { TimelineWindow } from '../timeline/timeline.window.ts';
import { factsFor, present, settingsOf } from './catch-up.service.ts';

export interface CatchUpEvent extends CachedEvent {
  runtimeMinutes: number | null;
  overview: string;
  createdAt: Date;
  updatedAt: Date;
  favorite: boolean;
}

/** A stable UUID per person, show and day (v8, from a hash), so a calendar keeps the session's identity while it changes. */
async function sessionId(userId: string, showId: string, date: string): Promise<string> {
  const hex = await sha256Hex(`catch-up:${userId}:${showId}:${date}`);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const hoursAndMinutes = (minutes: number) =>
  minutes >= 60 ? `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}` : `${minutes} min`;

/** The sessions of the person's plans on the local days from..to (both included), in `zone`. */
export async function catchUpEvents(db: Db, userId: string, zone: string, now: Date, from: string, to: string): Promise<CatchUpEvent[]> {
  const plans = await db
    .select({ plan: catchUpPlans, title: shows.title, posterUrl: shows.posterUrl, favorite: userTrackedShows.isFavorite })
    .from(catchUpPlans)
    .innerJoin(shows, eq(shows.id, catchUpPlans.showId))
    .leftJoin(userTrackedShows, and(eq(userTrackedShows.userId, userId), eq(userTrackedShows.showId, catchUpPlans.showId)))
    .where(eq(catchUpPlans.userId, userId));
  if (plans.length === 0) return [];
  const clock = { now, zone, today: localDate(now, zone) };
  const facts = await factsFor(
    db,
    userId,
    plans.map((row) => row.plan.showId),
    clock,
  );
  const events: CatchUpEvent[] = [];
  for (const { plan, title, posterUrl, favorite } of plans) {
    let answer;
    try {
      answer = present({ id: plan.showId, title }, clock, facts.get(plan.showId)!, settingsOf(plan), plan);
    } catch (error) {
      // Its day has passed, or the premiere it follows is not known (any more): no sessions to show.
      if (error instanceof ApiError) continue;
      throw error;
    }
    const ready =
      answer.target?.source === 'premiere' ? `the season ${answer.next_premiere!.season_number} premiere on ${answer.target.date}` : answer.target?.date;
    for (const session of answer.sessions) {
      if (session.date < from || session.date > to) continue;
      const heading = `Catch up: ${session.label}`;
      const count = session.episodes.length;
      events.push({
        id: await sessionId(userId, plan.showId, session.date),
        event_type: 'catch_up',
        title: heading,
        description: heading,
        show: { id: plan.showId, title, media_type: 'tv', poster_url: posterUrl },
        season_number: null,
        episode_number: null,
        episode_id: null,
        all_day: session.starts_at === null,
        starts_at: session.starts_at,
        date: session.date,
        local_time: session.local_time,
        runtimeMinutes: session.minutes || null,
        overview: `${count} episode${count === 1 ? '' : 's'}${session.minutes ? `, about ${hoursAndMinutes(session.minutes)}` : ''}, to be caught up by ${ready}.`,
        createdAt: plan.createdAt,
        updatedAt: plan.updatedAt,
        favorite: favorite === true,
      });
    }
  }
  return events;
}

const strip = ({ runtimeMinutes: _r, overview: _o, createdAt: _c, updatedAt: _u, favorite: _f, ...event }: CatchUpEvent): CachedEvent => event;

/** The plan sessions in a timeline window, as timeline events. */
export async function catchUpTimelineEvents(db: Db, userId: string, zone: string, window: TimelineWindow, now: Date): Promise<TimelineEvent[]> {
  if (window.types && !window.types.includes('catch_up')) return [];
  const sessions = await catchUpEvents(db, userId, zone, now, window.from, window.to);
  return sessions
    .filter((session) => {
      if (!window.instants || session.starts_at === null) return true;
      const startsAt = Date.parse(session.starts_at);
      return startsAt >= window.instants.notBefore && startsAt < window.instants.before;
    })
    .map((session) => ({ ...strip(session), watched: null }));
}

/** The timeline's events with the plan sessions merged in, in the timeline's order. */
export const withCatchUpSessions = (events: TimelineEvent[], sessions: TimelineEvent[]): TimelineEvent[] =>
  sessions.length === 0 ? events : [...events, ...sessions].sort(compareEvents);

/** The feed's events with the plan sessions from..to merged in, as the feed's options select them. */
export async function withCatchUpFeedEvents(
  db: Db,
  owner: { userId: string; zone: string },
  from: string,
  to: string,
  options: FeedOptions,
  now: Date,
  events: FeedEvent[],
): Promise<FeedEvent[]> {
  if (options.types && !options.types.includes('catch_up')) return events;
  const sessions = (await catchUpEvents(db, owner.userId, owner.zone, now, from, to)).filter(
    (session) => !options.favoritesOnly || session.favorite,
  );
  if (sessions.length === 0) return events;
  const feedEvents: FeedEvent[] = sessions.map((session) => ({
    ...strip(session),
    sequence: 0,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    runtimeMinutes: session.runtimeMinutes,
    overview: session.overview,
    alarmHoursBefore: null,
  }));
  return [...events, ...feedEvents].sort(compareEvents);
}
