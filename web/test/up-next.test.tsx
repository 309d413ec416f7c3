// Up Next on Home against the real API: a show with S01E01 watched offers
// S01E02; its one tap marks it on the server and the row moves to S01E03.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@solidjs/testing-library';
import { api, json, publicApi } from '../src/lib/api.ts';
import { createQueryClient, keys, shouldPersistQuery } from '../src/lib/query-client.ts';
import type { UpNext } from '../src/lib/types.ts';
import Home from '../src/screens/home.tsx';
import { eventually, findShow, freshAccount, renderScreen } from './helpers.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const code = (episode: { season_number: number; episode_number: number }) =>
  `S${String(episode.season_number).padStart(2, '0')}E${String(episode.episode_number).padStart(2, '0')}`;

describe('Up next on Home', () => {
  it('offers the next episode, and one tap marks it and moves to the one after', async () => {
    await freshAccount();
    // The Last of Us: its first season aired long ago.
    const show = await findShow('the last of us');
    await json(api.tracking.$post({ json: { show_id: show.id } }));
    const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '1' } }));
    const [first, second, third] = season.episodes;
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: first!.id }, json: {} }));

    const client = createQueryClient();
    renderScreen(client, Home);

    const list = await screen.findByRole('list', { name: 'Up next' }, { timeout: 10_000 });
    const link = await within(list).findByRole('link', { name: new RegExp(show.title) }, { timeout: 10_000 });
    expect(link.getAttribute('href')).toBe(`/shows/${show.id}`);
    expect(link.textContent).toContain(`${code(second!)} · ${second!.title}`);
    // Every aired regular-season episode from it on, across seasons, as the server counts them.
    const item = (await json(api['up-next'].$get({ query: {} }))).shows.find((row) => row.show.id === show.id);
    expect(item?.state === 'next' && link.textContent).toContain(`${item?.state === 'next' && item.episodes_left} left · `);

    fireEvent.click(within(list).getByRole('button', { name: `Mark ${code(second!)} watched` }));
    await within(list).findByRole('button', { name: `Mark ${code(third!)} watched` }, { timeout: 10_000 });
    expect(within(list).getByRole('link', { name: new RegExp(show.title) }).textContent).toContain(code(third!));
    expect(within(list).queryByRole('alert')).toBeNull();

    const watched = await json(api.history.shows[':show_id'].$get({ param: { show_id: show.id } }));
    expect(watched.episodes.map(code)).toEqual([code(first!), code(second!)]);
    // What the server answers is what the cache holds, persisted for an offline start.
    await eventually(() =>
      expect(client.getQueryData<UpNext>(keys.upNext)?.shows.find((item) => item.show.id === show.id)).toMatchObject({
        state: 'next',
        next_episode: { id: third!.id },
      }),
    );
    expect(shouldPersistQuery(client.getQueryCache().find({ queryKey: keys.upNext })!)).toBe(true);
  });
});

describe('Up next, refused', () => {
  it('a tap the server refuses (no longer in Up Next) says why; a queued one is dropped quietly', async () => {
    await freshAccount();
    const show = await findShow('the last of us');
    await json(api.tracking.$post({ json: { show_id: show.id } }));
    const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '1' } }));
    const [first, second] = season.episodes;
    await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: first!.id }, json: {} }));

    const client = createQueryClient();
    renderScreen(client, Home);
    const section = (await screen.findByRole('heading', { name: 'Up next' }, { timeout: 10_000 })).closest('section')!;
    const button = await within(section).findByRole('button', { name: `Mark ${code(second!)} watched` }, { timeout: 10_000 });

    // Elsewhere, the show's history goes: it is not in Up Next any more (404).
    await json(api.history.shows[':show_id'].$delete({ param: { show_id: show.id }, json: { confirm: true } }));
    fireEvent.click(button);
    const alert = await within(section).findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toBeTruthy();
    expect((await json(api.history.shows[':show_id'].$get({ param: { show_id: show.id } }))).episodes).toEqual([]);

    // The same tap made offline and sent later: dropped without an error.
    const mark = { show_id: show.id, episode: { id: second!.id, season_number: 1, episode_number: 2 }, at: new Date().toISOString(), offline: true };
    const mutation = client.getMutationCache().build(client, { mutationKey: ['up-next-watched'] });
    expect(await mutation.execute(mark)).toBeNull();
    expect(mutation.state.status).toBe('success');
  });
});

describe('Up next, a page at a time', () => {
  it('"Show more" appends the next page after the cursor, and goes once the last page is on screen', async () => {
    await freshAccount();
    const shows = [await findShow('the last of us'), await findShow('succession')];
    for (const show of shows) {
      await json(api.tracking.$post({ json: { show_id: show.id } }));
      const season = await json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: show.id, num: '1' } }));
      await json(api.history.episodes[':episode_id'].$post({ param: { episode_id: season.episodes[0]!.id }, json: {} }));
    }
    // Home as it stands after a first page of one show (the API's pages hold 20; one here keeps the test small).
    const firstPage = await json(api['up-next'].$get({ query: { limit: '1' } }));
    expect(firstPage.shows).toHaveLength(1);
    expect(firstPage.next_cursor).toEqual(expect.any(String));
    const client = createQueryClient();
    client.setQueryData(keys.upNext, firstPage);

    renderScreen(client, Home);
    const list = await screen.findByRole('list', { name: 'Up next' }, { timeout: 10_000 });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));

    // The most recently watched first: the second one marked, then the first.
    await eventually(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const titles = within(list)
      .getAllByRole('link')
      .map((link) => link.textContent ?? '');
    expect(titles[0]).toContain(shows[1]!.title);
    expect(titles[1]).toContain(shows[0]!.title);
    expect(client.getQueryData<UpNext>(keys.upNext)?.next_cursor).toBeNull();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });
});
