// What the person tracks (docs/design.md#query-hooks). Track, untrack and mark-read are the
// mutations registered in query-client.ts, so they pause offline, survive a
// reload and resume; untrack is optimistic and rolls back on error.
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { invalidateTracked, keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { TrackingList, TrackingPatch, TrackRequest, TrackResult } from '../lib/types.ts';

export function useTrackedShows() {
  return createQuery(() => ({
    queryKey: keys.tracking,
    queryFn: ({ signal }) => json(api.tracking.$get(undefined, withSignal(signal))),
    staleTime: 10 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export const useTrackShow = () => createMutation<TrackResult, Error, TrackRequest>(() => ({ mutationKey: ['track'] }));

export const useUntrackShow = () => createMutation<void, Error, string>(() => ({ mutationKey: ['untrack'] }));

/** Preferences and favorite: applied to the cached row at once, put back on error. */
export function useUpdateTracking(showId: () => string) {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (patch: TrackingPatch) => json(api.tracking[':show_id'].$patch({ param: { show_id: showId() }, json: patch })),
    onMutate: async (patch: TrackingPatch) => {
      await client.cancelQueries({ queryKey: keys.tracking });
      const previous = client.getQueryData<TrackingList>(keys.tracking);
      client.setQueryData<TrackingList>(keys.tracking, (old) =>
        old ? { results: old.results.map((row) => (row.show.id === showId() ? { ...row, ...patch } : row)) } : old,
      );
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) client.setQueryData(keys.tracking, context.previous);
    },
    onSettled: () => invalidateTracked(client),
  }));
}
