// Catalog queries (docs/design.md#query-hooks): search as you type keeps the previous results
// while the next ones load; details are persisted for offline use. The
// catalog is public, so these never need (or wait for) a session.
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { json, publicApi, withSignal } from '../lib/api.ts';
import { HOUR, keys, MINUTE } from '../lib/query-client.ts';

export const MIN_SEARCH_LENGTH = 2;

export function useShowSearch(query: () => string, type: () => 'all' | 'tv' | 'movie') {
  return createQuery(() => ({
    queryKey: keys.search(query().trim().toLowerCase(), type()),
    queryFn: ({ signal }) => {
      const kind = type();
      return json(publicApi.shows.search.$get({ query: { q: query().trim(), type: kind === 'all' ? undefined : kind } }, withSignal(signal)));
    },
    enabled: query().trim().length >= MIN_SEARCH_LENGTH,
    staleTime: HOUR,
    placeholderData: keepPreviousData,
  }));
}

export function useShowList(kind: 'trending' | 'popular', enabled: () => boolean = () => true) {
  return createQuery(() => ({
    queryKey: keys.list(kind),
    queryFn: ({ signal }) => json(publicApi.shows[kind].$get({ query: {} }, withSignal(signal))),
    staleTime: HOUR,
    enabled: enabled(),
  }));
}

export function useShowDetail(id: () => string) {
  return createQuery(() => ({
    queryKey: keys.show(id()),
    queryFn: ({ signal }) => json(publicApi.shows[':id'].$get({ param: { id: id() } }, withSignal(signal))),
    staleTime: 15 * MINUTE,
  }));
}

export function useSeason(id: () => string, season: () => number | null) {
  return createQuery(() => ({
    queryKey: keys.season(id(), season() ?? -1),
    // A string: hono/client drops a falsy path parameter, and season 0 (the specials) is one.
    queryFn: ({ signal }) =>
      json(publicApi.shows[':id'].seasons[':num'].$get({ param: { id: id(), num: String(season()) } }, withSignal(signal))),
    enabled: season() !== null,
    staleTime: 15 * MINUTE,
  }));
}
