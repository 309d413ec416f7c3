// The feed over time: conditional requests, the KV cache and what retires it,
// and the sync engine moving an episode. House of the Dragon and The Boys are
// mutated or synced here and in no other test file.
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../lib/local-time.ts';
import { call, query, signUp, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { mutate, summaryRow, sync } from '../metadata/sync.fixtures.ts';
import { addEvent, createShow, track } from '../timeline/timeline.fixtures.ts';
import { eventByUid, feedUrl, fetchFeed, readFeed, textOf, timeOf, uidOf } from './calendar.fixtures.ts';

const trackThroughApi = async (account: TestAccount, showId: string, extra: Record<string, unknown> = {}) => {
  const response = await call('POST', '/api/v1/tracking', { token: account.accessToken, json: { show_id: showId, ...extra } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
};
const soon = (days: number) => `${addDays(localDate(Date.now(), 'UTC'), days)}T20:00:00Z`;

describe('conditional requests', () => {
  it('answer If-None-Match and If-Modified-Since with 304 and no body until the feed changes', async () => {
    const ada = await signUp();
    const show = await createShow('Conditional');
    await track(ada.id, show.id);
    await addEvent(show.id, { at: soon(2) });
    const url = (await feedUrl(ada)).url;
    const first = await fetchFeed(url);
    const etag = first.headers.get('ETag')!;
    const lastModified = first.headers.get('Last-Modified')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect(first.headers.get('Cache-Control')).toBe('private, max-age=300');

    const revalidations: Record<string, string>[] = [
      { 'If-None-Match': etag },
      { 'If-None-Match': `"other", W/${etag}` },
      { 'If-Modified-Since': lastModified },
    ];
    for (const headers of revalidations) {
      const again = await fetchFeed(url, '', headers);
      expect(again.status, JSON.stringify(headers)).toBe(304);
      expect(again.body).toBeNull();
      expect(again.headers.get('ETag')).toBe(etag);
      expect(again.headers.get('Last-Modified')).toBe(lastModified);
    }
    const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await fetchFeed(url, '', { 'If-Modified-Since': earlier })).status).toBe(200);
    // If-None-Match decides when both are sent.
    expect((await fetchFeed(url, '', { 'If-None-Match': '"other"', 'If-Modified-Since': lastModified })).status).toBe(200);

    const added = await createShow('Added');
    await addEvent(added.id, { at: soon(3) });
    await trackThroughApi(ada, added.id);
    const byTag = await fetchFeed(url, '', { 'If-None-Match': etag });
    expect(byTag.status).toBe(200);
    expect(byTag.headers.get('ETag')).not.toBe(etag);
    const byDate = await fetchFeed(url, '', { 'If-Modified-Since': lastModified });
    expect(byDate.status).toBe(200);
    expect(Date.parse(byDate.headers.get('Last-Modified')!)).toBeGreaterThan(Date.parse(lastModified));
  });
});

describe('the KV cache', () => {
  it('serves the stored feed until tracking changes, which retires it at once', async () => {
    const ada = await signUp();
    const show = await createShow('Cached');
    await track(ada.id, show.id);
    const event = await addEvent(show.id, { at: soon(2), description: 'Before' });
    const url = (await feedUrl(ada)).url;
    expect(textOf(eventByUid(await readFeed(url), uidOf(event)), 'summary')).toContain('Before');
    expect((await TEST_ENV.CACHE.list({ prefix: `calendar:${ada.id}:` })).keys.length).toBeGreaterThan(0);

    // Straight in the database: nothing retires the entry, so it is served as stored.
    await query("UPDATE timeline_events SET description = 'After' WHERE id = $1", [event]);
    expect(textOf(eventByUid(await readFeed(url), uidOf(event)), 'summary')).toContain('Before');

    const other = await createShow('Newly tracked');
    const otherEvent = await addEvent(other.id, { at: soon(4) });
    await trackThroughApi(ada, other.id);
    const afterTracking = await readFeed(url);
    expect(textOf(eventByUid(afterTracking, uidOf(event)), 'summary')).toContain('After');
    eventByUid(afterTracking, uidOf(otherEvent));

    const lastModified = (await fetchFeed(url)).headers.get('Last-Modified')!;
    expect((await call('DELETE', `/api/v1/tracking/${other.id}`, { token: ada.accessToken })).status).toBe(204);
    const afterUntracking = await fetchFeed(url, '', { 'If-Modified-Since': lastModified });
    expect(afterUntracking.status).toBe(200);
    expect(afterUntracking.body).not.toContain(uidOf(otherEvent));
  });
});

describe('with the sync engine', () => {
  const episodeEvent = async (showId: string, season: number, episode: number) => {
    const [row] = await query<{ id: string; airs_at: Date | null; air_date: string }>(
      `SELECT te.id, e.airs_at, e.air_date::text AS air_date FROM timeline_events te JOIN episodes e ON e.id = te.episode_id
       WHERE e.show_id = $1 AND e.season_number = $2 AND e.episode_number = $3`,
      [showId, season, episode],
    );
    return row!;
  };

  it('keeps UIDs across syncs; a reschedule moves the event and advances its SEQUENCE, LAST-MODIFIED and DTSTAMP', async () => {
    const showId = await summaryRow('House of the Dragon', 94997);
    await sync(showId);
    // As if the first sync had run yesterday.
    await query("UPDATE timeline_events SET updated_at = updated_at - interval '1 day' WHERE show_id = $1", [showId]);
    const ada = await signUp({ timezone: 'America/New_York' });
    await trackThroughApi(ada, showId, { notify_hours_before: 1 });
    const url = (await feedUrl(ada)).url;

    const response = await fetchFeed(url);
    const before = await readFeed(url);
    const original = await episodeEvent(showId, 3, 2);
    const event = eventByUid(before, uidOf(original.id));
    expect(textOf(event, 'summary')).toBe('House of the Dragon S03E02 — Episode 2');
    expect(textOf(event, 'description')).toContain('Two hundred years before Game of Thrones');
    expect(timeOf(event, 'dtstart').toJSDate().getTime()).toBe(original.airs_at!.getTime());
    expect(timeOf(event, 'dtend').toJSDate().getTime() - original.airs_at!.getTime()).toBe(62 * 60_000);
    expect(String(event.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger'))).toBe('-PT1H');

    // Nothing changed upstream: the same document, byte for byte.
    expect(await sync(showId)).toMatchObject({ eventsCreated: 0, eventsMoved: 0, eventsRetitled: 0, eventsRemoved: 0 });
    expect((await fetchFeed(url)).headers.get('ETag')).toBe(response.headers.get('ETag'));

    const newDay = addDays(inject('standInsToday'), 52);
    await mutate({ op: 'reschedule_episode', tmdbShowId: 94997, season: 3, episode: 2, airDate: newDay, airTime: '21:00' });
    expect(await sync(showId)).toMatchObject({ eventsMoved: 1, eventsCreated: 0 });
    const moved = await episodeEvent(showId, 3, 2);
    expect(moved.id).toBe(original.id);
    expect(moved.air_date).toBe(newDay);

    const after = await readFeed(url);
    const uids = (feed: typeof before) => feed.events.map((item) => item.getFirstPropertyValue('uid')).sort();
    expect(uids(after)).toEqual(uids(before));
    const rescheduled = eventByUid(after, uidOf(original.id));
    expect(rescheduled.getFirstPropertyValue('sequence')).toBe(Number(event.getFirstPropertyValue('sequence')) + 1);
    expect(timeOf(rescheduled, 'dtstart').toJSDate().getTime()).toBe(moved.airs_at!.getTime());
    for (const name of ['last-modified', 'dtstamp']) {
      expect(timeOf(rescheduled, name).compare(timeOf(event, name)), name).toBe(1);
    }
    // The other episodes did not move, and say so.
    const untouched = eventByUid(after, uidOf((await episodeEvent(showId, 3, 3)).id));
    expect(untouched.toString()).toBe(eventByUid(before, uidOf((await episodeEvent(showId, 3, 3)).id)).toString());
  });

  it('makes a streaming drop without an air time an all-day event on its air day in Pacific/Auckland', async () => {
    const showId = await summaryRow('The Boys', 76479);
    const ada = await signUp({ timezone: 'Pacific/Auckland' });
    await trackThroughApi(ada, showId);
    const feed = await readFeed((await feedUrl(ada)).url);
    const premiere = await episodeEvent(showId, 5, 1);
    expect(premiere.airs_at).toBeNull();
    const event = eventByUid(feed, uidOf(premiere.id));
    expect(event.getFirstProperty('dtstart')!.type).toBe('date');
    expect(timeOf(event, 'dtstart').toString()).toBe(premiere.air_date);
    expect(timeOf(event, 'dtend').toString()).toBe(addDays(premiere.air_date, 1));
    expect(textOf(event, 'summary')).toBe('The Boys S05E01 — Episode 1');
    expect(textOf(event, 'description')).toContain('Season premiere');
  });
});
