// Key components and screens, rendered in Chromium against the real API.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { MemoryRouter, Route } from '@solidjs/router';
import { EventRow } from '../src/components/events.tsx';
import { Nav } from '../src/components/nav.tsx';
import { QueryClientProvider } from '@tanstack/solid-query';
import { setSession } from '../src/lib/api.ts';
import { setClockPreference } from '../src/lib/clock.ts';
import { createQueryClient, keys } from '../src/lib/query-client.ts';
import type { TimelineEvent } from '../src/lib/types.ts';
import Home from '../src/screens/home.tsx';
import Search from '../src/screens/search.tsx';
import SignIn from '../src/screens/sign-in.tsx';
import { eventually, freshAccount, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  setClockPreference('auto');
});

const event = (overrides: Partial<TimelineEvent>): TimelineEvent => ({
  id: crypto.randomUUID(),
  event_type: 'new_episode',
  title: 'Severance S02E05',
  description: "Trojan's Horse",
  show: { id: crypto.randomUUID(), title: 'Severance', media_type: 'tv', poster_url: null },
  season_number: 2,
  episode_number: 5,
  episode_id: crypto.randomUUID(),
  all_day: false,
  starts_at: '2026-11-24T21:00:00Z',
  date: '2026-11-24',
  local_time: '21:00',
  watched: false,
  ...overrides,
});

const inRouter = (element: () => import('solid-js').JSX.Element) => () => (
  <MemoryRouter>
    <Route path="*" component={element} />
  </MemoryRouter>
);

describe('EventRow', () => {
  it('shows the episode code, the title and the local air time, linking to the show', () => {
    setClockPreference('24h');
    const timed = event({});
    render(inRouter(() => <ul><EventRow event={timed} /></ul>));
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe(`/shows/${timed.show.id}`);
    expect(link.textContent).toContain('S02E05');
    expect(link.textContent).toContain("Trojan's Horse");
    expect(screen.getByText('21:00').tagName).toBe('TIME');
  });

  it('says "all day" when only the date is known, and marks premieres and watched episodes', () => {
    render(inRouter(() => <ul><EventRow event={event({ all_day: true, local_time: null, starts_at: null, event_type: 'season_premiere', watched: true })} /></ul>));
    expect(screen.getByText('all day')).toBeTruthy();
    expect(screen.getByText('Season premiere')).toBeTruthy();
    expect(screen.getByTitle('Watched')).toBeTruthy();
  });
});

describe('Nav', () => {
  it('shows the unread count as a badge, with text for screen readers', async () => {
    await freshAccount();
    const client = createQueryClient();
    render(() => (
      <QueryClientProvider client={client}>
        <MemoryRouter>
          <Route path="*" component={() => <Nav />} />
        </MemoryRouter>
      </QueryClientProvider>
    ));
    // A new account has nothing unread: no badge.
    await eventually(() => expect(client.getQueryData(keys.unread)).toEqual({ unread: 0 }));
    expect(document.querySelector('.badge')).toBeNull();
    client.setQueryData(keys.unread, { unread: 3 });
    await eventually(() => expect(document.querySelector('.badge')?.textContent).toBe('3'));
    expect(screen.getByRole('link', { name: /Alerts, 3 unread/ })).toBeTruthy();
  });
});

describe('Home', () => {
  it('leads a person with nothing tracked to search', async () => {
    await freshAccount();
    renderScreen(createQueryClient(), Home);
    const heading = await screen.findByText('Nothing on your timeline in the next 7 days', {}, { timeout: 10_000 });
    expect(heading).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Find shows to track' }).getAttribute('href')).toBe('/search');
  });
});

describe('SignIn', () => {
  it('shows the API’s message for wrong credentials and a field error for a bad email', async () => {
    const account = await freshAccount();
    setSession(null);
    renderScreen(createQueryClient(), SignIn, '/signin');
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: account.email } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'not the password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toMatch(/email or password/i);

    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await eventually(() => expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true'));
    expect(document.querySelector('.field-error')?.textContent).toMatch(/valid email/i);
  });
});

describe('Search', () => {
  it('searches as you type after a pause, keeping earlier results on screen while the next load', async () => {
    renderScreen(createQueryClient(), Search, '/search');
    // Trending fills the empty box.
    await screen.findByRole('heading', { name: 'Trending this week' }, { timeout: 10_000 });
    let skeletonShownAfterResults = false;
    let haveResults = false;
    const observer = new MutationObserver(() => {
      if (document.querySelector('.grid')) haveResults = true;
      if (haveResults && document.querySelector('.skeleton')) skeletonShownAfterResults = true;
    });
    const box = screen.getByRole('searchbox');
    fireEvent.input(box, { target: { value: 'stranger' } });
    await screen.findByRole('link', { name: /Stranger Things/ }, { timeout: 10_000 });
    observer.observe(document.body, { childList: true, subtree: true });
    fireEvent.input(box, { target: { value: 'stranger things' } });
    await eventually(() => expect(screen.getByRole('searchbox')).toBeTruthy());
    await eventually(() => expect(document.querySelector('.stale')).toBeNull());
    observer.disconnect();
    expect(screen.getByRole('link', { name: /Stranger Things/ })).toBeTruthy();
    expect(skeletonShownAfterResults).toBe(false);
  });

  it('says so when nothing matches', async () => {
    renderScreen(createQueryClient(), Search, '/search?q=zzzzqqqq');
    expect(await screen.findByText(/No results for “zzzzqqqq”/, {}, { timeout: 10_000 })).toBeTruthy();
  });
});
