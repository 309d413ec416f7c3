// What the person watched of one show (docs/design.md#query-hooks), and
// marking it: "up to here" or unmarking one episode, from the show page.
// Either changes progress and the timeline's watched marks too.
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { invalidateTracked, keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { Episode } from '../lib/types.ts';

export function useWatchState(showId: () => string) {
  return createQuery(() => ({
    queryKey: keys.watchState(showId()),
    queryFn: ({ signal }) => json(api.history.shows[':show_id'].$get({ param: { show_id: showId() } }, withSignal(signal))),
    staleTime: 15 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export type WatchChange = { mark: 'up-to' | 'unmark'; episode: Episode };

export function useMarkWatched(showId: () => string) {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: async ({ mark, episode }: WatchChange) => {
      if (mark === 'up-to') {
        const upTo = { season_number: episode.season_number, episode_number: episode.episode_number };
        await json(api.history.shows[':show_id']['up-to'].$post({ param: { show_id: showId() }, json: upTo }));
      } else {
        await json(api.history.episodes[':episode_id'].$delete({ param: { episode_id: episode.id } }));
      }
    },
    onSettled: () => invalidateTracked(client),
  }));
}
