// Watch history (docs/design.md#watch-history): one row per watch of an
// episode or a movie. Marking a season, a show or "up to here" is one
// INSERT … SELECT over the episodes, which in the same statement leaves out
// what has not aired (and, unless it is a rewatch, what was already watched)
// and drops the person's pending notifications for what they marked. The
// per-show progress (last watched season and episode) is derived from the
// watches. Every query is scoped by the person's id; another person's watch is
// a 404. Watching a title takes it off the watchlist (docs/design.md#watchlist).
// Every change bumps the person's timeline version (docs/design.md#cache-keys),
// so no cached timeline or calendar outlives it.
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import { uuidArray } from '../../db/arrays.ts';
import type { Db, Executor } from '../../db/client.ts';
import { episodes, seasons, shows, watches, watchTime } from '../../db/schema/index.ts';
import { ApiError, badRequest, notFound } from '../../lib/errors.ts';
import { episodeCode } from '../metadata/events.ts';
import { leaveWatchlist } from '../watchlist/leave-watchlist.ts';
import type { EditWatchSchema, MarkResultSchema, MarkSchema, WatchSchema, WatchStateSchema } from './history.schemas.ts';
import { watchStateQuery, type WatchStateRow } from './watch-state.query.ts';

export interface HistoryDeps {
  db: Db;
  cache: KVNamespace;
}

const PAGE_SIZE = 50;

type WatchRow = typeof watches.$inferSelect;
type Source = WatchRow['source'];
type Watch = z.infer<typeof WatchSchema>;
type WhenInput = Pick<z.infer<typeof MarkSchema>, 'when' | 'watched_at' | 'watched_on'>;

/** A person's progress on a show: their highest watched regular-season episode. */
export interface Progress {
  last_watched_season: number | null;
  last_watched_episode: number | null;
}

const NO_PROGRESS: Progress = { last_watched_season: null, last_watched_episode: null };

export function toWatch(row: WatchRow): Watch {
  return {
    id: row.id,
    show_id: row.showId,
    episode_id: row.episodeId,
    season_number: row.seasonNumber,
    episode_number: row.episodeNumber,
    watched_at: row.watchedAt?.toISOString() ?? null,
    watched_on: row.watchedOn,
    source: row.source,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Progress on each of these shows, one index probe per show; shows without a watched episode are absent. */
export async function progressFor(db: Executor, userId: string, showIds: string[]): Promise<Map<string, Progress>> {
  if (showIds.length === 0) return new Map();
  const result = await db.execute<{ show_id: string; season_number: number; episode_number: number }>(sql`
    SELECT k.show_id, p.season_number, p.episode_number
    FROM unnest(${uuidArray(showIds)}) AS k(show_id)
    CROSS JOIN LATERAL (
      SELECT w.season_number, w.episode_number FROM watches w
      WHERE w.user_id = ${userId} AND w.show_id = k.show_id AND w.season_number > 0
      ORDER BY w.season_number DESC, w.episode_number DESC
      LIMIT 1
    ) p`);
  return new Map(
    result.rows.map((row) => [row.show_id, { last_watched_season: row.season_number, last_watched_episode: row.episode_number }]),
  );
}

async function progressOf(db: Executor, userId: string, showId: string): Promise<Progress> {
  return (await progressFor(db, userId, [showId])).get(showId) ?? NO_PROGRESS;
}

// ---------------------------------------------------------------- when

type When =
  | { kind: 'now' | 'air_time' | 'unknown' }
  | { kind: 'at'; at: Date }
  | { kind: 'on'; on: string };

function whenOf(input: WhenInput): When {
  if (input.watched_at !== undefined) return { kind: 'at', at: new Date(input.watched_at) };
  if (input.watched_on !== undefined) return { kind: 'on', on: input.watched_on };
  return { kind: input.when ?? 'now' };
}

// Instants are kept to the millisecond, as JSON gives them back, so a watch
// answers exactly the instant it was given, and `now` the instant it stored.
const NOW = sql`date_trunc('milliseconds', now())`;

/** The watched_at and watched_on a new watch gets, from its candidate row `c` (airs_at, air_date). */
function whenColumns(when: When): { at: SQL; on: SQL } {
  switch (when.kind) {
    case 'now':
      return { at: NOW, on: sql`NULL::date` };
    case 'air_time':
      return { at: sql`c.airs_at`, on: sql`CASE WHEN c.airs_at IS NULL THEN c.air_date END` };
    case 'unknown':
      return { at: sql`NULL::timestamptz`, on: sql`NULL::date` };
    case 'at':
      return { at: sql`${when.at.toISOString()}::timestamptz`, on: sql`NULL::date` };
    case 'on':
      return { at: sql`NULL::timestamptz`, on: sql`${when.on}::date` };
  }
}

// ---------------------------------------------------------------- marking

type Scope =
  | { kind: 'episode'; episodeId: string }
  | { kind: 'season'; showId: string; season: number }
  | { kind: 'show'; showId: string }
  | { kind: 'up_to'; showId: string; season: number; episode: number }
  | { kind: 'movie'; showId: string };

/**
 * What a scope could mark, one row each: the episode's (or movie's) numbers,
 * air instant and day, whether it has aired (a date-only episode on its day
 * in the person's zone) and whether the person already watched it.
 */
function candidates(userId: string, scope: Scope): SQL {
  const today = sql`(now() AT TIME ZONE u.timezone)::date`;
  if (scope.kind === 'movie') {
    return sql`
      SELECT NULL::uuid AS episode_id, s.id AS show_id, NULL::int AS season_number, NULL::int AS episode_number,
             NULL::timestamptz AS airs_at, s.premiere_date AS air_date,
             COALESCE(s.premiere_date <= ${today}, false) AS aired,
             EXISTS (SELECT 1 FROM watches w WHERE w.user_id = u.id AND w.show_id = s.id AND w.season_number IS NULL) AS seen
      FROM shows s, users u
      WHERE u.id = ${userId} AND s.id = ${scope.showId} AND s.media_type = 'movie'`;
  }
  return sql`
    SELECT e.id AS episode_id, e.show_id, e.season_number, e.episode_number, e.airs_at, e.air_date,
           COALESCE(e.airs_at <= now(), e.air_date <= ${today}, false) AS aired,
           EXISTS (SELECT 1 FROM watches w WHERE w.user_id = u.id AND w.show_id = e.show_id
                   AND w.season_number = e.season_number AND w.episode_number = e.episode_number) AS seen
    FROM episodes e, users u
    WHERE u.id = ${userId} AND ${episodeFilter(scope)}`;
}

function episodeFilter(scope: Exclude<Scope, { kind: 'movie' }>): SQL {
  switch (scope.kind) {
    case 'episode':
      return sql`e.id = ${scope.episodeId}`;
    case 'season':
      return sql`e.show_id = ${scope.showId} AND e.season_number = ${scope.season}`;
    case 'show':
      // Specials (season 0) are not part of "the whole show".
      return sql`e.show_id = ${scope.showId} AND e.season_number > 0`;
    case 'up_to':
      // Up to a regular episode: every regular one before it. Up to a special: the specials before it.
      return sql`e.show_id = ${scope.showId} AND (e.season_number, e.episode_number) <= (${scope.season}::int, ${scope.episode}::int)
                 AND (e.season_number > 0 OR ${scope.season}::int = 0)`;
  }
}

interface MarkOutcome extends Record<string, unknown> {
  candidates: number;
  added: number;
  already_watched: number;
  not_aired: number;
  show_id: string | null;
  /** The first candidate's numbers: the episode, for a scope of one. */
  season_number: number | null;
  episode_number: number | null;
  /** The first watch recorded. */
  added_id: string | null;
  /** The first candidate still to air. */
  next_season: number | null;
  next_episode: number | null;
  next_airs_at: string | null;
  next_air_date: string | null;
}

/**
 * Marks a scope watched in one statement: records a watch of each candidate
 * that has aired (and, unless `rewatch`, that the person has not watched),
 * drops their pending notifications for every aired candidate, and counts
 * what it left out.
 */
async function markStatement(db: Executor, userId: string, scope: Scope, when: When, options: { rewatch: boolean; source: Source }) {
  const { at, on } = whenColumns(when);
  const result = await db.execute<MarkOutcome>(sql`
    WITH c AS (${candidates(userId, scope)}),
    added AS (
      INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, watched_on, source)
      SELECT ${userId}, c.show_id, c.episode_id, c.season_number, c.episode_number, ${at}, ${on}, ${options.source}
      FROM c
      WHERE c.aired AND (${options.rewatch}::boolean OR NOT c.seen)
      RETURNING id
    ),
    dropped AS (
      DELETE FROM notifications n USING timeline_events te, c
      WHERE c.aired AND n.user_id = ${userId} AND n.status = 'pending' AND n.timeline_event_id = te.id
        AND te.show_id = c.show_id
        AND CASE WHEN c.season_number IS NULL THEN te.event_type = 'movie_release'
                 ELSE te.season_number = c.season_number AND te.episode_number = c.episode_number END
      RETURNING n.id
    )
    SELECT (SELECT count(*)::int FROM c) AS candidates,
           (SELECT count(*)::int FROM added) AS added,
           (SELECT count(*)::int FROM c WHERE c.aired AND c.seen AND NOT ${options.rewatch}::boolean) AS already_watched,
           (SELECT count(*)::int FROM c WHERE NOT c.aired) AS not_aired,
           (SELECT count(*)::int FROM dropped) AS dropped,
           (SELECT c.show_id FROM c LIMIT 1) AS show_id,
           (SELECT c.season_number FROM c LIMIT 1) AS season_number,
           (SELECT c.episode_number FROM c LIMIT 1) AS episode_number,
           (SELECT id FROM added LIMIT 1) AS added_id,
           next.season_number AS next_season, next.episode_number AS next_episode,
           to_char(next.airs_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_airs_at,
           to_char(next.air_date, 'YYYY-MM-DD') AS next_air_date
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (
      SELECT c.season_number, c.episode_number, c.airs_at, c.air_date FROM c WHERE NOT c.aired
      ORDER BY COALESCE(c.airs_at, c.air_date::timestamp AT TIME ZONE 'UTC') NULLS LAST, c.season_number, c.episode_number
      LIMIT 1
    ) next ON true`);
  return result.rows[0]!;
}

/** Marks a scope (markStatement) and, when it recorded a watch, takes the title off the watchlist, in one transaction. */
async function mark(db: Db, userId: string, scope: Scope, when: When, options: { rewatch: boolean; source: Source }) {
  return db.transaction(async (tx) => {
    const outcome = await markStatement(tx, userId, scope, when, options);
    if (outcome.added > 0) await leaveWatchlist(tx, userId, outcome.show_id!);
    return outcome;
  });
}

/** The day the next candidate airs, as the providers give it; undefined when nobody knows yet. */
const nextDay = (outcome: MarkOutcome) => outcome.next_air_date ?? outcome.next_airs_at?.slice(0, 10);

function notAired(outcome: MarkOutcome): ApiError {
  const day = nextDay(outcome);
  const message =
    outcome.next_season === null
      ? `This movie has not been released yet; ${day ? `it comes out on ${day}` : 'it has no release date yet'}.`
      : `${episodeCode(outcome.next_season, outcome.next_episode!)} has not aired yet; ${day ? `it airs on ${day}` : 'it has no air date yet'}.`;
  return new ApiError(422, 'not_aired', message);
}

function skippedNotice(outcome: MarkOutcome): string | null {
  if (outcome.not_aired === 0) return null;
  const day = nextDay(outcome);
  const next = episodeCode(outcome.next_season!, outcome.next_episode!);
  const skipped =
    outcome.not_aired === 1
      ? '1 episode has not aired yet and was not marked'
      : `${outcome.not_aired} episodes have not aired yet and were not marked`;
  return `${skipped}; ${outcome.not_aired === 1 ? next : `the next, ${next},`} ${day ? `airs on ${day}` : 'has no air date yet'}.`;
}

async function changed(deps: HistoryDeps, userId: string) {
}

/** For a scope of one: the watch just recorded, or else the person's latest watch of it. */
async function watchAfterMark(db: Db, userId: string, outcome: MarkOutcome) {
  const [row] = await db
    .select()
    .from(watches)
    .where(
      outcome.added_id
        ? and(eq(watches.id, outcome.added_id), eq(watches.userId, userId))
        : and(
            eq(watches.userId, userId),
            eq(watches.showId, outcome.show_id!),
            outcome.season_number === null ? sql`${watches.seasonNumber} IS NULL` : eq(watches.seasonNumber, outcome.season_number),
            outcome.episode_number === null ? undefined : eq(watches.episodeNumber, outcome.episode_number),
          ),
    )
    .orderBy(sql`${watchTime} DESC NULLS LAST`, desc(watches.createdAt), desc(watches.id))
    .limit(1);
  return toWatch(row!);
}

/**
 * Marks one episode watched. Already watched and not a rewatch: nothing is
 * added and the latest watch answers (created: false). 404 for an unknown
 * episode, 422 not_aired for one still to air.
 */
export async function markEpisode(
  deps: HistoryDeps,
  userId: string,
  episodeId: string,
  input: z.infer<typeof MarkSchema>,
  source: Source = 'app',
): Promise<{ watch: Watch; created: boolean }> {
  const outcome = await mark(deps.db, userId, { kind: 'episode', episodeId }, whenOf(input), { rewatch: input.rewatch ?? false, source });
  if (outcome.candidates === 0) throw notFound('No episode with this id.');
  if (outcome.not_aired > 0) throw notAired(outcome);
  if (outcome.added > 0) await changed(deps, userId);
  return { watch: await watchAfterMark(deps.db, userId, outcome), created: outcome.added > 0 };
}

async function showOf(db: Db, showId: string) {
  const [show] = await db.select({ id: shows.id, title: shows.title, mediaType: shows.mediaType }).from(shows).where(eq(shows.id, showId));
  if (!show) throw notFound('No show or movie with this id.');
  return show;
}

async function tvShowOf(db: Db, showId: string) {
  const show = await showOf(db, showId);
  if (show.mediaType === 'movie') throw badRequest('This is a movie: mark it with POST /api/v1/history/movies/{show_id}.');
  return show;
}

/** Marks a movie watched; as markEpisode, with the release day for its air time. */
export async function markMovie(deps: HistoryDeps, userId: string, showId: string, input: z.infer<typeof MarkSchema>) {
  const show = await showOf(deps.db, showId);
  if (show.mediaType !== 'movie') throw badRequest('This is a TV show: mark its episodes, a season or the whole show instead.');
  const outcome = await mark(deps.db, userId, { kind: 'movie', showId }, whenOf(input), { rewatch: input.rewatch ?? false, source: 'app' });
  if (outcome.not_aired > 0) throw notAired(outcome);
  if (outcome.added > 0) await changed(deps, userId);
  return { watch: await watchAfterMark(deps.db, userId, outcome), created: outcome.added > 0 };
}

export type BatchScope =
  | { kind: 'season'; season: number }
  | { kind: 'show' }
  | { kind: 'up_to'; season: number; episode: number };

/** Marks a season, a whole show, or everything up to an episode, in one statement. */
export async function markMany(
  deps: HistoryDeps,
  userId: string,
  showId: string,
  scope: BatchScope,
  input: z.infer<typeof MarkSchema>,
): Promise<z.infer<typeof MarkResultSchema>> {
  await tvShowOf(deps.db, showId);
  if (scope.kind === 'season') {
    const [season] = await deps.db
      .select({ id: seasons.id })
      .from(seasons)
      .where(and(eq(seasons.showId, showId), eq(seasons.seasonNumber, scope.season)));
    if (!season) throw notFound(`This show has no season ${scope.season}.`);
  }
  if (scope.kind === 'up_to') {
    const [episode] = await deps.db
      .select({ id: episodes.id })
      .from(episodes)
      .where(and(eq(episodes.showId, showId), eq(episodes.seasonNumber, scope.season), eq(episodes.episodeNumber, scope.episode)));
    if (!episode) {
      throw badRequest(`This show has no ${episodeCode(scope.season, scope.episode)}.`, {
        episode_number: `No episode ${scope.episode} in season ${scope.season}`,
      });
    }
  }
  const outcome = await mark(deps.db, userId, { ...scope, showId }, whenOf(input), { rewatch: input.rewatch ?? false, source: 'app' });
  if (outcome.added > 0) await changed(deps, userId);
  return {
    show_id: showId,
    added: outcome.added,
    already_watched: outcome.already_watched,
    not_aired: outcome.not_aired,
    notice: skippedNotice(outcome),
    ...(await progressOf(deps.db, userId, showId)),
  };
}

/**
 * A notification's "Mark watched" (source push): the episode of the show
 * with these numbers, watched now, once (a second call adds nothing).
 * Returns the progress on the show after it.
 */
export async function markNotifiedEpisode(
  deps: HistoryDeps,
  userId: string,
  target: { showId: string; season: number; episode: number },
): Promise<Progress> {
  const [episode] = await deps.db
    .select({ id: episodes.id })
    .from(episodes)
    .where(and(eq(episodes.showId, target.showId), eq(episodes.seasonNumber, target.season), eq(episodes.episodeNumber, target.episode)));
  if (!episode) throw notFound(`${episodeCode(target.season, target.episode)} is no longer listed for this show.`);
  await markEpisode(deps, userId, episode.id, {}, 'push');
  return progressOf(deps.db, userId, target.showId);
}

// ---------------------------------------------------------------- unmarking, editing, removing

/** Unmarks one episode: every watch of it goes. Idempotent. */
export async function unmarkEpisode(deps: HistoryDeps, userId: string, episodeId: string) {
  const [episode] = await deps.db
    .select({ showId: episodes.showId, season: episodes.seasonNumber, episode: episodes.episodeNumber })
    .from(episodes)
    .where(eq(episodes.id, episodeId));
  if (!episode) throw notFound('No episode with this id.');
  // By its numbers, so watches unlinked by a sync go too.
  const removed = await deps.db
    .delete(watches)
    .where(
      and(
        eq(watches.userId, userId),
        eq(watches.showId, episode.showId),
        eq(watches.seasonNumber, episode.season),
        eq(watches.episodeNumber, episode.episode),
      ),
    )
    .returning({ id: watches.id });
  if (removed.length > 0) await changed(deps, userId);
  return { removed: removed.length, ...(await progressOf(deps.db, userId, episode.showId)) };
}

/** Changes when a watch happened. 404 for someone else's. */
export async function editWatch(deps: HistoryDeps, userId: string, watchId: string, input: z.infer<typeof EditWatchSchema>) {
  const [found] = await deps.db
    .select({ airsAt: episodes.airsAt, airDate: episodes.airDate, releaseDate: shows.premiereDate, season: watches.seasonNumber })
    .from(watches)
    .innerJoin(shows, eq(shows.id, watches.showId))
    .leftJoin(episodes, eq(episodes.id, watches.episodeId))
    .where(and(eq(watches.id, watchId), eq(watches.userId, userId)));
  if (!found) throw notFound('No such watch.');
  const when = whenOf(input);
  let set: { watchedAt: Date | SQL | null; watchedOn: string | null };
  switch (when.kind) {
    case 'now':
      set = { watchedAt: NOW, watchedOn: null };
      break;
    case 'unknown':
      set = { watchedAt: null, watchedOn: null };
      break;
    case 'at':
      set = { watchedAt: when.at, watchedOn: null };
      break;
    case 'on':
      set = { watchedAt: null, watchedOn: when.on };
      break;
    case 'air_time': {
      const airDate = found.season === null ? found.releaseDate : found.airDate;
      if (!found.airsAt && !airDate) {
        throw badRequest('When this aired is not known (the catalog no longer lists it, or never had its date).', {
          when: 'Air time unknown',
        });
      }
      set = found.airsAt ? { watchedAt: found.airsAt, watchedOn: null } : { watchedAt: null, watchedOn: airDate };
    }
  }
  const [updated] = await deps.db
    .update(watches)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(watches.id, watchId), eq(watches.userId, userId)))
    .returning();
  if (!updated) throw notFound('No such watch.');
  await changed(deps, userId);
  return toWatch(updated);
}

/** Removes one watch. 404 for someone else's. */
export async function removeWatch(deps: HistoryDeps, userId: string, watchId: string): Promise<void> {
  const removed = await deps.db
    .delete(watches)
    .where(and(eq(watches.id, watchId), eq(watches.userId, userId)))
    .returning({ id: watches.id });
  if (removed.length === 0) throw notFound('No such watch.');
  await changed(deps, userId);
}

/**
 * Deletes every watch of one show or movie, only with `confirm: true`;
 * without it, a 400 says what would go.
 */
export async function deleteShowHistory(deps: HistoryDeps, userId: string, showId: string, confirm: boolean | undefined) {
  const show = await showOf(deps.db, showId);
  const mine = and(eq(watches.userId, userId), eq(watches.showId, showId));
  if (confirm !== true) {
    const [counted] = await deps.db.select({ count: sql<number>`count(*)::int` }).from(watches).where(mine);
    const count = counted?.count ?? 0;
    throw badRequest(
      count === 0
        ? `You have no watches of “${show.title}”, so nothing would be deleted.`
        : `This deletes ${count === 1 ? 'your 1 watch' : `all ${count} of your watches`} of “${show.title}” from your history, for good. Send { "confirm": true } to delete ${count === 1 ? 'it' : 'them'}.`,
      { confirm: 'Send true to confirm' },
    );
  }
  const removed = await deps.db.delete(watches).where(mine).returning({ id: watches.id });
  if (removed.length > 0) await changed(deps, userId);
  return { removed: removed.length };
}

// ---------------------------------------------------------------- reading

/** History newest first (unknown days last), 50 a page, optionally of one show. */
export async function listHistory(db: Db, userId: string, input: { show_id?: string; page: number }) {
  const rows = await db
    .select({ watch: watches, title: shows.title, mediaType: shows.mediaType, posterUrl: shows.posterUrl, episodeTitle: episodes.title })
    .from(watches)
    .innerJoin(shows, eq(shows.id, watches.showId))
    .leftJoin(episodes, eq(episodes.id, watches.episodeId))
    .where(and(eq(watches.userId, userId), input.show_id ? eq(watches.showId, input.show_id) : undefined))
    .orderBy(sql`${watchTime} DESC NULLS LAST`, desc(watches.createdAt), desc(watches.id))
    .limit(PAGE_SIZE + 1)
    .offset((input.page - 1) * PAGE_SIZE);
  return {
    page: input.page,
    page_size: PAGE_SIZE,
    has_more: rows.length > PAGE_SIZE,
    watches: rows.slice(0, PAGE_SIZE).map((row) => ({
      ...toWatch(row.watch),
      show: { id: row.watch.showId, title: row.title, media_type: row.mediaType, poster_url: row.posterUrl },
      episode_title: row.episodeTitle,
    })),
  };
}

/** What the person watched of one show or movie (watch-state.query.ts). */
export async function watchState(db: Db, userId: string, showId: string): Promise<z.infer<typeof WatchStateSchema>> {
  const { rows } = await db.execute<WatchStateRow>(watchStateQuery(userId, showId));
  if (rows.length === 0) throw notFound('No show or movie with this id.');
  const latest = (row: WatchStateRow) => ({
    plays: row.plays!,
    last_watched_at: row.last_watched_at,
    last_watched_on: row.last_watched_on,
  });
  const watched = rows.filter((row) => row.plays !== null);
  const movieRow = watched.find((row) => row.season_number === null);
  const episodeRows = watched.filter((row) => row.season_number !== null);
  const highest = episodeRows.filter((row) => row.season_number! > 0).at(-1);
  return {
    show_id: showId,
    media_type: rows[0]!.media_type,
    last_watched_season: highest?.season_number ?? null,
    last_watched_episode: highest?.episode_number ?? null,
    movie: movieRow ? latest(movieRow) : null,
    episodes: episodeRows.map((row) => ({
      episode_id: row.episode_id,
      season_number: row.season_number!,
      episode_number: row.episode_number!,
      ...latest(row),
    })),
  };
}
