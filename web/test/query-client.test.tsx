// The browser cache against the real API: what survives a reload, untrack
// rolling back when the server refuses, and a mutation made offline resuming
// after a reload once the browser is back online.
import { afterEach, describe, expect, it } from 'vitest';
import { onlineManager, QueryClientProvider, type QueryClient } from '@tanstack/solid-query';
import { persistQueryClientRestore, persistQueryClientSave } from '@tanstack/solid-query-persist-client';
import { renderHook } from '@solidjs/testing-library';
import type { ParentProps } from 'solid-js';
import { useTrackShow, useUntrackShow } from '../src/hooks/use-tracking.ts';
import { api, json, setSession } from '../src/lib/api.ts';
import { API_CACHE } from '../src/lib/push-message.ts';
import { createPersister, createQueryClient, keys, PERSIST_KEY } from '../src/lib/query-client.ts';
import { forgetDataWhenSignedOut, status } from '../src/lib/session.ts';
import type { TrackedShow, TrackingList } from '../src/lib/types.ts';
import { eventually, findShow, freshAccount, persistOptions } from './helpers.tsx';


const wrapper = (client: QueryClient) => (props: ParentProps) => <QueryClientProvider client={client}>{props.children}</QueryClientProvider>;

afterEach(() => {
  onlineManager.setOnline(true);
  localStorage.clear();
});

describe('query cache', () => {
  it('persists the timeline, tracking and unread count, not search results', async () => {
    await freshAccount();
    const client = createQueryClient();
    const week = await client.fetchQuery({ queryKey: keys.timeline('week'), queryFn: () => json(api.timeline.week.$get({ query: {} })) });
    await client.fetchQuery({ queryKey: keys.tracking, queryFn: () => json(api.tracking.$get()) });
    await client.fetchQuery({ queryKey: keys.unread, queryFn: () => json(api.notifications['unread-count'].$get()) });
    await client.fetchQuery({ queryKey: keys.search('severance', 'all'), queryFn: () => json(api.shows.search.$get({ query: { q: 'severance' } })) });
    await persistQueryClientSave(persistOptions(client));
    await eventually(() => expect(localStorage.getItem(PERSIST_KEY)).toContain('notifications-count'));

    // A reload: a new client, restored from this device alone.
    const reloaded = createQueryClient();
    await persistQueryClientRestore(persistOptions(reloaded));
    expect(reloaded.getQueryData(keys.timeline('week'))).toEqual(week);
    expect(reloaded.getQueryData(keys.tracking)).toEqual({ results: [] });
    expect(reloaded.getQueryData(keys.unread)).toEqual({ unread: 0 });
    expect(reloaded.getQueryData(keys.search('severance', 'all'))).toBeUndefined();
  });

  it('forgets everything the device kept of the person when the session ends: queries, their saved copy, the service worker\'s API answers', async () => {
    await freshAccount();
    const client = createQueryClient();
    const stop = forgetDataWhenSignedOut(client);
    client.setQueryData(keys.tracking, { results: [] });
    localStorage.setItem(PERSIST_KEY, '{"saved":true}');
    const apiCache = await caches.open(API_CACHE);
    await apiCache.put('/api/v1/timeline/week', new Response('{"events":[]}'));

    setSession(null);
    expect(status()).toBe('signed-out');
    expect(client.getQueryData(keys.tracking)).toBeUndefined();
    expect(localStorage.getItem(PERSIST_KEY)).toBeNull();
    await eventually(async () => expect(await caches.has(API_CACHE)).toBe(false));
    stop();
  });

  it('writes a pending change at once when the page goes away (a reload right after a change keeps it)', async () => {
    const persister = createPersister(localStorage, 60_000);
    await persister.persistClient({ timestamp: 1, buster: 'test', clientState: { queries: [], mutations: [] } });
    expect(localStorage.getItem(PERSIST_KEY)).toBeNull();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(JSON.parse(localStorage.getItem(PERSIST_KEY)!)).toMatchObject({ timestamp: 1, buster: 'test' });
  });

  it('untrack removes the show at once and puts it back when the server refuses', async () => {
    await freshAccount();
    const show = await findShow('severance');
    const client = createQueryClient();
    // The cache believes the show is tracked; the server has never heard of it (404).
    const row = { show, is_favorite: false, next_episode: null } as unknown as TrackedShow;
    client.setQueryData(keys.tracking, { results: [row] });
    const seen: number[] = [];
    client.getQueryCache().subscribe(() => {
      const rows = client.getQueryData<TrackingList>(keys.tracking)?.results;
      if (rows && seen.at(-1) !== rows.length) seen.push(rows.length);
    });
    const { result } = renderHook(useUntrackShow, { wrapper: wrapper(client) });
    result.mutate(show.id);
    await eventually(() => expect(result.isError).toBe(true));
    expect((result.error as { status?: number }).status).toBe(404);
    // Gone at once, then back when the server said no.
    expect(seen.slice(0, 2)).toEqual([0, 1]);
  });

  it('a track made offline waits, survives a reload, and is sent when back online', async () => {
    await freshAccount();
    const show = await findShow('stranger things');
    const client = createQueryClient();
    onlineManager.setOnline(false);
    const { result } = renderHook(useTrackShow, { wrapper: wrapper(client) });
    result.mutate({ show_id: show.id });
    await eventually(() => expect(result.isPaused).toBe(true));
    await persistQueryClientSave(persistOptions(client));
    await eventually(() => expect(localStorage.getItem(PERSIST_KEY)).toContain('"isPaused":true'));
    expect((await json(api.tracking.$get())).results).toEqual([]);

    const reloaded = createQueryClient();
    await persistQueryClientRestore(persistOptions(reloaded));
    expect(reloaded.getMutationCache().getAll().map((mutation) => mutation.state.isPaused)).toEqual([true]);
    onlineManager.setOnline(true);
    await reloaded.resumePausedMutations();
    const tracked = await json(api.tracking.$get());
    expect(tracked.results.map((item) => item.show.id)).toEqual([show.id]);
  });
});
