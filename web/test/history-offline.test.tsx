// The history screen offline: what was loaded before a reload opens from this
// device's saved cache, under the offline banner, without reaching the server;
// the next page waits for the network.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@solidjs/testing-library';
import { onlineManager, type InfiniteData } from '@tanstack/solid-query';
import { persistQueryClientRestore, persistQueryClientSave } from '@tanstack/solid-query-persist-client';
import { OfflineBanner } from '../src/components/ui.tsx';
import { api, json, publicApi } from '../src/lib/api.ts';
import { createQueryClient, keys, PERSIST_KEY } from '../src/lib/query-client.ts';
import type { HistoryPage as HistoryAnswer } from '../src/lib/types.ts';
import HistoryPage from '../src/screens/history.tsx';
import { eventually, findShow, freshAccount, persistOptions, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  onlineManager.setOnline(true);
  window.dispatchEvent(new Event('online'));
  localStorage.clear();
});


const HistoryWithBanner = () => (
  <>
    <OfflineBanner />
    <HistoryPage />
  </>
);

describe('the history screen offline', () => {
  it('shows the history saved on this device, with the offline banner, and asks the server nothing', async () => {
    await freshAccount();
    const show = await findShow('the last of us');
    const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '1' } }));
    const first = season.episodes[0]!;
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: first.id }, json: {} }));
    const name = `${show.title} S01E01`;

    // Online: the screen loads the history, and the cache is saved.
    const client = createQueryClient();
    renderScreen(client, HistoryPage, '/history', '/history');
    await screen.findByRole('button', { name: `Edit date of ${name}` }, { timeout: 10_000 });
    await persistQueryClientSave(persistOptions(client));
    await eventually(() => expect(localStorage.getItem(PERSIST_KEY)).toContain(first.id));
    cleanup();

    // A reload with no network: nothing reaches the API.
    const requests: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return Promise.reject(new TypeError('Failed to fetch'));
    });
    onlineManager.setOnline(false);
    const reloaded = createQueryClient();
    await persistQueryClientRestore(persistOptions(reloaded));
    expect(reloaded.getQueryData(keys.history())).toBeTruthy();
    // As if the saved page were the first of several: the next one cannot come offline.
    reloaded.setQueryData<InfiniteData<HistoryAnswer>>(keys.history(), (old) => old && { ...old, pages: old.pages.map((page) => ({ ...page, has_more: true })) });

    renderScreen(reloaded, HistoryWithBanner, '/history', '/history');
    // The browser says the network went: the banner listens from the moment it is drawn.
    window.dispatchEvent(new Event('offline'));
    expect((await screen.findByRole('status')).textContent).toMatch(/You're offline/);
    const edit = await screen.findByRole('button', { name: `Edit date of ${name}` }, { timeout: 5_000 });
    expect(edit.closest('li')!.textContent).toContain(first.title!);
    expect(screen.getByRole('heading', { level: 2, name: 'Today' })).toBeTruthy();
    expect(screen.queryByText('Nothing watched yet')).toBeNull();
    const more = screen.getByRole('button', { name: 'More when online' }) as HTMLButtonElement;
    expect(more.disabled).toBe(true);
    expect(requests.filter((url) => url.includes('/api/v1/history'))).toEqual([]);
  });
});
