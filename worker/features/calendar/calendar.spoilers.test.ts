// Hide spoilers in the calendar feed (docs/design.md#spoilers): with the
// setting on, an episode the person has not watched keeps its show and code
// in SUMMARY and DESCRIPTION but not its title or overview; once watched, or
// with the setting off, the title is back. The feed is cached in KV, so each
// change must show in the very next fetch.
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../lib/local-time.ts';
import { call, query, signUp, stateVersion, type TestAccount } from '../../test-helpers.ts';
import { addWatch, createShow, track } from '../timeline/timeline.fixtures.ts';
import { addEpisodeEvent, eventByUid, feedUrl, fetchFeed, parseFeed, setPreferences, textOf, uidOf } from './calendar.fixtures.ts';

const TITLE = 'Trojan’s Horse';
const OVERVIEW = 'Mark, Helly, Irving and Dylan face a reckoning, at length.';
const WATCHED_TITLE = 'Woe’s Hollow';
const WATCHED_OVERVIEW = 'An outdoor retreat goes wrong.';
const SHOW_OVERVIEW = 'Office workers split their memories.';
const ZONE = 'America/New_York';

const setHidden = async (account: TestAccount, hide: boolean) => {
  const response = await call('PATCH', '/api/v1/me', { token: account.accessToken, json: { hide_spoilers: hide } });
  expect(response.status).toBe(200);
  expect(response.body.hide_spoilers).toBe(hide);
};

/** A person tracking a show with S02E04 (watched) and S02E05 (not), both aired this week, and S02E06 to come. */
async function scene(hide: boolean) {
  const account = await signUp({ timezone: ZONE });
  const show = await createShow('Severance');
  await query('UPDATE shows SET overview = $2 WHERE id = $1', [show.id, SHOW_OVERVIEW]);
  await track(account.id, show.id);
  // Reminders on, so a VALARM's text is checked too.
  await setPreferences(account.id, show.id, { hoursBefore: 1 });
  const today = localDate(Date.now(), ZONE);
  const at = (offset: number) => ({ at: `${addDays(today, offset)}T02:00:00.000Z`, day: addDays(today, offset - 1) });
  const watched = await addEpisodeEvent(show.id, { season: 2, episode: 4, name: WATCHED_TITLE, overview: WATCHED_OVERVIEW, runtime: 50, ...at(-4) });
  const unwatched = await addEpisodeEvent(show.id, { season: 2, episode: 5, name: TITLE, overview: OVERVIEW, runtime: 50, ...at(-2) });
  const upcoming = await addEpisodeEvent(show.id, { season: 2, episode: 6, name: 'Attila', overview: 'Next week’s secrets.', runtime: 50, ...at(5) });
  await addWatch(account.id, show.id, { season: 2, episode: 4 });
  if (hide) await setHidden(account, true);
  const url = (await feedUrl(account)).url;
  return { account, show, url, ids: { watched, unwatched, upcoming } };
}

async function feedText(url: string, search = ''): Promise<string> {
  const response = await fetchFeed(url, search);
  expect(response.status).toBe(200);
  return response.body as string;
}

const eventOf = (text: string, id: string) => eventByUid(parseFeed(text), uidOf(id));

describe('the calendar feed with hide spoilers on', () => {
  it('names unwatched episodes by show and code only, with no title or overview anywhere in the document', async () => {
    const { show, url, ids } = await scene(true);
    const text = await feedText(url);
    for (const secret of ['Trojan', OVERVIEW, 'Attila', 'Next week']) expect(text).not.toContain(secret);

    const unwatched = eventOf(text, ids.unwatched);
    expect(textOf(unwatched, 'summary')).toBe(`${show.title} S02E05`);
    expect(textOf(unwatched, 'description')).toContain(SHOW_OVERVIEW);
    expect(textOf(unwatched, 'description')).toContain(`http://localhost/shows/${show.id}`);
    expect(textOf(eventOf(text, ids.upcoming), 'summary')).toBe(`${show.title} S02E06`);
    const alarm = eventOf(text, ids.upcoming).getFirstSubcomponent('valarm');
    expect(alarm).not.toBeNull();
    expect(String(alarm!.getFirstPropertyValue('description'))).toBe(`${show.title} S02E06`);

    // A watched episode is no spoiler: its title and overview stay.
    const watched = eventOf(text, ids.watched);
    expect(textOf(watched, 'summary')).toBe(`${show.title} S02E04 — ${WATCHED_TITLE}`);
    expect(textOf(watched, 'description')).toContain(WATCHED_OVERVIEW);
  });

  it('shows the title in the next fetch after the episode is marked watched', async () => {
    const { account, show, url, ids } = await scene(true);
    expect(await feedText(url)).not.toContain('Trojan');
    const [episode] = await query<{ episode_id: string }>('SELECT episode_id FROM timeline_events WHERE id = $1', [ids.unwatched]);
    const marked = await call('POST', `/api/v1/history/episodes/${episode!.episode_id}`, { token: account.accessToken, json: {} });
    expect(marked.status).toBe(201);

    const after = eventOf(await feedText(url), ids.unwatched);
    expect(textOf(after, 'summary')).toBe(`${show.title} S02E05 — ${TITLE}`);
    expect(textOf(after, 'description')).toContain(OVERVIEW);
  });

  it('follows the history itself: a watch added or removed straight in the table shows at once', async () => {
    const { account, show, url, ids } = await scene(true);
    expect(await feedText(url)).not.toContain('Trojan');
    // Straight into the table, past the API: Postgres bumps the person's version, which the feed's key carries.
    const before = await stateVersion(account.id);
    const watch = await addWatch(account.id, show.id, { season: 2, episode: 5 });
    expect(await feedText(url)).toContain(`${show.title} S02E05 — ${TITLE}`);
    await query('DELETE FROM watches WHERE id = $1', [watch]);
    const again = await feedText(url);
    expect(again).not.toContain('Trojan');
    expect(textOf(eventOf(again, ids.unwatched), 'summary')).toBe(`${show.title} S02E05`);
    expect(await stateVersion(account.id)).toBe(before + 2);
  });
});

describe('turning the setting on and off', () => {
  it('shows titles with the setting off, hides them in the next fetch once on, and shows them again once off', async () => {
    const { account, show, url, ids } = await scene(false);
    const open = await feedText(url);
    expect(textOf(eventOf(open, ids.unwatched), 'summary')).toBe(`${show.title} S02E05 — ${TITLE}`);
    expect(textOf(eventOf(open, ids.unwatched), 'description')).toContain(OVERVIEW);
    expect(open).toContain('Attila');

    await setHidden(account, true);
    const hidden = await feedText(url);
    expect(hidden).not.toContain('Trojan');
    expect(hidden).not.toContain(OVERVIEW);
    expect(textOf(eventOf(hidden, ids.unwatched), 'summary')).toBe(`${show.title} S02E05`);

    await setHidden(account, false);
    expect(textOf(eventOf(await feedText(url), ids.unwatched), 'summary')).toBe(`${show.title} S02E05 — ${TITLE}`);
  });
});
