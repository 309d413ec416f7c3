// Hide spoilers against the real API: the Settings switch (saved, and waiting
// offline, through a reload), and with it on, no title of an unwatched episode anywhere in the
// rendered DOM (text or attribute) on the timeline, the show page and Up Next
// until it is revealed, while watched episodes show theirs. Succession's
// finale has a real title ("With Open Eyes"); the other stand-in episodes are
// "Episode N".
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { onlineManager, type QueryClient } from '@tanstack/solid-query';
import { persistQueryClientRestore, persistQueryClientSave } from '@tanstack/solid-query-persist-client';
import { EventsByDay } from '../src/components/events.tsx';
import { createSpoiler, RevealButton, SpoilerOverview, SpoilerStill, SpoilerText } from '../src/components/spoiler.tsx';
import { UpNextSection } from '../src/components/up-next.tsx';
import { api, json, publicApi, setSession } from '../src/lib/api.ts';
import { addDays, todayIn } from '../src/lib/format.ts';
import { createQueryClient, PERSIST_KEY } from '../src/lib/query-client.ts';
import { updateUser, user, userZone } from '../src/lib/session.ts';
import { HIDE_SPOILERS_KEY, hideSpoilers } from '../src/lib/spoilers.ts';
import type { ShowSummary } from '../src/lib/types.ts';
import Settings from '../src/screens/settings.tsx';
import ShowPage from '../src/screens/show.tsx';
import TimelinePage from '../src/screens/timeline.tsx';
import { eventually, findShow, freshAccount, persistOptions, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  onlineManager.setOnline(true);
  // Signing out also forgets what was revealed.
  setSession(null);
  localStorage.clear();
});

const FINALE = 'With Open Eyes';
const html = () => document.body.innerHTML;

/** The setting turned on the way the app does it (the registered mutation), for the person signed in. */
async function hideSpoilersOn(client: QueryClient) {
  await client.getMutationCache().build(client, { mutationKey: HIDE_SPOILERS_KEY }).execute(true);
  expect(hideSpoilers()).toBe(true);
}

/** Succession with everything up to S04E09 watched: its finale, S04E10, is the one unwatched episode. */
async function successionBeforeTheFinale(): Promise<ShowSummary> {
  const show = await findShow('succession');
  await json(api.tracking.$post({ json: { show_id: show.id } }));
  await json(api.history.shows[':show_id']['up-to'].$post({ param: { show_id: show.id }, json: { season_number: 4, episode_number: 9 } }));
  const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '4' } }));
  expect(season.episodes.at(-1)).toMatchObject({ episode_number: 10, title: FINALE });
  return show;
}

describe('the spoiler component', () => {
  const TITLE = 'The Twist Revealed';
  const OVERVIEW = 'Everyone was a ghost all along.';
  const STILL = 'https://images.example/still-of-the-twist.jpg';

  function Episode(props: { unwatched: boolean }) {
    const spoiler = createSpoiler(() => ({ id: 'episode-1', unwatched: props.unwatched }));
    let title: HTMLHeadingElement | undefined;
    return (
      <article>
        <h2 ref={title} tabIndex={-1}>
          <SpoilerText spoiler={spoiler}>{TITLE}</SpoilerText>
        </h2>
        <SpoilerOverview spoiler={spoiler} text={OVERVIEW} />
        <SpoilerStill spoiler={spoiler} src={STILL} alt={TITLE} />
        <RevealButton spoiler={spoiler} what="the title of S01E02" focus={() => title} />
      </article>
    );
  }

  it('keeps the title, overview and still out of the DOM while hidden, and shows them on Reveal', async () => {
    await freshAccount();
    updateUser({ ...user()!, hide_spoilers: true });
    render(() => <Episode unwatched />);

    for (const secret of [TITLE, OVERVIEW, STILL, 'still-of-the-twist']) expect(html()).not.toContain(secret);
    expect(screen.getByText('Episode title hidden')).toBeTruthy();
    expect(screen.getByText('Overview hidden')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Episode image hidden' }).tagName).toBe('SPAN');
    // The button says what it reveals, never the thing itself.
    const reveal = screen.getByRole('button', { name: 'Reveal the title of S01E02' });

    fireEvent.click(reveal);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(TITLE);
    expect(screen.getByText(OVERVIEW)).toBeTruthy();
    expect(screen.getByRole('img', { name: TITLE }).getAttribute('src')).toBe(STILL);
    expect(screen.queryByRole('button', { name: /Reveal/ })).toBeNull();
    // Focus moves to what was revealed, not lost with the button.
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }));
  });

  it('shows a watched episode, and everything with the setting off, without a Reveal', async () => {
    await freshAccount();
    updateUser({ ...user()!, hide_spoilers: true });
    const watched = render(() => <Episode unwatched={false} />);
    expect(html()).toContain(TITLE);
    expect(html()).toContain(STILL);
    expect(screen.queryByRole('button', { name: /Reveal/ })).toBeNull();
    watched.unmount();

    updateUser({ ...user()!, hide_spoilers: false });
    render(() => <Episode unwatched />);
    expect(html()).toContain(TITLE);
    expect(html()).toContain(OVERVIEW);
    expect(screen.queryByText('Episode title hidden')).toBeNull();
  });
});

describe('the Hide spoilers setting', () => {
  it('saves the switch through PATCH /me, and offline applies it at once and saves it once back online', async () => {
    await freshAccount();
    const client = createQueryClient();
    renderScreen(client, Settings);
    const toggle = await screen.findByRole('switch', { name: 'Hide spoilers' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(toggle.getAttribute('aria-describedby')).toBe('spoilers-hint');

    fireEvent.click(toggle);
    await screen.findByText('Saved.', {}, { timeout: 10_000 });
    expect((await json(api.me.$get())).hide_spoilers).toBe(true);
    expect((toggle as HTMLInputElement).checked).toBe(true);
    expect(hideSpoilers()).toBe(true);

    onlineManager.setOnline(false);
    fireEvent.click(toggle);
    await screen.findByText('Will save when online');
    // This device hides nothing any more; the server has not heard yet.
    expect(hideSpoilers()).toBe(false);
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect((await json(api.me.$get())).hide_spoilers).toBe(true);

    onlineManager.setOnline(true);
    await eventually(async () => expect((await json(api.me.$get())).hide_spoilers).toBe(false));
    await eventually(() => expect(screen.queryByText('Will save when online')).toBeNull());
    expect(hideSpoilers()).toBe(false);
  });
});

describe('the Hide spoilers setting, offline', () => {
  it('a change made offline holds on this device, survives a reload, and is sent once back online', async () => {
    await freshAccount();
    const client = createQueryClient();
    onlineManager.setOnline(false);
    const change = client.getMutationCache().build(client, { mutationKey: HIDE_SPOILERS_KEY });
    void change.execute(true).catch(() => undefined);
    await eventually(() => expect(change.state.isPaused).toBe(true));
    // Hidden on this device at once, and still after a reload (the stored profile).
    expect(hideSpoilers()).toBe(true);
    expect(JSON.parse(localStorage.getItem('showtracker:user') ?? '{}')).toMatchObject({ hide_spoilers: true });
    await persistQueryClientSave(persistOptions(client));
    await eventually(() => expect(localStorage.getItem(PERSIST_KEY)).toContain('"isPaused":true'));
    expect((await json(api.me.$get())).hide_spoilers).toBe(false);

    const reloaded = createQueryClient();
    await persistQueryClientRestore(persistOptions(reloaded));
    onlineManager.setOnline(true);
    await reloaded.resumePausedMutations();
    expect((await json(api.me.$get())).hide_spoilers).toBe(true);
    expect(hideSpoilers()).toBe(true);
  });
});

describe('with Hide spoilers on', () => {
  it('Up Next hides the next episode’s title until revealed', async () => {
    await freshAccount();
    const show = await successionBeforeTheFinale();
    const client = createQueryClient();
    await hideSpoilersOn(client);
    renderScreen(client, () => <UpNextSection homeEmpty={false} />);

    const list = await screen.findByRole('list', { name: 'Up next' }, { timeout: 10_000 });
    const link = await within(list).findByRole('link', { name: new RegExp(show.title) }, { timeout: 10_000 });
    expect(link.textContent).toContain('S04E10 · Episode title hidden');
    expect(html()).not.toContain(FINALE);

    fireEvent.click(within(list).getByRole('button', { name: `Reveal the title of ${show.title} S04E10` }));
    expect(link.textContent).toContain(`S04E10 · ${FINALE}`);
    expect(document.activeElement).toBe(link);
  });

  it('the show page shows watched episodes’ titles and hides the unwatched one until revealed', async () => {
    await freshAccount();
    const show = await successionBeforeTheFinale();
    const client = createQueryClient();
    await hideSpoilersOn(client);
    renderScreen(client, ShowPage, `/shows/${show.id}`, '/shows/:id');

    const reveal = await screen.findByRole('button', { name: 'Reveal the title of S04E10' }, { timeout: 10_000 });
    // Watched: each of S04E01-S04E09 with its title, once the watched state is in.
    await eventually(() => expect(screen.getAllByText(/^Episode \d$/)).toHaveLength(9));
    expect(html()).not.toContain(FINALE);
    expect(screen.getAllByText('Episode title hidden')).toHaveLength(1);

    fireEvent.click(reveal);
    expect(screen.getByText(FINALE)).toBeTruthy();
    expect(screen.queryByText('Episode title hidden')).toBeNull();
  });

  it('the timeline hides unwatched episodes’ titles and shows watched ones, and Reveal shows one', async () => {
    await freshAccount();
    // The Last of Us: its third season started two weeks ago, weekly.
    const show = await findShow('the last of us');
    await json(api.tracking.$post({ json: { show_id: show.id } }));
    const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '3' } }));
    const [first, second] = season.episodes;
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: second!.id }, json: {} }));
    const client = createQueryClient();
    await hideSpoilersOn(client);

    // The timeline screen: every episode coming up is unwatched, and no title of one is in the page.
    const screenView = renderScreen(client, TimelinePage, '/timeline?view=upcoming');
    await screen.findAllByRole('link', { name: /The Last of Us/ }, { timeout: 10_000 });
    expect(screen.getAllByText('Episode title hidden').length).toBeGreaterThan(0);
    expect(html()).not.toMatch(/Episode \d/);
    screenView.unmount();

    // The past two weeks as the API answers them: S03E01 unwatched, S03E02 watched.
    const today = todayIn(userZone());
    const { events } = await json(api.timeline.$get({ query: { from: addDays(today, -15), to: today } }));
    expect(events.map((event) => [event.episode_number, event.watched])).toEqual(expect.arrayContaining([[1, false], [2, true]]));
    const past = events.filter((event) => event.show.id === show.id && event.season_number === 3 && event.episode_number! <= 2);
    renderScreen(client, () => <EventsByDay events={past} today={today} />);
    expect(html()).toContain(second!.title!);
    expect(html()).not.toContain(first!.title!);

    fireEvent.click(screen.getByRole('button', { name: `Reveal the title of ${show.title} S03E01` }));
    expect(html()).toContain(first!.title!);
    expect(screen.queryByText('Episode title hidden')).toBeNull();
  });
});
