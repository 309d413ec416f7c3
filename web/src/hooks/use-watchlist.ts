// The person's watchlist (docs/design.md#watchlist): what they want to watch
// later, apart from what they track. Add and remove are the mutations
// registered in query-client.ts, so they pause offline, survive a reload and
// resume; both are optimistic and roll back on error.
import { createMutation, createQuery } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { ShowSummary, WatchlistAdd, WatchlistItem } from '../lib/types.ts';

export function useWatchlist(enabled: () => boolean = () => true) {
  return createQuery(() => ({
    queryKey: keys.watchlist,
    queryFn: ({ signal }) => json(api.watchlist.$get({ query: {} }, withSignal(signal))),
    staleTime: 10 * MINUTE,
    enabled: status() === 'signed-in' && enabled(),
  }));
}

export const useAddToWatchlist = () => createMutation<WatchlistItem, Error, WatchlistAdd>(() => ({ mutationKey: ['watchlist-add'] }));

export const useRemoveFromWatchlist = () => createMutation<void, Error, string>(() => ({ mutationKey: ['watchlist-remove'] }));

/** The summary fields of a show (a show page has the whole detail): what the cached list keeps. */
export const showSummary = (show: ShowSummary): ShowSummary => ({
  id: show.id,
  tmdb_id: show.tmdb_id,
  media_type: show.media_type,
  title: show.title,
  original_title: show.original_title,
  overview: show.overview,
  status: show.status,
  premiere_date: show.premiere_date,
  poster_url: show.poster_url,
  backdrop_url: show.backdrop_url,
  popularity: show.popularity,
});
