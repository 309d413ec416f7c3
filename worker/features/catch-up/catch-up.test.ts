// The catch-up planner through the API: the default target (next premiere),
// the 422 without one, saving and removing a plan, its sessions on the
// timeline and in the calendar feed, the shift after marking episodes
// watched, another person's plan, and bad input. Test accounts live in UTC;
// days are relative to today.
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../lib/local-time.ts';
import { call, expectErrorEnvelope, query, signUp, type TestAccount } from '../../test-helpers.ts';
import { feedUrl, readFeed, textOf } from '../calendar/calendar.fixtures.ts';
import { addEpisodes, type Air } from '../history/history.fixtures.ts';
import { addEvent, createShow, track } from '../timeline/timeline.fixtures.ts';

const today = () => localDate(Date.now(), 'UTC');
/** Only the day, `days` from today. */
const dayOnly = (days: number) => (): Air => ({ at: null, day: addDays(today(), days) });

/** A show with season 1 of `aired` episodes (30 min each) aired long ago, and season 2 premiering in `premiereIn` days. */
async function showWithPremiere(name: string, aired: number, premiereIn: number | null) {
  const show = await createShow(name);
  const first = await addEpisodes(show.id, 1, 1, aired);
  await query('UPDATE shows SET runtime_minutes = 30 WHERE id = $1', [show.id]);
  if (premiereIn !== null) await addEpisodes(show.id, 2, 1, 2, dayOnly(premiereIn));
  return { show, first };
}

const catchUp = (account: TestAccount, showId: string, search = '') =>
  call('GET', `/api/v1/catch-up/${showId}${search}`, { token: account.accessToken });
const savePlan = (account: TestAccount, showId: string, json: unknown) =>
  call('PUT', `/api/v1/catch-up/${showId}`, { token: account.accessToken, json });
const deletePlan = (account: TestAccount, showId: string) => call('DELETE', `/api/v1/catch-up/${showId}`, { token: account.accessToken });
const timeline = (account: TestAccount, search = '') =>
  call('GET', `/api/v1/timeline?from=${today()}&to=${addDays(today(), 60)}${search}`, { token: account.accessToken });
const catchUpEvents = (body: any) => body.events.filter((event: any) => event.event_type === 'catch_up');
const markUpTo = (account: TestAccount, showId: string, episode: number) =>
  call('POST', `/api/v1/history/shows/${showId}/up-to`, {
    token: account.accessToken,
    json: { season_number: 1, episode_number: episode, when: 'now' },
  });

describe('GET /api/v1/catch-up/{show_id}', () => {
  it('targets the next season’s premiere by default: 10 episodes in 21 days is 4 a week, every episode in a session before it', async () => {
    const ada = await signUp();
    const { show, first } = await showWithPremiere('Premiering', 10, 21);
    const response = await catchUp(ada, show.id);
    expect(response.status).toBe(200);
    const premiere = addDays(today(), 21);
    expect(response.body).toMatchObject({
      show: { id: show.id, title: show.title },
      timezone: 'UTC',
      today: today(),
      target: { date: premiere, source: 'premiere' },
      next_premiere: { date: premiere, season_number: 2 },
      episodes_left: 10,
      minutes_left: 300,
      episodes_without_runtime: 0,
      days_left: 21,
      weeks_left: 3,
      episodes_per_week: 4,
      minutes_per_week: 100,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      plan: null,
    });
    const sessions = response.body.sessions;
    expect(sessions.flatMap((session: any) => session.episodes.map((episode: any) => episode.id))).toEqual(first.map((e) => e.id));
    expect(sessions[0]).toMatchObject({ date: today(), label: 'S01E01', starts_at: null, minutes: 30 });
    expect(sessions.every((session: any) => session.date >= today() && session.date < premiere)).toBe(true);
  });

  it('counts from after the highest watched episode, and takes a picked day and weekdays from the query', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Picked', 10, 60);
    expect((await markUpTo(ada, show.id, 4)).status).toBe(200);
    const by = addDays(today(), 14);
    const response = await catchUp(ada, show.id, `?by=${by}&per_week=2`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ target: { date: by, source: 'picked' }, episodes_left: 6, episodes_per_week: 3, weekdays: [3, 6] });
    expect(response.body.sessions).toHaveLength(4);
    expect(response.body.sessions.map((session: any) => session.label).join(',')).toMatch(/^S01E05/);
    expect(response.body.sessions.at(-1).label).toMatch(/S01E10$/);
    const weekdays = (await catchUp(ada, show.id, `?by=${by}&weekdays=7`)).body;
    expect(weekdays.weekdays).toEqual([7]);
    expect(weekdays.sessions).toHaveLength(2);
  });

  it('answers 422 no_target_date when episodes are left and no premiere is known, until a day after today is picked', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Ended', 3, null);
    const refused = await catchUp(ada, show.id);
    expectErrorEnvelope(refused, 422, 'no_target_date');
    expect(refused.body.error.message).toContain('pick the day');
    expectErrorEnvelope(await catchUp(ada, show.id, `?by=${today()}`), 422, 'no_target_date');
    const far = await catchUp(ada, show.id, `?by=${addDays(today(), 731)}`);
    expectErrorEnvelope(far, 422, 'no_target_date');
    expect(far.body.error.message).toContain('within two years');
    expect((await catchUp(ada, show.id, `?by=${addDays(today(), 730)}`)).status).toBe(200);
    const picked = await catchUp(ada, show.id, `?by=${addDays(today(), 7)}`);
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({ target: { source: 'picked' }, episodes_left: 3, episodes_per_week: 3 });
  });

  it('says 0 left and plans nothing for a caught-up show, without asking for a date', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Done', 3, null);
    await markUpTo(ada, show.id, 3);
    const response = await catchUp(ada, show.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ episodes_left: 0, minutes_left: 0, episodes_per_week: 0, sessions: [], target: null });
  });

  it('is 404 for an unknown show or a movie, and 401 without a token', async () => {
    const ada = await signUp();
    expectErrorEnvelope(await catchUp(ada, crypto.randomUUID()), 404, 'not_found');
    const movie = await createShow('Film', 'movie');
    expectErrorEnvelope(await catchUp(ada, movie.id), 404, 'not_found');
    expectErrorEnvelope(await call('GET', `/api/v1/catch-up/${movie.id}`), 401, 'unauthorized');
  });

  it('answers bad input with 400 validation_failed in the error envelope', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Bad', 2, 10);
    expectErrorEnvelope(await catchUp(ada, 'not-a-uuid'), 400, 'validation_failed');
    const badDay = await catchUp(ada, show.id, '?by=2026-02-30');
    expectErrorEnvelope(badDay, 400, 'validation_failed');
    expect(badDay.body.error.fields).toHaveProperty('by');
    expectErrorEnvelope(await catchUp(ada, show.id, '?per_week=8'), 400, 'validation_failed');
    expectErrorEnvelope(await catchUp(ada, show.id, '?weekdays=1,1'), 400, 'validation_failed');
    expectErrorEnvelope(await catchUp(ada, show.id, '?weekdays=0'), 400, 'validation_failed');
    expectErrorEnvelope(await catchUp(ada, show.id, '?weekdays=1&per_week=2'), 400, 'validation_failed');
    for (const body of [{ weekdays: [] }, { weekdays: [8] }, { time: '25:00' }, { per_week: 0 }, { by: 'soon' }, { colour: 'red' }]) {
      const refused = await savePlan(ada, show.id, body);
      expectErrorEnvelope(refused, 400, 'validation_failed');
    }
    expect(await query('SELECT 1 FROM catch_up_plans WHERE user_id = $1', [ada.id])).toEqual([]);
  });
});

describe('PUT and DELETE /api/v1/catch-up/{show_id}', () => {
  it('saves a plan (replacing it on a second save), answers what it makes, and removes it; a second removal is 404', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Planned', 6, 30);
    const saved = await savePlan(ada, show.id, { weekdays: [6, 3], time: '20:30' });
    expect(saved.status).toBe(200);
    expect(saved.body.plan).toMatchObject({ by: null, weekdays: [3, 6], time: '20:30', updated_at: expect.any(String) });
    expect(saved.body.sessions[0]).toMatchObject({ local_time: '20:30', starts_at: `${saved.body.sessions[0].date}T20:30:00.000Z` });
    expect((await catchUp(ada, show.id)).body).toMatchObject({ weekdays: [3, 6], time: '20:30', plan: { weekdays: [3, 6] } });

    const by = addDays(today(), 10);
    expect((await savePlan(ada, show.id, { by, per_week: 1 })).body.plan).toMatchObject({ by, weekdays: [6], time: null });
    const rows = await query<{ target_date: string; weekdays: number[] }>(
      "SELECT to_char(target_date, 'YYYY-MM-DD') AS target_date, weekdays FROM catch_up_plans WHERE user_id = $1",
      [ada.id],
    );
    expect(rows).toEqual([{ target_date: by, weekdays: [6] }]);

    expect((await deletePlan(ada, show.id)).status).toBe(204);
    expect((await catchUp(ada, show.id)).body.plan).toBeNull();
    expectErrorEnvelope(await deletePlan(ada, show.id), 404, 'not_found');
  });

  it('refuses with 422 and stores nothing when the plan has no day to be ready by', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('No date', 4, null);
    expectErrorEnvelope(await savePlan(ada, show.id, {}), 422, 'no_target_date');
    expectErrorEnvelope(await savePlan(ada, show.id, { by: addDays(today(), -1) }), 422, 'no_target_date');
    expect(await query('SELECT 1 FROM catch_up_plans WHERE user_id = $1', [ada.id])).toEqual([]);
    expectErrorEnvelope(await savePlan(ada, crypto.randomUUID(), { by: addDays(today(), 7) }), 404, 'not_found');
  });

  it('is deleted with the show and with the account', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Cascade', 2, 20);
    expect((await savePlan(ada, show.id, {})).status).toBe(200);
    await query('DELETE FROM shows WHERE id = $1', [show.id]);
    expect(await query('SELECT 1 FROM catch_up_plans WHERE user_id = $1', [ada.id])).toEqual([]);
    const other = await showWithPremiere('Cascade 2', 2, 20);
    expect((await savePlan(ada, other.show.id, {})).status).toBe(200);
    await query('DELETE FROM users WHERE id = $1', [ada.id]);
    expect(await query('SELECT 1 FROM catch_up_plans WHERE show_id = $1', [other.show.id])).toEqual([]);
  });
});

describe('plan sessions on the timeline and in the calendar feed', () => {
  it('puts each session on the timeline as a catch_up event naming its episodes, and leaves them out of other type filters', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Timeline', 4, 28);
    await track(ada.id, show.id);
    const premiere = await addEvent(show.id, { type: 'season_premiere', day: addDays(today(), 28), season: 2, episode: 1 });
    expect(catchUpEvents((await timeline(ada)).body)).toEqual([]);
    await savePlan(ada, show.id, { per_week: 1 });
    const events = catchUpEvents((await timeline(ada)).body);
    const plan = (await catchUp(ada, show.id)).body;
    expect(events.map((event: any) => [event.date, event.title])).toEqual(
      plan.sessions.map((session: any) => [session.date, `Catch up: ${session.label}`]),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({
      event_type: 'catch_up',
      show: { id: show.id, title: show.title, media_type: 'tv' },
      all_day: true,
      starts_at: null,
      episode_id: null,
      watched: null,
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    // The season 2 premiere (a stored event) comes through beside them, last; filters pick either.
    expect((await timeline(ada)).body.events.at(-1)).toMatchObject({ id: premiere, event_type: 'season_premiere' });
    expect((await timeline(ada, '&type=season_premiere')).body.events.map((event: any) => event.id)).toEqual([premiere]);
    const only = (await timeline(ada, '&type=catch_up')).body.events;
    expect(only.length).toBe(events.length);
    expect(only.every((event: any) => event.event_type === 'catch_up')).toBe(true);
  });

  it('shifts the later sessions when episodes are marked watched, read right after the write', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Shifting', 8, 28);
    await track(ada.id, show.id);
    await savePlan(ada, show.id, { per_week: 7 });
    const before = catchUpEvents((await timeline(ada)).body);
    expect(before.map((event: any) => event.title)).toContain('Catch up: S01E01');
    expect(before).toHaveLength(8);
    expect((await markUpTo(ada, show.id, 5)).status).toBe(200);
    const after = catchUpEvents((await timeline(ada)).body);
    expect(after.map((event: any) => event.title)).toEqual(['Catch up: S01E06', 'Catch up: S01E07', 'Catch up: S01E08']);
    expect(after[0].date).toBe(today());
    expect((await catchUp(ada, show.id)).body.episodes_left).toBe(3);
  });

  it('lists the sessions in the calendar feed, timed at the plan’s hour, and drops them when the plan is removed', async () => {
    const ada = await signUp();
    const { show } = await showWithPremiere('Feed', 3, 28);
    await track(ada.id, show.id);
    const { url } = await feedUrl(ada);
    expect((await readFeed(url)).events).toEqual([]);
    const saved = (await savePlan(ada, show.id, { per_week: 7, time: '21:00' })).body;
    const feed = await readFeed(url);
    const sessions = feed.events.filter((event) => textOf(event, 'summary').includes('Catch up'));
    expect(sessions.map((event) => textOf(event, 'summary'))).toEqual(
      saved.sessions.map((session: any) => `${show.title} — Catch up: ${session.label}`),
    );
    expect(sessions.length).toBe(3);
    const first = sessions[0]!;
    expect(first.getFirstPropertyValue('dtstart')!.toString()).toBe(`${saved.sessions[0].date}T21:00:00Z`);
    expect(first.getFirstPropertyValue('dtend')!.toString()).toBe(`${saved.sessions[0].date}T21:30:00Z`);
    expect(textOf(first, 'description')).toContain('1 episode, about 30 min, to be caught up by the season 2 premiere');
    expect((await readFeed(url, '?types=new_episode,season_premiere')).events.some((e) => textOf(e, 'summary').includes('Catch up'))).toBe(false);

    expect((await deletePlan(ada, show.id)).status).toBe(204);
    expect((await readFeed(url)).events.some((event) => textOf(event, 'summary').includes('Catch up'))).toBe(false);
  });

  it('keeps one person’s plan from another: their catch-up, timeline and feed show none of it, and they cannot remove it', async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const { show } = await showWithPremiere('Private', 5, 21);
    await Promise.all([track(ada.id, show.id), track(bob.id, show.id)]);
    expect((await savePlan(ada, show.id, { weekdays: [2], time: '19:00' })).status).toBe(200);

    const bobs = await catchUp(bob, show.id);
    expect(bobs.status).toBe(200);
    expect(bobs.body).toMatchObject({ plan: null, weekdays: [1, 2, 3, 4, 5, 6, 7], time: null });
    expect(catchUpEvents((await timeline(bob)).body)).toEqual([]);
    expect((await readFeed((await feedUrl(bob)).url)).events.some((e) => textOf(e, 'summary').includes('Catch up'))).toBe(false);
    expectErrorEnvelope(await deletePlan(bob, show.id), 404, 'not_found');

    // Bob's own plan and progress change nothing of Ada's.
    await markUpTo(bob, show.id, 5);
    expect((await savePlan(bob, show.id, { per_week: 1 })).status).toBe(200);
    expect((await catchUp(ada, show.id)).body).toMatchObject({ episodes_left: 5, plan: { weekdays: [2], time: '19:00' } });
    expect(catchUpEvents((await timeline(ada)).body).length).toBeGreaterThan(0);
  });
});
