// The watch history (docs/design.md#query-hooks): what the person watched of
// one show, for its page, and the history itself, newest first. Marking from
// the show page is the `watch` mutation registered in query-client.ts, so it
// is optimistic, waits offline and survives a reload; editing and removing a
// watch, and deleting a show's history, happen online from their screens.
import { createInfiniteQuery, createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { invalidateWatched, keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { WatchEdit, WatchMark, WatchResult } from '../lib/types.ts';

export function useWatchState(showId: () => string) {
  return createQuery(() => ({
    queryKey: keys.watchState(showId()),
    queryFn: ({ signal }) => json(api.history.shows[':show_id'].$get({ param: { show_id: showId() } }, withSignal(signal))),
    staleTime: 15 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

/** Mark an episode, a season, "up to here" or a movie watched, or unmark an episode. One per control, so its error shows beside it. */
export const useWatch = () => createMutation<WatchResult, Error, WatchMark>(() => ({ mutationKey: ['watch'] }));

/** The history, 50 a page, newest first; of one show when `showId` gives one. */
export function useHistory(showId: () => string | undefined) {
  return createInfiniteQuery(() => ({
    queryKey: keys.history(showId()),
    queryFn: ({ pageParam, signal }) =>
      json(api.history.$get({ query: { show_id: showId(), page: String(pageParam) } }, withSignal(signal))),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.has_more ? last.page + 1 : undefined),
    staleTime: MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export function useEditWatch() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: ({ id, change }: { id: string; change: WatchEdit }) =>
      json(api.history.watches[':watch_id'].$patch({ param: { watch_id: id }, json: change })),
    onSettled: () => invalidateWatched(client),
  }));
}

export function useRemoveWatch() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: async (id: string) => {
      await api.history.watches[':watch_id'].$delete({ param: { watch_id: id } });
    },
    onSettled: () => invalidateWatched(client),
  }));
}

/** Every watch of one show or movie, for good; tracking stays as it is. */
export function useDeleteShowHistory() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (showId: string) => json(api.history.shows[':show_id'].$delete({ param: { show_id: showId }, json: { confirm: true } })),
    onSettled: () => invalidateWatched(client),
  }));
}
