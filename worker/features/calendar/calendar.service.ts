// The private calendar feed: its URL (shown again on request, replaced on
// rotation) and its content, the person's timeline from 30 days back to 180
// days ahead as iCalendar. Every query is scoped by the feed's owner, found
// only by the hash of the token in the URL. With hide spoilers on, an episode
// the owner has not watched appears with its show and code only: no title,
// no episode overview (docs/design.md#spoilers).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { calendarFeeds, episodes, shows, timelineEvents, userTrackedShows, users, watches } from '../../db/schema/index.ts';
import { sha256Hex } from '../../lib/cache.ts';
import { storedEventTypes } from '../../lib/event-types.ts';
import { notFound, pgErrorOf, unauthorized } from '../../lib/errors.ts';
import { addDays, localDate } from '../../lib/local-time.ts';
import { withCatchUpFeedEvents } from '../catch-up/catch-up.events.ts';
import { wantsEventRule } from '../notifications/fan-out.ts';
import { TIMELINE_EPOCH_KEY } from '../timeline/timeline.cache.ts';
import { compareEvents, toCachedEvent } from '../timeline/timeline.presenter.ts';
import { eventRowColumns, onLocalDays } from '../timeline/timeline.service.ts';
import { cachedFeed, type RenderedFeed } from './calendar.cache.ts';
import { renderFeed, type FeedEvent } from './calendar.ics.ts';
import type { FeedOptions, FeedUrl } from './calendar.schemas.ts';
import { feedToken, hashFeedToken, isFeedToken } from './feed-token.ts';

export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 180;

const NO_FEED = 'No calendar feed at this address. It may have been replaced: get the current one from your settings.';

type FeedRow = typeof calendarFeeds.$inferSelect;
function present(origin: string, token: string, row: FeedRow): FeedUrl {
  const url = `${origin}/cal/${token}.ics`;
  const webcal = url.replace(/^https?:/, 'webcal:');
  return {
    url,
    webcal_url: webcal,
    google_url: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    created_at: row.createdAt.toISOString(),
    rotated_at: row.rotatedAt?.toISOString() ?? null,
  };
}

/** A signed-in person whose account was deleted meanwhile (the feed's foreign key says so). */
function accountGone(error: unknown): never {
  if (pgErrorOf(error)?.code === '23503') throw unauthorized('This account no longer exists.');
  throw error;
}

/**
 * The person's feed URL, creating the feed on first use. When the stored
 * hash is not the derived token's (JWT_SECRET was changed), the derived token
 * becomes the feed's: the URL shown is always one that works.
 */
export async function getFeedUrl(db: Db, secret: string, userId: string, origin: string): Promise<FeedUrl> {
  let [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  if (!row) {
    const first = await feedToken(secret, userId, 1);
    const [created] = await db
      .insert(calendarFeeds)
      .values({ userId, generation: 1, tokenHash: await hashFeedToken(first) })
      .onConflictDoNothing()
      .returning()
      .catch(accountGone);
    if (created) return present(origin, first, created);
    // A concurrent request (or rotation) created it first: show theirs.
    [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  }
  const token = await feedToken(secret, userId, row!.generation);
  const tokenHash = await hashFeedToken(token);
  if (row!.tokenHash === tokenHash) return present(origin, token, row!);
  const [reissued] = await db
    .update(calendarFeeds)
    .set({ tokenHash })
    .where(and(eq(calendarFeeds.userId, userId), eq(calendarFeeds.generation, row!.generation)))
    .returning();
  // No row: a rotation came in between; its URL is the one to show.
  return reissued ? present(origin, token, reissued) : getFeedUrl(db, secret, userId, origin);
}

/** Replaces the feed URL; the old one answers 404 from now on. */
export async function rotateFeedUrl(db: Db, secret: string, userId: string, origin: string): Promise<FeedUrl> {
  const rotate = db.transaction(async (tx) => {
    const [current] = await tx.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).for('update');
    const generation = (current?.generation ?? 0) + 1;
    const token = await feedToken(secret, userId, generation);
    const values = { generation, tokenHash: await hashFeedToken(token), rotatedAt: new Date() };
    const [row] = await tx
      .insert(calendarFeeds)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: values })
      .returning();
    return present(origin, token, row!);
  });
  return rotate.catch(accountGone);
}

interface Owner {
  userId: string;
  zone: string;
  /** The owner's state version (lib/person-state.ts): bumped by everything the feed shows of theirs, in the same transaction. */
  version: number;
  hideSpoilers: boolean;
}

async function findOwner(db: Db, token: string): Promise<Owner> {
  if (!isFeedToken(token)) throw notFound(NO_FEED);
  const [row] = await db
    .select({ userId: users.id, zone: users.timezone, version: users.stateVersion, hideSpoilers: users.hideSpoilers })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, await hashFeedToken(token)));
  if (!row) throw notFound(NO_FEED);
  return row;
}

/** The owner has not watched this episode: it keeps its code, and loses its title and its own overview. */
const unwatchedEpisode = sql<boolean>`NOT EXISTS (SELECT 1 FROM ${watches} w WHERE w.user_id = ${userTrackedShows.userId}
  AND w.show_id = ${timelineEvents.showId} AND w.season_number = ${timelineEvents.seasonNumber}
  AND w.episode_number = ${timelineEvents.episodeNumber})`;

async function queryFeedEvents(db: Db, owner: Owner, from: string, to: string, options: FeedOptions): Promise<FeedEvent[]> {
  const rows = await db
    .select({
      ...eventRowColumns,
      sequence: timelineEvents.sequence,
      createdAt: timelineEvents.createdAt,
      updatedAt: timelineEvents.updatedAt,
      episodeOverview: episodes.overview,
      showOverview: shows.overview,
      // The episode's own runtime; before it airs that is usually unknown: take
      // the show's (movies), else that of its latest episode that has one. One
      // COALESCE, so the subquery runs only when both are missing.
      runtimeMinutes: sql<number | null>`COALESCE(${episodes.runtimeMinutes}, ${shows.runtimeMinutes}, (
        SELECT known.runtime_minutes FROM episodes known
        WHERE known.show_id = ${timelineEvents.showId} AND known.runtime_minutes IS NOT NULL
        ORDER BY known.season_number DESC, known.episode_number DESC LIMIT 1))`,
      // The push rule itself, so a reminder is in the feed exactly where a push would come.
      notifies: wantsEventRule({
        eventType: timelineEvents.eventType,
        newEpisode: userTrackedShows.notifyNewEpisode,
        newSeason: userTrackedShows.notifyNewSeason,
        statusChange: userTrackedShows.notifyStatusChange,
      }),
      notifyHoursBefore: userTrackedShows.notifyHoursBefore,
      spoiler: owner.hideSpoilers
        ? sql<boolean>`(${timelineEvents.seasonNumber} IS NOT NULL AND ${timelineEvents.episodeNumber} IS NOT NULL AND ${unwatchedEpisode})`
        : sql<boolean>`false`,
    })
    .from(timelineEvents)
    .innerJoin(
      userTrackedShows,
      and(eq(userTrackedShows.showId, timelineEvents.showId), eq(userTrackedShows.userId, owner.userId)),
    )
    .innerJoin(shows, eq(shows.id, timelineEvents.showId))
    .leftJoin(episodes, eq(episodes.id, timelineEvents.episodeId))
    .where(
      and(
        onLocalDays(owner.zone, from, to),
        options.types ? inArray(timelineEvents.eventType, storedEventTypes(options.types)) : undefined,
        options.favoritesOnly ? eq(userTrackedShows.isFavorite, true) : undefined,
      ),
    );
  return rows
    .map((row) => ({
      // A hidden episode's description (its title) goes: the summary falls back to show and code.
      ...toCachedEvent(row.spoiler ? { ...row, description: null } : row, owner.zone),
      sequence: row.sequence,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      runtimeMinutes: row.runtimeMinutes,
      overview: row.eventType === 'status_change' ? null : (row.spoiler ? null : row.episodeOverview) || row.showOverview,
      alarmHoursBefore: options.alarms && row.notifies ? row.notifyHoursBefore : null,
    }))
    .sort(compareEvents);
}

export interface FeedDeps {
  db: Db;
  cache: KVNamespace;
}

/** The feed behind a token, from KV when nothing it depends on has changed. */
export async function getFeed(deps: FeedDeps, token: string, options: FeedOptions, origin: string, now: Date): Promise<RenderedFeed> {
  const owner = await findOwner(deps.db, token);
  const today = localDate(now, owner.zone);
  const [from, to] = [addDays(today, -FEED_DAYS_BACK), addDays(today, FEED_DAYS_AHEAD)];
  const feedIdentity = [options.types?.join(',') ?? 'all', options.favoritesOnly ? 'fav' : 'any', options.alarms ? 'alarms' : 'quiet', origin];
  // The owner's version covers their tracking and its preferences, zone, spoiler setting, watches and plans,
  // read from Postgres with the owner, so a change shows at once wherever the feed is fetched; the epoch covers syncs.
  const [feed, epoch] = await Promise.all([sha256Hex(feedIdentity.join('|')), deps.cache.get(TIMELINE_EPOCH_KEY)]);
  const key = { userId: owner.userId, feed: feed.slice(0, 16), body: `${today}:${owner.zone}:${owner.version}:${epoch ?? '0'}` };
  return cachedFeed(
    deps.cache,
    key,
    async () => {
      const events = await queryFeedEvents(deps.db, owner, from, to, options);
      return renderFeed(await withCatchUpFeedEvents(deps.db, owner, from, to, options, now, events), { zone: owner.zone, origin });
    },
    now.getTime(),
  );
}
