// Watch history against the real API: the show page's per-episode toggle and
// "Mark season watched", a mark the server refuses rolling back with its
// message, a mark made offline resuming after a reload, and the history
// screen listing a watch, changing its date and removing it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, renderHook, screen, within } from '@solidjs/testing-library';
import { onlineManager, QueryClientProvider, type QueryClient } from '@tanstack/solid-query';
import { persistQueryClientRestore, persistQueryClientSave } from '@tanstack/solid-query-persist-client';
import type { ParentProps } from 'solid-js';
import { useWatch } from '../src/hooks/use-history.ts';
import { api, json, publicApi } from '../src/lib/api.ts';
import { addDays, todayIn } from '../src/lib/format.ts';
import { createQueryClient, keys, PERSIST_KEY } from '../src/lib/query-client.ts';
import { userZone } from '../src/lib/session.ts';
import type { SeasonDetail, ShowSummary, WatchState } from '../src/lib/types.ts';
import HistoryPage from '../src/screens/history.tsx';
import ShowPage from '../src/screens/show.tsx';
import { eventually, findShow, freshAccount, persistOptions, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  onlineManager.setOnline(true);
  localStorage.clear();
});

const wrapper = (client: QueryClient) => (props: ParentProps) => <QueryClientProvider client={client}>{props.children}</QueryClientProvider>;

/** The Last of Us: its third season started two weeks ago, so it has aired episodes and episodes still to come. */
async function showWithNewSeason(): Promise<{ show: ShowSummary; season: SeasonDetail }> {
  const show = await findShow('the last of us');
  const detail = await json(publicApi.shows[':id'].$get({ param: { id: show.id } }));
  const number = detail.next_episode!.season_number;
  const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: String(number) } }));
  return { show, season };
}

const aired = (season: SeasonDetail) => season.episodes.filter((episode) => episode.airs_at && Date.parse(episode.airs_at) < Date.now());
const notAired = (season: SeasonDetail) => season.episodes.filter((episode) => !episode.airs_at || Date.parse(episode.airs_at) > Date.now());
const code = (episode: { season_number: number; episode_number: number }) =>
  `S${String(episode.season_number).padStart(2, '0')}E${String(episode.episode_number).padStart(2, '0')}`;

const watchedOnServer = async (showId: string) =>
  (await json(api.history.shows[':show_id'].$get({ param: { show_id: showId } }))).episodes.map(code);

describe('the show page', () => {
  it('marks an episode watched at once, the server records it, and it stays marked after a refetch', async () => {
    await freshAccount();
    const { show, season } = await showWithNewSeason();
    const first = aired(season)[0]!;
    const client = createQueryClient();
    renderScreen(client, ShowPage, `/shows/${show.id}`, '/shows/:id');

    const toggle = await screen.findByRole('button', { name: `Mark ${code(first)} watched` }, { timeout: 10_000 });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    // Not out yet: nothing to mark, only when it airs.
    expect(screen.queryByRole('button', { name: `Mark ${code(notAired(season).at(-1)!)} watched` })).toBeNull();

    fireEvent.click(toggle);
    await eventually(() => expect(toggle.getAttribute('aria-pressed')).toBe('true'));
    await eventually(async () => expect(await watchedOnServer(show.id)).toEqual([code(first)]));
    await client.refetchQueries({ queryKey: keys.watchState(show.id) });
    await eventually(() => expect(screen.getByRole('button', { name: `Mark ${code(first)} watched` }).getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByText(/Watched \d+ \w+/)).toBeTruthy();

    // The show's history: one watch, deleted only after the question.
    fireEvent.click(await screen.findByRole('button', { name: "Delete this show's history…" }));
    expect(screen.getByText(/Delete all 1 watch of /)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete history' }));
    await eventually(async () => expect(await watchedOnServer(show.id)).toEqual([]));
    await eventually(() => expect(screen.getByRole('button', { name: `Mark ${code(first)} watched` }).getAttribute('aria-pressed')).toBe('false'));
  });

  it('marks a season and says what was not aired yet', async () => {
    await freshAccount();
    const { show, season } = await showWithNewSeason();
    renderScreen(createQueryClient(), ShowPage, `/shows/${show.id}`, '/shows/:id');

    fireEvent.click(await screen.findByRole('button', { name: 'Mark season watched' }, { timeout: 10_000 }));
    const notice = await screen.findByText(`${aired(season).length} marked, ${notAired(season).length} not aired yet.`, {}, { timeout: 10_000 });
    expect(notice.closest('[role="status"]')).toBeTruthy();
    expect(await watchedOnServer(show.id)).toEqual(aired(season).map(code));
  });

  it('a mark the server refuses (not aired) goes back and says why beside the episode', async () => {
    await freshAccount();
    const { show, season } = await showWithNewSeason();
    const future = notAired(season).at(-1)!;
    const client = createQueryClient();
    // A stale copy that believes the episode is out: the server knows better (422 not_aired).
    const past = new Date(Date.now() - 86_400_000).toISOString();
    client.setQueryData<SeasonDetail>(keys.season(show.id, season.season_number), {
      ...season,
      episodes: season.episodes.map((episode) => (episode.id === future.id ? { ...episode, airs_at: past, air_date: past.slice(0, 10) } : episode)),
    });
    renderScreen(client, ShowPage, `/shows/${show.id}`, '/shows/:id');

    const toggle = await screen.findByRole('button', { name: `Mark ${code(future)} watched` }, { timeout: 10_000 });
    await eventually(() => expect(client.getQueryData(keys.watchState(show.id))).toBeTruthy());
    const seen: number[] = [];
    client.getQueryCache().subscribe(() => {
      const count = client.getQueryData<WatchState>(keys.watchState(show.id))?.episodes.length;
      if (count !== undefined && seen.at(-1) !== count) seen.push(count);
    });
    fireEvent.click(toggle);
    const row = toggle.closest('li')!;
    const alert = await within(row).findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/air/i);
    // Watched at once, then not when the server said no.
    expect(seen.slice(0, 2)).toEqual([1, 0]);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await watchedOnServer(show.id)).toEqual([]);
  });

  it('a mark made offline waits, survives a reload, and is sent when back online', async () => {
    await freshAccount();
    const { show, season } = await showWithNewSeason();
    const first = aired(season)[0]!;
    const client = createQueryClient();
    client.setQueryData(keys.watchState(show.id), {
      show_id: show.id,
      media_type: 'tv' as const,
      last_watched_season: null,
      last_watched_episode: null,
      movie: null,
      episodes: [],
    });
    onlineManager.setOnline(false);
    const { result } = renderHook(useWatch, { wrapper: wrapper(client) });
    const episode = { id: first.id, season_number: first.season_number, episode_number: first.episode_number };
    result.mutate({ kind: 'episode', show_id: show.id, episode, at: new Date().toISOString() });
    await eventually(() => expect(result.isPaused).toBe(true));
    // Watched on the page at once, before the server has heard of it.
    await eventually(() => expect(client.getQueryData<WatchState>(keys.watchState(show.id))?.episodes).toHaveLength(1));
    await persistQueryClientSave(persistOptions(client));
    await eventually(() => expect(localStorage.getItem(PERSIST_KEY)).toContain('"isPaused":true'));
    expect(await watchedOnServer(show.id)).toEqual([]);

    const reloaded = createQueryClient();
    await persistQueryClientRestore(persistOptions(reloaded));
    expect(reloaded.getMutationCache().getAll().map((mutation) => mutation.state.isPaused)).toEqual([true]);
    onlineManager.setOnline(true);
    await reloaded.resumePausedMutations();
    expect(await watchedOnServer(show.id)).toEqual([code(first)]);
  });
});

describe('the show page, more', () => {
  it('"Watched up to here" marks what came before, and "Watch again" adds a play', async () => {
    await freshAccount();
    const { show, season } = await showWithNewSeason();
    const [first, second] = aired(season) as [SeasonDetail['episodes'][number], SeasonDetail['episodes'][number]];
    renderScreen(createQueryClient(), ShowPage, `/shows/${show.id}`, '/shows/:id');

    const menu = (await screen.findByLabelText(`More for ${code(second)}`, {}, { timeout: 10_000 })).closest('details')!;
    fireEvent.click(within(menu).getByText(`Watched up to here`));
    // Every regular episode up to it: the earlier seasons, and this one's up to and including it.
    await eventually(async () => {
      const watched = await watchedOnServer(show.id);
      expect(watched.slice(-2)).toEqual([code(first), code(second)]);
      expect(watched[0]).toBe('S01E01');
    });

    const again = screen.getByLabelText(`More for ${code(first)}`).closest('details')!;
    await eventually(() => within(again).getByText('Watch again'));
    fireEvent.click(within(again).getByText('Watch again'));
    await eventually(async () => {
      const state = await json(api.history.shows[':show_id'].$get({ param: { show_id: show.id } }));
      expect(state.episodes.slice(-2).map((item) => item.plays)).toEqual([2, 1]);
    });
    await screen.findByText(/Watched twice, last/, {}, { timeout: 10_000 });
  });

  it('a movie: "Mark watched", then when, and "Watch again"', async () => {
    await freshAccount();
    const movie = await findShow('oppenheimer');
    renderScreen(createQueryClient(), ShowPage, `/shows/${movie.id}`, '/shows/:id');

    fireEvent.click(await screen.findByRole('button', { name: 'Mark watched' }, { timeout: 10_000 }));
    await screen.findByText(/^Watched \d+ \w+/, {}, { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Watch again' }));
    await eventually(async () => {
      const state = await json(api.history.shows[':show_id'].$get({ param: { show_id: movie.id } }));
      expect(state.movie?.plays).toBe(2);
    });
    await screen.findByText(/^Watched twice, last/, {}, { timeout: 10_000 });
  });
});

describe('the history screen', () => {
  it('lists a watch by day with its time, changes its date and removes it', async () => {
    await freshAccount();
    const { show, season } = await showWithNewSeason();
    const first = aired(season)[0]!;
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: first.id }, json: {} }));
    renderScreen(createQueryClient(), HistoryPage, `/history?show=${show.id}`, '/history');

    const name = `${show.title} ${code(first)}`;
    const edit = await screen.findByRole('button', { name: `Edit date of ${name}` }, { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 2, name: 'Today' })).toBeTruthy();
    expect(screen.getByText(/^\d{1,2}:\d\d( [AP]M)?$/)).toBeTruthy();

    fireEvent.click(edit);
    fireEvent.click(screen.getByRole('radio', { name: 'On a day' }));
    const day = addDays(todayIn(userZone()), -3);
    fireEvent.input(screen.getByLabelText('Day'), { target: { value: day } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await eventually(async () => {
      const page = await json(api.history.$get({ query: { show_id: show.id } }));
      expect(page.watches.map((watch) => watch.watched_on)).toEqual([day]);
    });
    await eventually(() => expect(screen.getByText('all day')).toBeTruthy());
    expect(screen.queryByRole('heading', { level: 2, name: 'Today' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: `Remove ${name}` }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove watch' }));
    await screen.findByText('Nothing watched of this yet', {}, { timeout: 10_000 });
    expect((await json(api.history.$get({ query: { show_id: show.id } }))).watches).toEqual([]);
  });
});
