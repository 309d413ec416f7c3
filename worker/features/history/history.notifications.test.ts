// What the history changes elsewhere: marking an episode drops the person's
// pending notifications for it, fan-out leaves out episodes they watched, and
// a sync that drops and lists again an episode keeps its watches (unlinked,
// then linked back).
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client.ts';
import { call, query, signUp, TEST_ENV } from '../../test-helpers.ts';
import { mutate, summaryRow, sync } from '../metadata/sync.fixtures.ts';
import { fanOut } from '../notifications/fan-out.ts';
import { addEvent, addWatch, createShow, track } from '../timeline/timeline.fixtures.ts';
import { addEpisodes, future, setRelease, watchesOf } from './history.fixtures.ts';

/** A notification of an event for a person, as fan-out writes it. */
async function notify(userId: string, eventId: string, status = 'pending'): Promise<string> {
  const [row] = await query<{ id: string }>(
    `INSERT INTO notifications (user_id, timeline_event_id, title, body, status, scheduled_for)
     VALUES ($1, $2, 't', 'b', $3, now() - interval '1 minute') RETURNING id`,
    [userId, eventId, status],
  );
  return row!.id;
}

const exists = async (id: string) => (await query('SELECT 1 FROM notifications WHERE id = $1', [id])).length === 1;

describe('marking watched', () => {
  it("drops the person's pending notifications for what was marked, in the same statement; not sent ones, not others'", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const show = await createShow('Notified');
    const episodes = await addEpisodes(show.id, 1, 1, 3);
    const at = new Date(Date.now() - 3600_000).toISOString();
    const [e1, e2, e3] = [await addEvent(show.id, { at, episode: 1 }), await addEvent(show.id, { at, episode: 2 }), await addEvent(show.id, { at, episode: 3 })];
    const adas = { e1: await notify(ada.id, e1), e2: await notify(ada.id, e2), e3: await notify(ada.id, e3, 'sent') };
    const bobs = await notify(bob.id, e2);

    expect((await call('POST', `/api/v1/history/episodes/${episodes[1]!.id}`, { token: ada.accessToken })).status).toBe(201);
    expect(await exists(adas.e2)).toBe(false);
    expect(await exists(adas.e1)).toBe(true);
    expect(await exists(bobs)).toBe(true);

    const season = await call('POST', `/api/v1/history/shows/${show.id}/seasons/1`, { token: ada.accessToken });
    expect(season.body).toMatchObject({ added: 2, already_watched: 1 });
    expect(await exists(adas.e1)).toBe(false);
    expect(await exists(adas.e3)).toBe(true);
  });

  it("drops a movie's pending release notification when the movie is marked", async () => {
    const ada = await signUp();
    const movie = await createShow('Film', 'movie');
    await setRelease(movie.id, '2021-02-03');
    const release = await addEvent(movie.id, { type: 'movie_release', day: '2021-02-03', season: null, episode: null });
    const pending = await notify(ada.id, release);
    expect((await call('POST', `/api/v1/history/movies/${movie.id}`, { token: ada.accessToken })).status).toBe(201);
    expect(await exists(pending)).toBe(false);
  });
});

describe('fan-out', () => {
  it('creates no notification of an episode the person already watched', async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const show = await createShow('Ahead');
    await addEpisodes(show.id, 1, 1, 3, future(5));
    const at = (episode: number) => future(5)(1, episode).at!;
    const events = [await addEvent(show.id, { at: at(1), episode: 1 }), await addEvent(show.id, { at: at(2), episode: 2 }), await addEvent(show.id, { at: at(3), episode: 3 })];
    await track(ada.id, show.id);
    await track(bob.id, show.id);
    // Watched before it airs: a screener, or an episode that moved to a later day after it was marked.
    await addWatch(ada.id, show.id, { season: 1, episode: 2 });

    const { db, close } = openDb(TEST_ENV);
    try {
      await fanOut(db, { showId: show.id });
    } finally {
      await close();
    }
    const notified = (userId: string) =>
      query<{ timeline_event_id: string }>('SELECT timeline_event_id FROM notifications WHERE user_id = $1 ORDER BY scheduled_for', [userId]).then(
        (rows) => rows.map((row) => row.timeline_event_id),
      );
    expect(await notified(ada.id)).toEqual([events[0], events[2]]);
    expect(await notified(bob.id)).toEqual(events);
  });
});

describe('a sync', () => {
  it('keeps the watches of an episode it drops, by their numbers, and links them back when the episode is listed again', async () => {
    const showId = await summaryRow('Succession', 76331);
    await sync(showId);
    const episodeId = async () =>
      (await query<{ id: string }>('SELECT id FROM episodes WHERE show_id = $1 AND season_number = 1 AND episode_number = 3', [showId]))[0]?.id;
    const before = (await episodeId())!;
    const ada = await signUp();
    expect((await call('POST', `/api/v1/history/episodes/${before}`, { token: ada.accessToken, json: { watched_on: '2018-06-20' } })).status).toBe(201);

    await mutate({ op: 'remove_episode', tmdbShowId: 76331, season: 1, episode: 3 });
    expect(await sync(showId)).toMatchObject({ episodesRemoved: 1 });
    expect(await episodeId()).toBeUndefined();
    expect(await watchesOf(ada.id, showId)).toEqual([
      expect.objectContaining({ episode_id: null, season_number: 1, episode_number: 3, watched_on: '2018-06-20' }),
    ]);
    const state = await call('GET', `/api/v1/history/shows/${showId}`, { token: ada.accessToken });
    expect(state.body.episodes).toEqual([expect.objectContaining({ episode_id: null, season_number: 1, episode_number: 3, plays: 1 })]);

    await mutate({ op: 'add_episode', tmdbShowId: 76331, season: 1, episode: 3, name: 'Listed again', airDate: '2018-06-17', airTime: '22:00' });
    await sync(showId);
    const after = (await episodeId())!;
    expect(after).not.toBe(before);
    expect(await watchesOf(ada.id, showId)).toEqual([expect.objectContaining({ episode_id: after, season_number: 1, episode_number: 3 })]);
  });
});
