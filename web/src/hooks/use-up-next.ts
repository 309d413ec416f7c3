// Up Next (docs/design.md#query-hooks): the next episode of each show the
// person is watching, persisted like the timeline so Home opens offline with
// it. The one tap is the `up-next-watched` mutation registered in
// query-client.ts: optimistic, waits offline and survives a reload.
import { createMutation, createQuery, useMutationState } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { MarkNextResult, UpNextMark } from '../lib/types.ts';

export function useUpNext() {
  return createQuery(() => ({
    queryKey: keys.upNext,
    queryFn: ({ signal }) => json(api['up-next'].$get(undefined, withSignal(signal))),
    staleTime: 2 * MINUTE,
    enabled: status() === 'signed-in',
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
