// Everything ShowTracker holds about a person, as the versioned JSON document
// of export.schema.ts, or as a ZIP of CSVs (one per section). Every query is
// scoped by the person's id. Secrets are left out: password hash, refresh
// tokens, push keys, the calendar feed's token.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { toCsv } from '../imports/archive/csv.ts';
import { writeZip } from '../imports/archive/zip.ts';
import { notFound } from '../../lib/errors.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDocument, type ExportLibrary } from './export.schema.ts';

type Row = Record<string, unknown>;

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : new Date(String(value)).toISOString());
const isoDay = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 10));
const num = (value: unknown) => (value === null || value === undefined ? undefined : Number(value));

async function rows<T extends Row>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute<T>(query)).rows as T[];
}

/** The key other sections use for a title: its TMDB id when it has one (stable across accounts), else our id. */
const titleKeySql = sql`s.media_type || CASE WHEN s.tmdb_id IS NOT NULL THEN ':tmdb:' || s.tmdb_id ELSE ':id:' || s.id END`;

async function library(db: Db, userId: string): Promise<ExportLibrary> {
  const titles = await rows<{ key: string; media_type: 'tv' | 'movie'; title: string; premiere_date: string | null; tmdb_id: number | null; thetvdb_id: number | null; imdb_id: string | null }>(
    db,
    sql`
      SELECT DISTINCT ${titleKeySql} AS key, s.media_type, s.title, s.premiere_date::text, s.tmdb_id, s.thetvdb_id, s.imdb_id
      FROM shows s
      WHERE s.id IN (
        SELECT show_id FROM watches WHERE user_id = ${userId}
        UNION SELECT show_id FROM user_tracked_shows WHERE user_id = ${userId}
        UNION SELECT show_id FROM watchlist_items WHERE user_id = ${userId}
        UNION SELECT show_id FROM ratings WHERE user_id = ${userId}
        UNION SELECT show_id FROM user_list_items WHERE user_id = ${userId}
      )
      ORDER BY 1`,
  );
  const watches = await rows(
    db,
    sql`
      SELECT ${titleKeySql} AS title, w.season_number, w.episode_number, e.tmdb_id AS episode_tmdb, e.thetvdb_id AS episode_tvdb, e.imdb_id AS episode_imdb,
             w.watched_at, w.watched_on::text AS watched_on
      FROM watches w JOIN shows s ON s.id = w.show_id LEFT JOIN episodes e ON e.id = w.episode_id
      WHERE w.user_id = ${userId}
      ORDER BY 1, w.season_number NULLS FIRST, w.episode_number NULLS FIRST, w.watched_at NULLS LAST, w.watched_on NULLS LAST`,
  );
  const follows = await rows(
    db,
    sql`
      SELECT ${titleKeySql} AS title, t.is_favorite, t.notify_new_episode, t.notify_new_season, t.notify_status_change, t.notify_hours_before, t.created_at
      FROM user_tracked_shows t JOIN shows s ON s.id = t.show_id WHERE t.user_id = ${userId} ORDER BY 1`,
  );
  const watchlist = await rows(
    db,
    sql`SELECT ${titleKeySql} AS title, l.note, l.added_at FROM watchlist_items l JOIN shows s ON s.id = l.show_id WHERE l.user_id = ${userId} ORDER BY 1`,
  );
  const ratings = await rows(
    db,
    sql`
      SELECT ${titleKeySql} AS title, r.season_number, r.episode_number, r.rating, r.rated_at, r.rated_on::text AS rated_on
      FROM ratings r JOIN shows s ON s.id = r.show_id WHERE r.user_id = ${userId}
      ORDER BY 1, r.season_number NULLS FIRST, r.episode_number NULLS FIRST`,
  );
  const listItems = await rows(
    db,
    sql`
      SELECT l.name, ${titleKeySql} AS title, i.added_at
      FROM user_lists l LEFT JOIN user_list_items i ON i.list_id = l.id LEFT JOIN shows s ON s.id = i.show_id
      WHERE l.user_id = ${userId} ORDER BY lower(l.name), l.name, 2`,
  );
  const lists = new Map<string, ExportLibrary['lists'][number]>();
  for (const item of listItems) {
    const name = String(item.name);
    const list = lists.get(name) ?? { name, items: [] };
    lists.set(name, list);
    if (item.title) list.items.push({ title: String(item.title), added_at: iso(item.added_at)! });
  }
  const ids = (tmdb: unknown, tvdb: unknown, imdb: unknown) => {
    const value: { tmdb?: number; tvdb?: number; imdb?: string } = {};
    if (num(tmdb) !== undefined) value.tmdb = num(tmdb);
    if (num(tvdb) !== undefined) value.tvdb = num(tvdb);
    if (imdb) value.imdb = String(imdb);
    return value;
  };
  return {
    titles: titles.map((title) => ({
      key: title.key,
      media_type: title.media_type,
      title: title.title,
      year: title.premiere_date ? Number(title.premiere_date.slice(0, 4)) : null,
      ids: ids(title.tmdb_id, title.media_type === 'tv' ? title.thetvdb_id : null, title.imdb_id),
    })),
    watches: watches.map((watch) => ({
      title: String(watch.title),
      season: num(watch.season_number) ?? null,
      episode: num(watch.episode_number) ?? null,
      episode_ids: watch.season_number === null ? null : ids(watch.episode_tmdb, watch.episode_tvdb, watch.episode_imdb),
      watched_at: iso(watch.watched_at),
      watched_on: isoDay(watch.watched_on),
    })),
    follows: follows.map((follow) => ({
      title: String(follow.title),
      favorite: Boolean(follow.is_favorite),
      notify: {
        new_episode: Boolean(follow.notify_new_episode),
        new_season: Boolean(follow.notify_new_season),
        status_change: Boolean(follow.notify_status_change),
        hours_before: Number(follow.notify_hours_before),
      },
      since: iso(follow.created_at)!,
    })),
    watchlist: watchlist.map((item) => ({ title: String(item.title), note: (item.note as string | null) ?? null, added_at: iso(item.added_at)! })),
    ratings: ratings.map((rating) => ({
      title: String(rating.title),
      season: num(rating.season_number) ?? null,
      episode: num(rating.episode_number) ?? null,
      rating: Number(rating.rating),
      rated_at: iso(rating.rated_at),
      rated_on: isoDay(rating.rated_on),
    })),
    lists: [...lists.values()],
  };
}

export async function exportDocument(db: Db, userId: string, now: Date): Promise<ExportDocument> {
  const [account] = await rows(db, sql`SELECT username, email, timezone, hide_spoilers, created_at FROM users WHERE id = ${userId}`);
  if (!account) throw notFound('No such account.');
  const plans = await rows(
    db,
    sql`SELECT ${titleKeySql} AS title, p.target_date::text AS target_date, p.weekdays, p.session_time::text AS session_time
        FROM catch_up_plans p JOIN shows s ON s.id = p.show_id WHERE p.user_id = ${userId} ORDER BY 1`,
  );
  const devices = await rows(db, sql`SELECT platform, user_agent, is_active, created_at FROM user_devices WHERE user_id = ${userId} ORDER BY created_at`);
  const notifications = await rows(
    db,
    sql`SELECT title, body, status, scheduled_for, sent_at, read_at FROM notifications WHERE user_id = ${userId} ORDER BY scheduled_for DESC LIMIT 1000`,
  );
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exported_at: now.toISOString(),
    account: {
      username: String(account.username),
      email: String(account.email),
      timezone: String(account.timezone),
      hide_spoilers: Boolean(account.hide_spoilers),
      created_at: iso(account.created_at)!,
    },
    library: await library(db, userId),
    account_data: {
      catch_up_plans: plans.map((plan) => ({
        title: String(plan.title),
        target_date: isoDay(plan.target_date),
        weekdays: (plan.weekdays as number[]).map(Number),
        session_time: (plan.session_time as string | null) ?? null,
      })),
      devices: devices.map((device) => ({
        platform: String(device.platform),
        user_agent: (device.user_agent as string | null) ?? null,
        active: Boolean(device.is_active),
        created_at: iso(device.created_at)!,
      })),
      notifications: notifications.map((notification) => ({
        title: String(notification.title),
        body: String(notification.body),
        status: String(notification.status),
        scheduled_for: iso(notification.scheduled_for),
        sent_at: iso(notification.sent_at),
        read_at: iso(notification.read_at),
      })),
    },
  };
}

/** The same document as CSVs, one per library section, in a ZIP with the account as account.csv. */
export function exportCsvZip(document: ExportDocument): Uint8Array {
  const { library: lib } = document;
  const titles = new Map(lib.titles.map((title) => [title.key, title]));
  const titleColumns = (key: string) => {
    const title = titles.get(key);
    return [title?.title ?? '', title?.year ?? '', title?.media_type ?? '', title?.ids.tmdb ?? '', title?.ids.tvdb ?? '', title?.ids.imdb ?? ''];
  };
  const TITLE_HEADER = ['title', 'year', 'media_type', 'tmdb_id', 'tvdb_id', 'imdb_id'];
  return writeZip([
    {
      name: 'README.txt',
      text: `ShowTracker export (${EXPORT_FORMAT} version ${EXPORT_VERSION}), ${document.exported_at}.\r\nTimes are UTC (ISO 8601); a watch known only by its day has watched_on instead of watched_at.\r\nThe JSON export holds the same and more, and can be imported back.\r\n`,
    },
    { name: 'account.csv', text: toCsv(['username', 'email', 'timezone', 'hide_spoilers', 'created_at'], [Object.values(document.account)]) },
    {
      name: 'watches.csv',
      text: toCsv(
        [...TITLE_HEADER, 'season', 'episode', 'episode_tmdb_id', 'watched_at', 'watched_on'],
        lib.watches.map((watch) => [...titleColumns(watch.title), watch.season, watch.episode, watch.episode_ids?.tmdb, watch.watched_at, watch.watched_on]),
      ),
    },
    {
      name: 'following.csv',
      text: toCsv(
        [...TITLE_HEADER, 'favorite', 'notify_new_episode', 'notify_new_season', 'notify_status_change', 'notify_hours_before', 'since'],
        lib.follows.map((follow) => [...titleColumns(follow.title), follow.favorite, follow.notify.new_episode, follow.notify.new_season, follow.notify.status_change, follow.notify.hours_before, follow.since]),
      ),
    },
    { name: 'watchlist.csv', text: toCsv([...TITLE_HEADER, 'note', 'added_at'], lib.watchlist.map((item) => [...titleColumns(item.title), item.note, item.added_at])) },
    {
      name: 'ratings.csv',
      text: toCsv([...TITLE_HEADER, 'season', 'episode', 'rating', 'rated_at', 'rated_on'], lib.ratings.map((rating) => [...titleColumns(rating.title), rating.season, rating.episode, rating.rating, rating.rated_at, rating.rated_on])),
    },
    { name: 'lists.csv', text: toCsv(['list', ...TITLE_HEADER, 'added_at'], lib.lists.flatMap((list) => list.items.map((item) => [list.name, ...titleColumns(item.title), item.added_at]))) },
  ]);
}
