// Home's document outline against the real API: one h1 first, then the h2
// sections, with Up next still the first section a returning person sees.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@solidjs/testing-library';
import { api, json, publicApi } from '../src/lib/api.ts';
import { createQueryClient } from '../src/lib/query-client.ts';
import Home from '../src/screens/home.tsx';
// The app's styles: the h1 is visually hidden by them.
import '../src/styles.css';
import { eventually, findShow, freshAccount, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('Home outline', () => {
  it('starts with its one h1, then Up next and Tonight as h2 sections, Up next first', async () => {
    await freshAccount();
    // A show in progress, so Up next has a row and is drawn.
    const show = await findShow('the last of us');
    await json(api.tracking.$post({ json: { show_id: show.id } }));
    const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '1' } }));
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: season.episodes[0]!.id }, json: {} }));

    const { container } = renderScreen(createQueryClient(), Home);
    const list = await screen.findByRole('list', { name: 'Up next' }, { timeout: 10_000 });
    expect(within(list).getByRole('link', { name: new RegExp(show.title) })).toBeTruthy();

    await eventually(() => expect(screen.getByRole('heading', { level: 2, name: 'Tonight' })).toBeTruthy());
    const headings = [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    expect(headings[0]?.tagName).toBe('H1');
    expect(headings[0]?.textContent).toMatch(/tonight/i);
    expect(headings.filter((heading) => heading.tagName === 'H1')).toHaveLength(1);
    // No level skipped: the sections are h2s, the days inside "This week" (on the days it has some) h3s.
    const levels = headings.map((heading) => Number(heading.tagName.slice(1)));
    levels.slice(1).forEach((level, index) => expect(level).toBeLessThanOrEqual(levels[index]! + 1));
    expect(levels.slice(1).every((level) => level >= 2)).toBe(true);
    const sections = headings.filter((heading) => heading.tagName === 'H2').map((heading) => heading.textContent);
    expect(sections.slice(0, 2)).toEqual(['Up next', 'Tonight']);
    const names = headings.map((heading) => heading.textContent);
    expect(names.indexOf('Up next')).toBe(1);
    expect(names.indexOf('Tonight')).toBeGreaterThan(names.indexOf('Up next'));
    // What a returning person sees first: the h1 takes no room, Up next is drawn above Tonight.
    const h1 = headings[0]!.getBoundingClientRect();
    expect(h1.width * h1.height).toBeLessThanOrEqual(1);
    const upNext = screen.getByRole('heading', { level: 2, name: 'Up next' }).getBoundingClientRect();
    const tonight = screen.getByRole('heading', { level: 2, name: 'Tonight' }).getBoundingClientRect();
    expect(upNext.top).toBeLessThan(tonight.top);
  });
});
