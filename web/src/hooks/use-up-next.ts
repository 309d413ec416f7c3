// Up Next (docs/design.md#query-hooks): the next episode of each show the
// person is watching, persisted like the timeline so Home opens offline with
// it. The one tap is the `up-next-watched` mutation registered in
// query-client.ts: optimistic, waits offline and survives a reload.
import { createMutation, createQuery, useMutationState, useQueryClient } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { MarkNextResult, UpNext, UpNextMark } from '../lib/types.ts';

/** The API's page size: Home opens with this many shows; "Show more" adds as many again. */
export const UP_NEXT_PAGE = 20;
const UP_NEXT_MAX_PAGE = 100;

export function useUpNext() {
  const client = useQueryClient();
  return createQuery(() => ({
    queryKey: keys.upNext,
    // A refetch (after a tap, on focus) reads as many shows as are on screen,
    // so the list does not shrink back to the first page under the person.
    queryFn: ({ signal }) => {
      const shown = client.getQueryData<UpNext>(keys.upNext)?.shows.length ?? 0;
      const limit = Math.min(UP_NEXT_MAX_PAGE, Math.max(UP_NEXT_PAGE, shown));
      return json(api['up-next'].$get({ query: { limit: String(limit) } }, withSignal(signal)));
    },
    staleTime: 2 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

/** "Show more": the page after the last one on screen, appended to the cached list. */
export function useMoreUpNext() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: async () => {
      const cursor = client.getQueryData<UpNext>(keys.upNext)?.next_cursor;
      if (!cursor) return null;
      return json(api['up-next'].$get({ query: { limit: String(UP_NEXT_PAGE), cursor } }));
    },
    onSuccess: (page: UpNext | null) => {
      if (!page) return;
      client.setQueryData<UpNext>(keys.upNext, (old) => {
        if (!old) return page;
        const seen = new Set(old.shows.map((row) => row.show.id));
        return { shows: [...old.shows, ...page.shows.filter((row) => !seen.has(row.show.id))], next_cursor: page.next_cursor };
      });
    },
  }));
}

export const useMarkNext = () => createMutation<MarkNextResult | null, Error, UpNextMark>(() => ({ mutationKey: ['up-next-watched'] }));

/**
 * The taps of Up Next as they stand, in the order made: read from the
 * mutation cache, so an item's pending, paused or refused tap shows beside it
 * even after the item went and came back (a rollback) or the page reloaded.
 */
export const useMarkNextStates = () =>
  useMutationState(() => ({
    filters: { mutationKey: ['up-next-watched'] },
    select: (mutation) => ({
      showId: (mutation.state.variables as UpNextMark | undefined)?.show_id,
      status: mutation.state.status,
      paused: mutation.state.isPaused,
      error: mutation.state.error,
    }),
  }));
