// The show page's Catch up card against the real API: what it says matches
// the server's arithmetic for the next premiere and for a picked day; adding
// the plan puts its sessions on the timeline, removing it takes them off; a
// show with nothing aired left says so.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@solidjs/testing-library';
import { MemoryRouter, Route } from '@solidjs/router';
import { EventRow } from '../src/components/events.tsx';
import { api, json, publicApi } from '../src/lib/api.ts';
import { setClockPreference } from '../src/lib/clock.ts';
import { addDays, todayIn } from '../src/lib/format.ts';
import { createQueryClient } from '../src/lib/query-client.ts';
import { userZone } from '../src/lib/session.ts';
import type { TimelineEvent } from '../src/lib/types.ts';
import ShowPage from '../src/screens/show.tsx';
import { eventually, findShow, freshAccount, renderScreen } from './helpers.tsx';

afterEach(() => {
  vi.restoreAllMocks();
  cleanup();
  localStorage.clear();
});

const catchUp = (showId: string, by?: string) =>
  json(api['catch-up'][':show_id'].$get({ param: { show_id: showId }, query: by ? { by } : {} }));

async function card() {
  const heading = await screen.findByRole('heading', { name: 'Catch up' }, { timeout: 10_000 });
  return heading.closest('section')!;
}

describe('the Catch up card', () => {
  it('picks the days and the time of the sessions, and saves them with the plan', async () => {
    await freshAccount();
    const show = await findShow('house of the dragon');
    await json(publicApi.shows[':id'].$get({ param: { id: show.id } }));
    renderScreen(createQueryClient(), ShowPage, `/shows/${show.id}`, '/shows/:id');
    const section = await card();
    const days = await within(section).findByRole('group', { name: 'Days you watch' }, { timeout: 10_000 });
    // Every day by default; Wednesday and Saturday only.
    for (const day of ['Monday', 'Tuesday', 'Thursday', 'Friday', 'Sunday']) fireEvent.click(within(days).getByLabelText(day));
    const answer = await json(
      api['catch-up'][':show_id'].$get({ param: { show_id: show.id }, query: { weekdays: '3,6' } }),
    );
    await eventually(() => expect(section.textContent).toContain(`watch ${answer.episodes_per_week} a week.`));
    // The last day ticked cannot be unticked.
    fireEvent.click(within(days).getByLabelText('Wednesday'));
    expect((within(days).getByLabelText('Saturday') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(days).getByLabelText('Wednesday'));
    fireEvent.change(within(section).getByLabelText(/^At/), { target: { value: '20:30' } });

    fireEvent.click(within(section).getByRole('button', { name: 'Add to timeline and calendar' }));
    await within(section).findByRole('button', { name: 'Remove plan' }, { timeout: 10_000 });
    const saved = await catchUp(show.id);
    expect(saved.plan).toMatchObject({ weekdays: [3, 6], time: '20:30' });
    expect(saved.sessions.every((session) => [3, 6].includes(new Date(`${session.date}T12:00:00Z`).getUTCDay() || 7))).toBe(true);
    expect(within(section).queryByRole('button', { name: 'Save changes' })).toBeNull();
  });

  it('says how many a week reach the next premiere or a picked day, and adds and removes the plan', async () => {
    await freshAccount();
    // House of the Dragon: two seasons aired, the third premieres in 30 days.
    const show = await findShow('house of the dragon');
    await json(publicApi.shows[':id'].$get({ param: { id: show.id } }));
    const server = await catchUp(show.id);
    expect(server.target?.source).toBe('premiere');
    expect(server.episodes_left).toBeGreaterThan(10);

    renderScreen(createQueryClient(), ShowPage, `/shows/${show.id}`, '/shows/:id');
    const section = await card();
    await eventually(() => expect(section.textContent).toContain(`${server.episodes_left} episodes left`));
    expect(section.textContent).toContain(`(the season ${server.next_premiere!.season_number} premiere) watch ${server.episodes_per_week} a week.`);

    // A week from now instead: every episode left within 7 days.
    const picked = addDays(todayIn(userZone()), 7);
    const input = within(section).getByLabelText('Ready by') as HTMLInputElement;
    expect(input.value).toBe(server.target!.date);
    fireEvent.change(input, { target: { value: picked } });
    const pickedAnswer = await catchUp(show.id, picked);
    expect(pickedAnswer.episodes_per_week).toBe(server.episodes_left);
    await eventually(() => expect(section.textContent).toContain(`watch ${pickedAnswer.episodes_per_week} a week.`));

    fireEvent.click(within(section).getByRole('button', { name: 'Add to timeline and calendar' }));
    await within(section).findByRole('button', { name: 'Remove plan' }, { timeout: 10_000 });
    const saved = await catchUp(show.id);
    expect(saved.plan).toMatchObject({ by: picked });
    const timeline = await json(api.timeline.$get({ query: { from: todayIn(userZone()), to: picked, type: 'catch_up' } }));
    expect(timeline.events.map((event) => event.title)).toEqual(saved.sessions.map((session) => `Catch up: ${session.label}`));
    expect(timeline.events.length).toBeGreaterThan(0);

    fireEvent.click(within(section).getByRole('button', { name: 'Remove plan' }));
    await within(section).findByRole('button', { name: 'Add to timeline and calendar' }, { timeout: 10_000 });
    expect((await catchUp(show.id)).plan).toBeNull();
  });

  it('says the person is caught up when nothing aired is left', async () => {
    await freshAccount();
    const show = await findShow('house of the dragon');
    await json(publicApi.shows[':id'].$get({ param: { id: show.id } }));
    await json(api.history.shows[':show_id'].$post({ param: { show_id: show.id }, json: {} }));

    renderScreen(createQueryClient(), ShowPage, `/shows/${show.id}`, '/shows/:id');
    const section = await card();
    await eventually(() => expect(section.textContent).toContain('You’re caught up'));
    expect(within(section).queryByRole('button', { name: 'Add to timeline and calendar' })).toBeNull();
  });
});

describe('the Catch up card, offline', () => {
  it('says it needs a connection instead of an error when the server cannot be reached', async () => {
    await freshAccount();
    const show = await findShow('house of the dragon');
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
      String(input instanceof Request ? input.url : input).includes('/api/v1/catch-up/')
        ? Promise.reject(new TypeError('Failed to fetch'))
        : realFetch(input, init),
    );
    renderScreen(createQueryClient(), ShowPage, `/shows/${show.id}`, '/shows/:id');
    const section = await card();
    await eventually(() => expect(section.textContent).toContain('The planner needs a connection'));
    expect(within(section).queryByRole('alert')).toBeNull();
  });
});

describe('a planned session on the timeline', () => {
  it('reads as the show and the episodes to catch up on, tagged Catch up, with no watched mark or reveal button', () => {
    const session: TimelineEvent = {
      id: crypto.randomUUID(),
      event_type: 'catch_up',
      title: 'Catch up: S01E04–S01E06',
      description: 'Catch up: S01E04–S01E06',
      show: { id: crypto.randomUUID(), title: 'Severance', media_type: 'tv', poster_url: null },
      season_number: null,
      episode_number: null,
      episode_id: null,
      all_day: false,
      starts_at: '2026-12-12T20:30:00Z',
      date: '2026-12-12',
      local_time: '20:30',
      watched: null,
    };
    setClockPreference('24h');
    render(() => (
      <MemoryRouter>
        <Route path="*" component={() => <ul><EventRow event={session} /></ul>} />
      </MemoryRouter>
    ));
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe(`/shows/${session.show.id}`);
    expect(link.textContent).toContain('Severance');
    expect(link.textContent).toContain('Catch up: S01E04–S01E06');
    expect(screen.getByText('Catch up').className).toContain('tag');
    expect(screen.getByText('20:30').tagName).toBe('TIME');
    setClockPreference('auto');
    expect(screen.queryByTitle('Watched')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
