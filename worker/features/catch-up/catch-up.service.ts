// The catch-up planner (issue 12): for a show, the aired episodes a person
// has left, the day to be ready by (the next season's premiere, a day they
// pick, or their saved plan's), how many episodes a week that takes and the
// proposed sessions; and their saved plans. Only the plan is stored: every
// answer, and the sessions on the timeline and in the calendar feed
// (catch-up.events.ts), is derived from it and the current history on read,
// so marking episodes watched moves the later sessions at once. Every query
// is scoped by the signed-in person's id; a plan is only ever its owner's.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { catchUpPlans, shows, users } from '../../db/schema/index.ts';
import { ApiError, notFound, unauthorized } from '../../lib/errors.ts';
import { daysBetween, localDate, wallTimeToUtc } from '../../lib/local-time.ts';
import { ALL_WEEKDAYS, MAX_PLAN_DAYS, planCatchUp, WEEKDAYS_FOR_PER_WEEK, type LeftEpisode } from './catch-up.plan.ts';
import { catchUpQuery, type CatchUpClock, type CatchUpRow } from './catch-up.query.ts';
import type { CatchUp, CatchUpPlanInput } from './catch-up.schemas.ts';

export interface CatchUpDeps {
  db: Db;
  cache: KVNamespace;
}

export type PlanRow = typeof catchUpPlans.$inferSelect;

export interface ShowFacts {
  left: LeftEpisode[];
  premiere: { date: string; season_number: number } | null;
}

/** Per show: the episodes left and the next premiere, in one statement. */
export async function factsFor(db: Db, userId: string, showIds: readonly string[], clock: CatchUpClock): Promise<Map<string, ShowFacts>> {
  const facts = new Map<string, ShowFacts>(showIds.map((id) => [id, { left: [], premiere: null }]));
  if (showIds.length === 0) return facts;
  const { rows } = await db.execute<CatchUpRow>(catchUpQuery(userId, showIds, clock));
  for (const row of rows) {
    const show = facts.get(row.show_id)!;
    if (row.kind === 'premiere') {
      show.premiere = { date: row.day!, season_number: row.season_number };
    } else {
      show.left.push({
        id: row.episode_id,
        season_number: row.season_number,
        episode_number: row.episode_number,
        runtime_minutes: row.runtime_minutes,
      });
    }
  }
  return facts;
}

export interface Settings {
  /** A picked day, or null to follow the next premiere. */
  by: string | null;
  weekdays: number[];
  /** "HH:MM", or null for all-day sessions. */
  time: string | null;
}

/** "HH:MM" of a stored TIME ("HH:MM:SS"). */
export const timeOfDay = (stored: string | null) => (stored ? stored.slice(0, 5) : null);

export const settingsOf = (plan: PlanRow): Settings => ({ by: plan.targetDate, weekdays: plan.weekdays, time: timeOfDay(plan.sessionTime) });

/** The day to be ready by: the one picked, else the next premiere still after today. */
export function targetOf(settings: Settings, facts: ShowFacts, today: string): CatchUp['target'] {
  if (settings.by) return { date: settings.by, source: 'picked' };
  if (facts.premiere && facts.premiere.date > today) return { date: facts.premiere.date, source: 'premiere' };
  return null;
}

function unprocessable(message: string): ApiError {
  return new ApiError(422, 'no_target_date', message);
}

/** The whole answer for one show; 422 no_target_date when episodes are left and no day after today is known. */
export function present(
  show: { id: string; title: string },
  clock: CatchUpClock,
  facts: ShowFacts,
  settings: Settings,
  plan: PlanRow | null,
): CatchUp {
  const target = targetOf(settings, facts, clock.today);
  const left = facts.left;
  const minutesLeft = left.reduce((sum, episode) => sum + (episode.runtime_minutes ?? 0), 0);
  if (left.length > 0 && !target) {
    throw unprocessable(
      `No premiere date is known for the next season of ${show.title}: pick the day you want to be caught up by (by=YYYY-MM-DD).`,
    );
  }
  if (left.length > 0 && target && target.date <= clock.today) {
    throw unprocessable(`${target.date} is not after your today (${clock.today}): pick a later day to be caught up by.`);
  }
  if (left.length > 0 && target && daysBetween(clock.today, target.date) > MAX_PLAN_DAYS) {
    throw unprocessable(`${target.date} is more than ${MAX_PLAN_DAYS} days away: pick a day within two years to be caught up by.`);
  }
  const arithmetic = left.length > 0 && target ? planCatchUp({ today: clock.today, target: target.date, weekdays: settings.weekdays, episodes: left }) : null;
  const daysLeft = target ? Math.max(0, daysBetween(clock.today, target.date)) : null;
  return {
    show: { id: show.id, title: show.title },
    timezone: clock.zone,
    today: clock.today,
    target,
    next_premiere: facts.premiere,
    episodes_left: left.length,
    minutes_left: minutesLeft,
    episodes_without_runtime: left.filter((episode) => episode.runtime_minutes === null).length,
    days_left: daysLeft,
    weeks_left: daysLeft === null ? null : Math.round((daysLeft / 7) * 10) / 10,
    episodes_per_week: arithmetic?.episodes_per_week ?? 0,
    minutes_per_week: arithmetic?.minutes_per_week ?? 0,
    weekdays: settings.weekdays,
    time: settings.time,
    sessions: (arithmetic?.sessions ?? []).map((session) => ({
      date: session.date,
      starts_at: settings.time ? wallTimeToUtc(session.date, settings.time, clock.zone).toISOString() : null,
      local_time: settings.time,
      label: session.label,
      minutes: session.minutes,
      episodes: session.episodes,
    })),
    plan: plan
      ? { by: plan.targetDate, weekdays: plan.weekdays, time: timeOfDay(plan.sessionTime), updated_at: plan.updatedAt.toISOString() }
      : null,
  };
}

/** The person's zone and today, and the show (a TV show: a movie has nothing to catch up on), and their plan for it. */
async function load(db: Db, userId: string, showId: string, now: Date) {
  const [person] = await db.select({ zone: users.timezone }).from(users).where(eq(users.id, userId));
  if (!person) throw unauthorized('This account no longer exists.');
  const [show] = await db
    .select({ id: shows.id, title: shows.title })
    .from(shows)
    .where(and(eq(shows.id, showId), eq(shows.mediaType, 'tv')));
  if (!show) throw notFound('No show with this id.');
  const [plan] = await db
    .select()
    .from(catchUpPlans)
    .where(and(eq(catchUpPlans.userId, userId), eq(catchUpPlans.showId, showId)));
  const clock: CatchUpClock = { now, zone: person.zone, today: localDate(now, person.zone) };
  return { show, plan: plan ?? null, clock };
}

export interface CatchUpQuery {
  by?: string;
  per_week?: number;
  weekdays?: number[];
}

const weekdaysOf = (input: { per_week?: number; weekdays?: number[] }): number[] | undefined =>
  input.weekdays ? [...input.weekdays].sort() : input.per_week ? WEEKDAYS_FOR_PER_WEEK[input.per_week] : undefined;

/** The catch-up for a show: what the query asks, else the saved plan's settings, else the next premiere and every day. */
export async function getCatchUp(db: Db, userId: string, showId: string, query: CatchUpQuery, now: Date): Promise<CatchUp> {
  const { show, plan, clock } = await load(db, userId, showId, now);
  const saved: Settings = plan ? settingsOf(plan) : { by: null, weekdays: ALL_WEEKDAYS, time: null };
  const settings: Settings = { by: query.by ?? saved.by, weekdays: weekdaysOf(query) ?? saved.weekdays, time: saved.time };
  const facts = (await factsFor(db, userId, [showId], clock)).get(showId)!;
  return present(show, clock, facts, settings, plan);
}

/** Saves (replaces) the plan, after checking it gives a day to be ready by; answers the catch-up it makes. */
export async function savePlan(deps: CatchUpDeps, userId: string, showId: string, input: CatchUpPlanInput, now: Date): Promise<CatchUp> {
  const { show, clock } = await load(deps.db, userId, showId, now);
  const settings: Settings = { by: input.by ?? null, weekdays: weekdaysOf(input) ?? ALL_WEEKDAYS, time: input.time ?? null };
  const facts = (await factsFor(deps.db, userId, [showId], clock)).get(showId)!;
  present(show, clock, facts, settings, null); // 422 before anything is stored
  const values = { targetDate: settings.by, weekdays: settings.weekdays, sessionTime: settings.time, updatedAt: new Date() };
  const [plan] = await deps.db
    .insert(catchUpPlans)
    .values({ userId, showId, ...values })
    .onConflictDoUpdate({ target: [catchUpPlans.userId, catchUpPlans.showId], set: values })
    .returning();
  // The calendar feed's cache key carries the timeline version: a new plan retires it.
  return present(show, clock, facts, settings, plan!);
}

/** Removes the plan; 404 when the person has none for the show. */
export async function deletePlan(deps: CatchUpDeps, userId: string, showId: string): Promise<void> {
  const deleted = await deps.db
    .delete(catchUpPlans)
    .where(and(eq(catchUpPlans.userId, userId), eq(catchUpPlans.showId, showId)))
    .returning({ showId: catchUpPlans.showId });
  if (deleted.length === 0) throw notFound('You have no catch-up plan for this show.');
}
