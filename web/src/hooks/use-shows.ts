// Catalog queries (docs/design.md#query-hooks): search as you type keeps the previous results
// while the next ones load; details are persisted for offline use. The
// catalog is public, so these never need (or wait for) a session.
import { createQuery, keepPreviousData } from '@tanstack/solid-query';
import { api } from '../lib/api.ts';
import { HOUR, keys, MINUTE } from '../lib/query-client.ts';
import type { SearchResult, SeasonDetail, ShowDetail, ShowList } from '../lib/types.ts';

export const MIN_SEARCH_LENGTH = 2;

export function useShowSearch(query: () => string, type: () => 'all' | 'tv' | 'movie') {
  return createQuery(() => ({
    queryKey: keys.search(query().trim().toLowerCase(), type()),
    queryFn: ({ signal }) =>
      api<SearchResult>('/shows/search', {
        query: { q: query().trim(), type: type() === 'all' ? undefined : type() },
        signal,
        anonymous: true,
      }),
    enabled: query().trim().length >= MIN_SEARCH_LENGTH,
    staleTime: HOUR,
    placeholderData: keepPreviousData,
  }));
}

export function useShowList(kind: 'trending' | 'popular', enabled: () => boolean = () => true) {
  return createQuery(() => ({
    queryKey: keys.list(kind),
    queryFn: ({ signal }) => api<ShowList>(`/shows/${kind}`, { signal, anonymous: true }),
    staleTime: HOUR,
    enabled: enabled(),
  }));
}

export function useShowDetail(id: () => string) {
  return createQuery(() => ({
    queryKey: keys.show(id()),
    queryFn: ({ signal }) => api<ShowDetail>(`/shows/${id()}`, { signal, anonymous: true }),
    staleTime: 15 * MINUTE,
  }));
}

export function useSeason(id: () => string, season: () => number | null) {
  return createQuery(() => ({
    queryKey: keys.season(id(), season() ?? -1),
    queryFn: ({ signal }) => api<SeasonDetail>(`/shows/${id()}/seasons/${season()}`, { signal, anonymous: true }),
    enabled: season() !== null,
    staleTime: 15 * MINUTE,
  }));
}
