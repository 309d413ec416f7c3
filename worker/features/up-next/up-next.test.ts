// Up Next: the next aired episode after the highest watched one, what is left
// and its runtime, the order by last watch, premieres within 7 days for
// caught-up shows, and the one-tap "watched".
import { eq } from 'drizzle-orm';
import { invalidateAllTimelines } from '../timeline/timeline.cache.ts';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { episodes, shows } from '../../db/schema/index.ts';
import { addDays } from '../../lib/local-time.ts';
import { call, expectErrorEnvelope, query, signUp, TEST_ENV, type TestAccount } from '../../test-helpers.ts';
import { addEpisodes, type Air, type StoredEpisode } from '../history/history.fixtures.ts';
import { toEpisode, toShowSummary } from '../shows/shows.presenter.ts';
import { createShow, track } from '../timeline/timeline.fixtures.ts';

const DAY_MS = 86_400_000;

/** Airs (or aired, when negative) `days` from now, at an exact instant. */
const inDays = (days: number) => (): Air => {
  const at = new Date(Date.now() + days * DAY_MS);
  return { at: at.toISOString(), day: at.toISOString().slice(0, 10) };
};

/** Only the day, `days` from today (UTC, the test accounts' zone). */
const dayOnly = (days: number) => (): Air => ({ at: null, day: addDays(new Date().toISOString().slice(0, 10), days) });

interface When {
  at?: string;
  on?: string;
}

/** A watch of an episode, written as the history writes it; no `at`/`on`: day unknown. */
async function watch(account: TestAccount, showId: string, episode: StoredEpisode, when: When = { at: new Date().toISOString() }) {
  await query(
    `INSERT INTO watches (user_id, show_id, episode_id, season_number, episode_number, watched_at, watched_on, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'app')`,
    [account.id, showId, episode.id, episode.season, episode.episode, when.at ?? null, when.on ?? null],
  );
}

/** A tracked show with season 1 of `aired` episodes that aired long ago. */
async function trackedShow(account: TestAccount, name: string, aired = 5) {
  const show = await createShow(name);
  await track(account.id, show.id);
  const first = await addEpisodes(show.id, 1, 1, aired);
  return { show, first };
}

const upNext = (account: TestAccount) => call('GET', '/api/v1/up-next', { token: account.accessToken });

const summary = (body: any) =>
  body.shows.map((item: any) => {
    const episode = item.state === 'next' ? item.next_episode : item.premiere;
    return `${item.show.title.split(' ')[0]} ${item.state} S${episode.season_number}E${episode.episode_number}`;
  });

describe('GET /api/v1/up-next', () => {
  it('answers { shows: [] } when nothing is in progress, and 401 without a token', async () => {
    const ada = await signUp();
    await trackedShow(ada, 'Untouched');
    const response = await upNext(ada);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ shows: [], next_cursor: null });
    expectErrorEnvelope(await call('GET', '/api/v1/up-next'), 401, 'unauthorized');
  });

  it('offers the first aired episode after the highest watched one, even when earlier ones were skipped, with the show summary', async () => {
    const ada = await signUp();
    const { show, first } = await trackedShow(ada, 'Skipper', 8);
    await watch(ada, show.id, first[0]!);
    await watch(ada, show.id, first[4]!, { on: '2026-01-02' });
    const response = await upNext(ada);
    expect(response.status).toBe(200);
    expect(response.body.shows).toHaveLength(1);
    expect(response.body.shows[0]).toMatchObject({
      state: 'next',
      show: { id: show.id, title: show.title, media_type: 'tv', poster_url: expect.any(String) },
      next_episode: { id: first[5]!.id, season_number: 1, episode_number: 6, airs_at: expect.any(String) },
      last_watched_season: 1,
      last_watched_episode: 5,
      episodes_left: 3,
    });
  });

  it('answers the show and the episode exactly as the shows presenter does, every field filled', async () => {
    const ada = await signUp();
    const { show, first } = await trackedShow(ada, 'Presented', 3);
    await query(
      `UPDATE shows SET tmdb_id = 987654321, original_title = 'Présenté', overview = 'All of it.', status = 'Returning Series',
         premiere_date = '2019-03-04', backdrop_url = 'https://img.invalid/b.jpg', popularity = 12.375 WHERE id = $1`,
      [show.id],
    );
    await query(
      `UPDATE episodes SET title = 'Two', overview = 'The second.', airs_at = '2020-05-06T07:08:09.123Z', airs_at_source = 'tvmaze',
         runtime_minutes = 51, still_url = 'https://img.invalid/s.jpg', episode_type = 'standard' WHERE id = $1`,
      [first[1]!.id],
    );
    await watch(ada, show.id, first[0]!);
    const response = await upNext(ada);
    expect(response.status).toBe(200);
    const { db, close } = openDb(TEST_ENV);
    try {
      const [stored] = await db.select().from(shows).where(eq(shows.id, show.id));
      const [episode] = await db.select().from(episodes).where(eq(episodes.id, first[1]!.id));
      expect(response.body.shows[0].show).toEqual(toShowSummary(stored!));
      expect(response.body.shows[0].next_episode).toEqual(toEpisode(episode!));
      expect(response.body.shows[0].next_episode.airs_at).toBe('2020-05-06T07:08:09.123Z');
    } finally {
      await close();
    }
  });

  it('counts the aired episodes left and their runtime: the episode’s, else the show’s, else counted as without one', async () => {
    const ada = await signUp();
    const { show, first } = await trackedShow(ada, 'Runtime', 4);
    // Season 2: two aired, one next week (not counted).
    const second = [...(await addEpisodes(show.id, 2, 1, 2)), ...(await addEpisodes(show.id, 2, 3, 3, inDays(7)))];
    await watch(ada, show.id, first[1]!);
    await query('UPDATE episodes SET runtime_minutes = 50 WHERE id = $1', [first[2]!.id]);
    await query('UPDATE episodes SET runtime_minutes = 61 WHERE id = $1', [second[2]!.id]);
    // No runtime anywhere: S1E3 has its own, the rest have none.
    let [item] = (await upNext(ada)).body.shows;
    expect(item).toMatchObject({ next_episode: { episode_number: 3 }, episodes_left: 4, minutes_left: 50, episodes_without_runtime: 3 });
    // The show's runtime fills in for episodes without their own.
    await query('UPDATE shows SET runtime_minutes = 30 WHERE id = $1', [show.id]);
    // Straight in the catalog, as a sync writes it: the catalog epoch retires the cached page (else its 5 minutes do).
    await invalidateAllTimelines(TEST_ENV.CACHE);
    [item] = (await upNext(ada)).body.shows;
    expect(item).toMatchObject({ episodes_left: 4, minutes_left: 50 + 3 * 30, episodes_without_runtime: 0 });
  });

  it('sorts by the latest watch, newest first (an instant, else its day); shows whose watches have no day come last', async () => {
    const ada = await signUp();
    const shows = await Promise.all(['Unknown', 'Older', 'Newest', 'Middle'].map((name) => trackedShow(ada, name, 3)));
    const [unknown, older, newest, middle] = shows;
    await watch(ada, unknown!.show.id, unknown!.first[0]!, {});
    await watch(ada, older!.show.id, older!.first[0]!, { at: '2026-01-01T10:00:00Z' });
    // An older instant of the same show does not count: its latest watch is a day.
    await watch(ada, newest!.show.id, newest!.first[0]!, { at: '2025-06-01T10:00:00Z' });
    await watch(ada, newest!.show.id, newest!.first[1]!, { on: '2026-03-02' });
    await watch(ada, middle!.show.id, middle!.first[0]!, { at: '2026-02-01T23:30:00.250Z' });
    const response = await upNext(ada);
    expect(summary(response.body)).toEqual(['Newest next S1E3', 'Middle next S1E2', 'Older next S1E2', 'Unknown next S1E2']);
    const [first, second, , last] = response.body.shows;
    expect([first.last_watched_at, first.last_watched_on]).toEqual([null, '2026-03-02']);
    expect([second.last_watched_at, second.last_watched_on]).toEqual(['2026-02-01T23:30:00.250Z', null]);
    expect([last.last_watched_at, last.last_watched_on]).toEqual([null, null]);
  });

  it('pages in the list’s order with limit and next_cursor, with no show twice or missed, ties on the instant by title; a mark between pages moves nothing under the cursor', async () => {
    const ada = await signUp();
    const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'];
    const made = await Promise.all(names.map((name) => trackedShow(ada, name, 3)));
    // Alpha..Delta on one instant (ordered by title), Echo a day, Foxtrot older, Golf no day at all.
    const tie = '2026-02-01T10:00:00.123456Z';
    for (const { show, first } of made.slice(0, 4)) await watch(ada, show.id, first[0]!, { at: tie });
    await watch(ada, made[4]!.show.id, made[4]!.first[0]!, { on: '2026-01-15' });
    await watch(ada, made[5]!.show.id, made[5]!.first[0]!, { at: '2025-12-31T23:59:59Z' });
    await watch(ada, made[6]!.show.id, made[6]!.first[0]!, {});
    const all = (await upNext(ada)).body;
    expect(all.next_cursor).toBeNull();

    const titles: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const path: string = `/api/v1/up-next?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: any = await call('GET', path, { token: ada.accessToken });
      expect(page.status).toBe(200);
      expect(page.body.shows.length).toBeLessThanOrEqual(3);
      titles.push(...page.body.shows.map((item: any) => item.show.title.split(' ')[0]));
      cursor = page.body.next_cursor;
      pages++;
      // Marking the first page's first show between pages puts it first again, ahead of the cursor: nothing shifts.
      if (pages === 1) await call('POST', `/api/v1/up-next/${made[0]!.show.id}/watched`, { token: ada.accessToken });
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(titles).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf']);
    expect(summary(all).map((row: string) => row.split(' ')[0])).toEqual(titles);
  });

  it('refuses a limit out of 1..100 and a cursor it did not write with a 400 in the error envelope', async () => {
    const ada = await signUp();
    for (const bad of ['limit=0', 'limit=101', 'limit=2.5', 'limit=many', 'cursor=nonsense', `cursor=${btoa('["1","x","not-a-uuid"]')}`, `cursor=${'a'.repeat(3000)}`]) {
      const response = await call('GET', `/api/v1/up-next?${bad}`, { token: ada.accessToken });
      expectErrorEnvelope(response, 400, 'validation_failed');
      expect(Object.keys(response.body.error.fields ?? {})).toEqual([bad.split('=')[0]]);
    }
    expect((await call('GET', '/api/v1/up-next?limit=100', { token: ada.accessToken })).status).toBe(200);
  });

  it('never offers an episode that has not aired: a caught-up show is hidden, even mid-season with the next episode in two days', async () => {
    const ada = await signUp();
    const { show, first } = await trackedShow(ada, 'Weekly', 3);
    await addEpisodes(show.id, 1, 4, 4, inDays(2));
    await addEpisodes(show.id, 1, 5, 5, dayOnly(9));
    await watch(ada, show.id, first[2]!);
    expect((await upNext(ada)).body).toEqual({ shows: [], next_cursor: null });
    // Earlier ones skipped do not bring it back either.
    const other = await trackedShow(ada, 'Ended', 3);
    await watch(ada, other.show.id, other.first[2]!);
    expect((await upNext(ada)).body).toEqual({ shows: [], next_cursor: null });
  });

  it('shows a caught-up show as upcoming within 7 days of its next season’s premiere, and not at 8 days', async () => {
    const ada = await signUp();
    const soon = await trackedShow(ada, 'Soon', 2);
    const premiere = await addEpisodes(soon.show.id, 2, 1, 2, inDays(6.9));
    await watch(ada, soon.show.id, soon.first[1]!, { at: '2026-01-05T00:00:00Z' });
    const later = await trackedShow(ada, 'Later', 2);
    await addEpisodes(later.show.id, 2, 1, 1, inDays(8));
    await watch(ada, later.show.id, later.first[1]!);
    // Date-only premieres: on the 7th day from today they count, on the 8th not.
    const dropDay7 = await trackedShow(ada, 'Drop7', 1);
    await addEpisodes(dropDay7.show.id, 2, 1, 1, dayOnly(7));
    await watch(ada, dropDay7.show.id, dropDay7.first[0]!, { at: '2026-01-04T00:00:00Z' });
    const dropDay8 = await trackedShow(ada, 'Drop8', 1);
    await addEpisodes(dropDay8.show.id, 2, 1, 1, dayOnly(8));
    await watch(ada, dropDay8.show.id, dropDay8.first[0]!);

    const response = await upNext(ada);
    expect(summary(response.body)).toEqual(['Soon upcoming S2E1', 'Drop7 upcoming S2E1']);
    expect(response.body.shows[0]).toEqual({
      state: 'upcoming',
      show: expect.objectContaining({ id: soon.show.id }),
      premiere: expect.objectContaining({ id: premiere[0]!.id, airs_at: expect.any(String) }),
      last_watched_season: 1,
      last_watched_episode: 2,
      last_watched_at: '2026-01-05T00:00:00.000Z',
      last_watched_on: null,
    });
    expect(response.body.shows[1].premiere).toMatchObject({ airs_at: null, air_date: dayOnly(7)().day });
  });

  it('counts an untracked show only while watched in the last 90 days; a tracked one however long ago', async () => {
    const ada = await signUp();
    const recent = await createShow('Recent');
    const recentEpisodes = await addEpisodes(recent.id, 1, 1, 3);
    await watch(ada, recent.id, recentEpisodes[0]!, { at: new Date(Date.now() - 80 * DAY_MS).toISOString() });
    const stale = await createShow('Stale');
    const staleEpisodes = await addEpisodes(stale.id, 1, 1, 3);
    await watch(ada, stale.id, staleEpisodes[0]!, { at: new Date(Date.now() - 100 * DAY_MS).toISOString() });
    const unknown = await createShow('Undated');
    const unknownEpisodes = await addEpisodes(unknown.id, 1, 1, 3);
    await watch(ada, unknown.id, unknownEpisodes[0]!, {});
    const tracked = await trackedShow(ada, 'Tracked', 3);
    await watch(ada, tracked.show.id, tracked.first[0]!, { on: '2020-01-01' });
    expect(summary((await upNext(ada)).body)).toEqual(['Recent next S1E2', 'Tracked next S1E2']);
  });

  it('ignores specials and movies: only regular-season watches start a show', async () => {
    const ada = await signUp();
    const { show } = await trackedShow(ada, 'Specials', 3);
    const [special] = await addEpisodes(show.id, 0, 1, 1);
    await watch(ada, show.id, special!);
    const movie = await createShow('Movie', 'movie');
    await query("INSERT INTO watches (user_id, show_id, watched_at, source) VALUES ($1, $2, now(), 'app')", [ada.id, movie.id]);
    expect((await upNext(ada)).body).toEqual({ shows: [], next_cursor: null });
  });

  it('has its index: the episode key with air time and runtime included, for index-only range scans (migration 0010)', async () => {
    const [index] = await query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_episodes_show_order'");
    expect(index!.indexdef).toMatch(/\(show_id, season_number, episode_number\) INCLUDE \(airs_at, air_date, runtime_minutes\)/);
  });

  it('reads the person’s watches index-only: idx_watches_user_show includes the columns Up Next and a show page read (migration 0013)', async () => {
    const [index] = await query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_watches_user_show'");
    expect(index!.indexdef).toMatch(
      /\(user_id, show_id, season_number, episode_number\) INCLUDE \(watched_at, watched_on, episode_id, created_at, id\)/,
    );
  });

  it("never lets another person's watches change mine", async () => {
    const ada = await signUp();
    const bob = await signUp();
    const { show, first } = await trackedShow(ada, 'Shared', 6);
    await track(bob.id, show.id);
    await watch(ada, show.id, first[1]!);
    await watch(bob, show.id, first[4]!);
    await watch(bob, show.id, first[5]!);
    const mine = await upNext(ada);
    expect(summary(mine.body)).toEqual(['Shared next S1E3']);
    expect(mine.body.shows[0]).toMatchObject({ last_watched_episode: 2, episodes_left: 4 });
    const carol = await signUp();
    expect((await upNext(carol)).body).toEqual({ shows: [], next_cursor: null });
  });
});

describe('POST /api/v1/up-next/:show_id/watched', () => {
  const markNext = (account: TestAccount, showId: string) =>
    call('POST', `/api/v1/up-next/${showId}/watched`, { token: account.accessToken });

  it('marks the next episode watched now and answers the one after; after the last aired one, up_next is null', async () => {
    const ada = await signUp();
    const { show, first } = await trackedShow(ada, 'Tap', 3);
    await addEpisodes(show.id, 1, 4, 4, inDays(30));
    await watch(ada, show.id, first[0]!);
    const tapped = await markNext(ada, show.id);
    expect(tapped.status).toBe(200);
    expect(tapped.body.watch).toMatchObject({ episode_id: first[1]!.id, season_number: 1, episode_number: 2, source: 'app', watched_on: null });
    expect(Math.abs(Date.parse(tapped.body.watch.watched_at) - Date.now())).toBeLessThan(60_000);
    expect(tapped.body.up_next).toMatchObject({ state: 'next', next_episode: { id: first[2]!.id }, episodes_left: 1 });
    const last = await markNext(ada, show.id);
    expect(last.body).toMatchObject({ watch: { episode_number: 3 }, up_next: null });
    const history = await call('GET', `/api/v1/history/shows/${show.id}`, { token: ada.accessToken });
    expect(history.body).toMatchObject({ last_watched_season: 1, last_watched_episode: 3 });
    // Caught up now: nothing to tap.
    expectErrorEnvelope(await markNext(ada, show.id), 404, 'not_found');
  });

  it('is 409 for a show in Up Next only for its premiere, 404 for one not started or unknown, and never marks for another person', async () => {
    const ada = await signUp();
    const soon = await trackedShow(ada, 'Premiere', 1);
    await addEpisodes(soon.show.id, 2, 1, 1, inDays(3));
    await watch(ada, soon.show.id, soon.first[0]!);
    expectErrorEnvelope(await markNext(ada, soon.show.id), 409, 'conflict');
    const fresh = await trackedShow(ada, 'Fresh', 2);
    expectErrorEnvelope(await markNext(ada, fresh.show.id), 404, 'not_found');
    expectErrorEnvelope(await markNext(ada, crypto.randomUUID()), 404, 'not_found');
    const bob = await signUp();
    const { show, first } = await trackedShow(bob, 'Bobs', 3);
    await watch(bob, show.id, first[0]!);
    expectErrorEnvelope(await markNext(ada, show.id), 404, 'not_found');
    expect(await query('SELECT 1 FROM watches WHERE show_id = $1', [show.id])).toHaveLength(1);
  });
});
