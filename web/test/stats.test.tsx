// The statistics screen against the real API: the figures the server counts,
// a bar with its label and figures for each month and genre, the period
// picker, and the loading, empty and error states.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@solidjs/testing-library';
import { api, json, publicApi } from '../src/lib/api.ts';
import { todayIn } from '../src/lib/format.ts';
import { createQueryClient, keys, shouldPersistQuery } from '../src/lib/query-client.ts';
import { userZone } from '../src/lib/session.ts';
import StatsPage, { addMonths, fillMonths, monthText, periodRange } from '../src/screens/stats.tsx';
import { eventually, findShow, freshAccount, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

/** The big number under a figure's name ("Episodes", "Movies", "Hours"). */
const figure = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling!.querySelector('.stat-number')!.textContent;

const bars = (label: string) =>
  within(screen.getByRole('list', { name: label }))
    .getAllByRole('listitem')
    .map((item) => ({
      name: item.querySelector('.bar-name')!.textContent,
      text: item.querySelector('.bar-text')!.textContent,
      width: (item.querySelector('.bar') as HTMLElement).style.width,
      hidden: item.querySelector('.bar-track')!.getAttribute('aria-hidden'),
    }));

describe('period helpers', () => {
  it('counts months across years, fills the months with nothing watched, and says a month in words', () => {
    expect(monthText({ month: '2026-03', episodes: 2, movies: 1, minutes: 210 })).toBe('2 episodes · 1 movie · 3.5 h');
    expect(monthText({ month: '2026-03', episodes: 0, movies: 1, minutes: 0 })).toBe('1 movie');
    expect(monthText({ month: '2026-03', episodes: 0, movies: 0, minutes: 0 })).toBe('nothing');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-03', -11)).toBe('2025-04');
    expect(periodRange('year', '2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(periodRange('12-months', '2026-12-07')).toEqual({ from: '2026-01-01', to: '2026-12-07' });
    expect(periodRange('12-months', '2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(periodRange('all', '2026-12-07')).toEqual({});
    expect(fillMonths([{ month: '2026-02', episodes: 2, movies: 0, minutes: 90 }], '2025-12', '2026-03')).toEqual([
      { month: '2025-12', episodes: 0, movies: 0, minutes: 0 },
      { month: '2026-01', episodes: 0, movies: 0, minutes: 0 },
      { month: '2026-02', episodes: 2, movies: 0, minutes: 90 },
      { month: '2026-03', episodes: 0, movies: 0, minutes: 0 },
    ]);
  });
});

describe('the statistics screen', () => {
  it('shows the figures, a labelled bar per month and per genre, and narrows to a period', async () => {
    await freshAccount();
    const show = await findShow('the last of us');
    const movie = await findShow('oppenheimer');
    const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '1' } }));
    const today = todayIn(userZone());
    const longAgo = `${Number(today.slice(0, 4)) - 2}-06-15`;
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: season.episodes[0]!.id }, json: { watched_on: longAgo } }));
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: season.episodes[1]!.id }, json: {} }));
    await json(api.history.movies[':show_id'].$post({ param: { show_id: movie.id }, json: {} }));
    const all = await json(api.stats.$get({ query: {} }));

    const client = createQueryClient();
    renderScreen(client, StatsPage, '/stats', '/stats');
    await screen.findByRole('list', { name: 'Watched by month' }, { timeout: 10_000 });
    expect(screen.getByRole('heading', { level: 1, name: 'Statistics' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'All time' }).getAttribute('aria-pressed')).toBe('true');
    expect(figure('Episodes')).toBe('2');
    expect(figure('Movies')).toBe('1');
    expect(figure('Hours')).toBe(all.hours.toLocaleString('en-GB'));
    expect(all.hours).toBeGreaterThan(0);

    // All time: every month from the first watch to today, each bar named and with its figures as text.
    const months = bars('Watched by month');
    expect(months).toHaveLength(fillMonths(all.by_month, longAgo.slice(0, 7), today.slice(0, 7)).length);
    expect(months.every((bar) => bar.name && bar.text && bar.hidden === 'true')).toBe(true);
    expect(months[0]!.name).toBe(`Jun ${longAgo.slice(0, 4)}`);
    expect(months[0]!.text).toMatch(/^1 episode · [\d.]+ h$/);
    expect(months.at(-1)!.text).toMatch(/^1 episode · 1 movie · [\d.]+ h$/);
    // The busiest month's bar is the longest; a month with nothing has none.
    expect(months.at(-1)!.width).toBe('100%');
    expect(months[1]).toMatchObject({ text: 'nothing', width: '0%' });

    expect(all.by_genre.length).toBeGreaterThan(0);
    const genres = bars('Watched by genre');
    expect(genres.map((bar) => bar.name)).toEqual(all.by_genre.map((row) => row.genre));
    expect(genres[0]!.text).toMatch(new RegExp(`^${all.by_genre[0]!.watches} watch(es)? · [\\d.]+ h$`));

    // This year leaves out the watch of two years ago.
    fireEvent.click(screen.getByRole('button', { name: 'This year' }));
    await eventually(() => expect(figure('Episodes')).toBe('1'));
    expect(screen.getByRole('button', { name: 'This year' }).getAttribute('aria-pressed')).toBe('true');
    expect(figure('Movies')).toBe('1');
    expect(bars('Watched by month')).toHaveLength(Number(today.slice(5, 7)));

    // The last 12 months: twelve bars, this month's last.
    fireEvent.click(screen.getByRole('button', { name: 'Last 12 months' }));
    await eventually(() => expect(bars('Watched by month')).toHaveLength(12));
    expect(bars('Watched by month').at(-1)!.text).toMatch(/^1 episode · 1 movie/);
    // Saved on the device like the other screens, so it opens offline.
    const range = periodRange('12-months', today);
    expect(shouldPersistQuery(client.getQueryCache().find({ queryKey: keys.stats(range.from, range.to) })!)).toBe(true);
  });

  it('loads, then says how to get stats when nothing is watched yet', async () => {
    await freshAccount();
    const { container } = renderScreen(createQueryClient(), StatsPage, '/stats', '/stats');
    expect(container.querySelector('.skeleton')).toBeTruthy();
    await screen.findByText('Nothing watched yet — mark episodes watched to see your stats', {}, { timeout: 10_000 });
    expect(container.querySelector('.skeleton')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Watched by month' })).toBeNull();
  });

  it('says what went wrong and tries again', async () => {
    await freshAccount();
    const realFetch = window.fetch;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes('/api/v1/stats')) return realFetch(input, init);
      const error = { error: { code: 'internal', message: 'Statistics are not available right now.' } };
      return Promise.resolve(new Response(JSON.stringify(error), { status: 503, headers: { 'Content-Type': 'application/json' } }));
    });
    const client = createQueryClient();
    client.setQueryDefaults(['stats'], { retry: false });
    renderScreen(client, StatsPage, '/stats', '/stats');

    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('Statistics are not available right now.');
    vi.unstubAllGlobals();
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText('Nothing watched yet — mark episodes watched to see your stats', {}, { timeout: 10_000 });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
