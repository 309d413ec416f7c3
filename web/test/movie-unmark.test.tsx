// Unmarking a movie on its page against the real API: one watch goes at a
// tap and Undo records it again as it was; with rewatches, only the latest
// goes, after a question.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@solidjs/testing-library';
import { onlineManager } from '@tanstack/solid-query';
import { persistQueryClientRestore, persistQueryClientSave } from '@tanstack/solid-query-persist-client';
import { api, json } from '../src/lib/api.ts';
import { createQueryClient, keys, PERSIST_KEY } from '../src/lib/query-client.ts';
import type { WatchState } from '../src/lib/types.ts';
import ShowPage from '../src/screens/show.tsx';
import { eventually, findShow, freshAccount, persistOptions, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const watchesOnServer = async (showId: string) => (await json(api.history.$get({ query: { show_id: showId } }))).watches;

describe('unmarking a movie', () => {
  it('"Mark unwatched" removes its one watch, and Undo records it again at the same instant', async () => {
    await freshAccount();
    const movie = await findShow('oppenheimer');
    const watchedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    await json(api.history.movies[':show_id'].$post({ param: { show_id: movie.id }, json: { watched_at: watchedAt } }));
    renderScreen(createQueryClient(), ShowPage, `/shows/${movie.id}`, '/shows/:id');

    fireEvent.click(await screen.findByRole('button', { name: 'Mark unwatched' }, { timeout: 10_000 }));
    // No question for a single watch: the page says it is gone, with Undo.
    await screen.findByRole('button', { name: 'Mark watched' }, { timeout: 10_000 });
    expect(screen.queryByText(/^Watched/)).toBeNull();
    expect((await screen.findByText(/Marked unwatched\./, {}, { timeout: 5_000 })).getAttribute('role')).toBe('status');
    expect(await watchesOnServer(movie.id)).toEqual([]);
    expect((await json(api.history.shows[':show_id'].$get({ param: { show_id: movie.id } }))).movie).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByRole('button', { name: 'Mark unwatched' }, { timeout: 10_000 });
    expect(screen.getByText(/^Watched \d+ \w+/)).toBeTruthy();
    await eventually(() => expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull());
    const restored = await watchesOnServer(movie.id);
    expect(restored.map((watch) => Date.parse(watch.watched_at!))).toEqual([Date.parse(watchedAt)]);
  });

  it('with rewatches, asks first and removes only the latest watch', async () => {
    await freshAccount();
    const movie = await findShow('oppenheimer');
    const first = new Date(Date.now() - 10 * 86_400_000).toISOString();
    await json(api.history.movies[':show_id'].$post({ param: { show_id: movie.id }, json: { watched_at: first } }));
    await json(api.history.movies[':show_id'].$post({ param: { show_id: movie.id }, json: { rewatch: true } }));
    renderScreen(createQueryClient(), ShowPage, `/shows/${movie.id}`, '/shows/:id');

    await screen.findByText(/^Watched twice, last/, {}, { timeout: 10_000 });
    expect(screen.queryByRole('button', { name: 'Mark unwatched' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove latest watch…' }));
    // The question, and nothing removed until it is answered.
    expect(screen.getByText(`Remove only your latest watch of ${movie.title}? You watched it 2 times; the other one stays.`)).toBeTruthy();
    expect(await watchesOnServer(movie.id)).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Remove latest watch' }));

    await screen.findByText(/Removed your latest watch\./, {}, { timeout: 10_000 });
    await eventually(() => expect(screen.getByText(/^Watched \d+ \w+/).textContent).not.toMatch(/twice/));
    const left = await watchesOnServer(movie.id);
    expect(left.map((watch) => Date.parse(watch.watched_at!))).toEqual([Date.parse(first)]);
    // One watch left: the next unmark needs no question.
    expect(screen.getByRole('button', { name: 'Mark unwatched' })).toBeTruthy();
  });
});

describe('unmarking a movie offline', () => {
  it('shows at once, waits for the network, survives a reload, and then removes only the latest watch', async () => {
    await freshAccount();
    const movie = await findShow('oppenheimer');
    for (const watched_at of ['2026-01-02T20:00:00.000Z', '2026-02-03T20:00:00.000Z']) {
      await json(api.history.movies[':show_id'].$post({ param: { show_id: movie.id }, json: { watched_at, rewatch: true } }));
    }
    const client = createQueryClient();
    client.setQueryData(keys.watchState(movie.id), await json(api.history.shows[':show_id'].$get({ param: { show_id: movie.id } })));
    onlineManager.setOnline(false);
    const unmark = client.getMutationCache().build(client, { mutationKey: ['watch'] });
    void unmark.execute({ kind: 'unmark-movie', show_id: movie.id, at: new Date().toISOString() }).catch(() => undefined);
    await eventually(() => expect(unmark.state.isPaused).toBe(true));
    // On this device at once: one play left.
    await eventually(() => expect(client.getQueryData<WatchState>(keys.watchState(movie.id))?.movie?.plays).toBe(1));
    await persistQueryClientSave(persistOptions(client));
    await eventually(() => expect(localStorage.getItem(PERSIST_KEY)).toContain('"isPaused":true'));
    expect(await watchesOnServer(movie.id)).toHaveLength(2);

    const reloaded = createQueryClient();
    await persistQueryClientRestore(persistOptions(reloaded));
    onlineManager.setOnline(true);
    await reloaded.resumePausedMutations();
    const left = await watchesOnServer(movie.id);
    expect(left.map((watch) => watch.watched_at)).toEqual(['2026-01-02T20:00:00.000Z']);
  });
});

