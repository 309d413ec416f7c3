// The watchlist against the real API: the show page's toggle (add, remove,
// and tracking taking the show off the list), the rollback when the server
// refuses, and an add made offline resuming after a reload.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, renderHook, screen } from '@solidjs/testing-library';
import { onlineManager, QueryClientProvider, type QueryClient } from '@tanstack/solid-query';
import { persistQueryClientRestore, persistQueryClientSave } from '@tanstack/solid-query-persist-client';
import type { ParentProps } from 'solid-js';
import { showSummary, useAddToWatchlist, useRemoveFromWatchlist } from '../src/hooks/use-watchlist.ts';
import { api, json } from '../src/lib/api.ts';
import { createQueryClient, keys, PERSIST_KEY } from '../src/lib/query-client.ts';
import type { Watchlist } from '../src/lib/types.ts';
import ShowPage from '../src/screens/show.tsx';
import { eventually, findShow, freshAccount, persistOptions, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  onlineManager.setOnline(true);
  localStorage.clear();
});

const onServer = async (showId: string) => (await json(api.watchlist[':show_id'].$get({ param: { show_id: showId } }))).on_watchlist;

const wrapper = (client: QueryClient) => (props: ParentProps) => <QueryClientProvider client={client}>{props.children}</QueryClientProvider>;

describe('the show page', () => {
  it('adds the show to the watchlist and takes it off, and tracking it takes it off too', async () => {
    await freshAccount();
    const show = await findShow('oppenheimer');
    renderScreen(createQueryClient(), ShowPage, `/shows/${show.id}`, '/shows/:id');

    const add = await screen.findByRole('button', { name: 'Add to watchlist' }, { timeout: 10_000 });
    expect(add.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(add);
    const on = await screen.findByRole('button', { name: 'On your watchlist' });
    expect(on.getAttribute('aria-pressed')).toBe('true');
    await eventually(async () => expect(await onServer(show.id)).toBe(true));

    await eventually(() => expect((screen.getByRole('button', { name: 'On your watchlist' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'On your watchlist' }));
    await screen.findByRole('button', { name: 'Add to watchlist' });
    await eventually(async () => expect(await onServer(show.id)).toBe(false));

    await eventually(() => expect((screen.getByRole('button', { name: 'Add to watchlist' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Add to watchlist' }));
    await eventually(async () => expect(await onServer(show.id)).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Track' }));
    await screen.findByRole('button', { name: 'Untrack' }, { timeout: 10_000 });
    // Tracked and off the list: the page offers no add any more.
    await eventually(() => expect(screen.queryByRole('button', { name: /watchlist/i })).toBeNull());
    expect(await onServer(show.id)).toBe(false);
  });
});

describe('watchlist mutations', () => {
  it('a remove the server refuses puts the show back', async () => {
    await freshAccount();
    const show = await findShow('interstellar');
    const client = createQueryClient();
    // The cache believes the show is on the list; the server has never heard of it (404).
    client.setQueryData<Watchlist>(keys.watchlist, { results: [{ show: showSummary(show), note: null, added_at: new Date().toISOString() }] });
    const seen: number[] = [];
    client.getQueryCache().subscribe(() => {
      const rows = client.getQueryData<Watchlist>(keys.watchlist)?.results;
      if (rows && seen.at(-1) !== rows.length) seen.push(rows.length);
    });
    const { result } = renderHook(useRemoveFromWatchlist, { wrapper: wrapper(client) });
    result.mutate(show.id);
    await eventually(() => expect(result.isError).toBe(true));
    expect((result.error as { status?: number }).status).toBe(404);
    // Gone at once, then back when the server said no.
    expect(seen.slice(0, 2)).toEqual([0, 1]);
  });

  it('an add made offline waits, survives a reload, and is sent when back online', async () => {
    await freshAccount();
    const show = await findShow('spirited away');
    const client = createQueryClient();
    client.setQueryData<Watchlist>(keys.watchlist, { results: [] });
    onlineManager.setOnline(false);
    const { result } = renderHook(useAddToWatchlist, { wrapper: wrapper(client) });
    result.mutate({ show: showSummary(show) });
    await eventually(() => expect(result.isPaused).toBe(true));
    // On the list at once, before the server has heard of it.
    await eventually(() => expect(client.getQueryData<Watchlist>(keys.watchlist)?.results.map((row) => row.show.id)).toEqual([show.id]));
    await persistQueryClientSave(persistOptions(client));
    await eventually(() => expect(localStorage.getItem(PERSIST_KEY)).toContain('"isPaused":true'));
    expect(await onServer(show.id)).toBe(false);

    const reloaded = createQueryClient();
    await persistQueryClientRestore(persistOptions(reloaded));
    expect(reloaded.getQueryData<Watchlist>(keys.watchlist)?.results.map((row) => row.show.id)).toEqual([show.id]);
    onlineManager.setOnline(true);
    await reloaded.resumePausedMutations();
    expect(await onServer(show.id)).toBe(true);
  });
});
