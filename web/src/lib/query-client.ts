// The browser-side cache (docs/design.md#browser-cache): TanStack Query with the design's
// stale times, persisted to localStorage so the timeline, tracking, show
// detail, the profile and the unread count survive a reload and open offline.
// Mutations that can wait for the network (track, untrack, mark read) are
// registered here by key, with their whole behaviour, so one paused offline
// and persisted can resume after a reload, when no component is mounted.
import { QueryClient, type Query } from '@tanstack/solid-query';
import type { PersistedClient, Persister } from '@tanstack/solid-query-persist-client';
import { api, ApiError } from './api.ts';
import type { Inbox, Preferences, TrackedShow } from './types.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Query keys, one place: the first element decides what is persisted. */
export const keys = {
  me: ['me'] as const,
  timeline: (...rest: (string | undefined)[]) => ['timeline', ...rest] as const,
  tracking: ['tracking'] as const,
  show: (id: string) => ['show-detail', id] as const,
  season: (id: string, season: number) => ['show-detail', id, 'season', season] as const,
  search: (q: string, type: string) => ['show-search', q, type] as const,
  list: (kind: 'trending' | 'popular') => ['show-list', kind] as const,
  inbox: ['notifications'] as const,
  unread: ['notifications-count'] as const,
  devices: ['devices'] as const,
  calendar: ['calendar-feed'] as const,
};

const PERSISTED = new Set(['me', 'timeline', 'tracking', 'show-detail', 'notifications-count']);
export const PERSIST_MAX_AGE = 24 * HOUR;
export const PERSIST_KEY = 'showtracker:query-cache';

export const shouldPersistQuery = (query: Pick<Query, 'queryKey' | 'state'>) =>
  query.state.status === 'success' && PERSISTED.has(String(query.queryKey[0]));

export interface TrackVariables extends Partial<Preferences> {
  show_id: string;
  is_favorite?: boolean;
}

type TrackingContext = { previous: TrackedShow[] | undefined };

export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * MINUTE,
        // Long enough for the persisted copy to outlive a day offline.
        gcTime: PERSIST_MAX_AGE,
        retry: (count, error) => count < 2 && !isClientError(error),
        refetchOnWindowFocus: true,
        refetchOnReconnect: 'always',
      },
      mutations: { retry: (count, error) => count < 2 && error instanceof ApiError && error.offline },
    },
  });

  client.setMutationDefaults(['track'], {
    mutationFn: (variables: TrackVariables) => api<TrackedShow>('/tracking', { method: 'POST', body: variables }),
    onSettled: () => invalidateTracked(client),
  });

  // Untrack is optimistic: the show leaves the list at once and comes back if the server says no.
  client.setMutationDefaults(['untrack'], {
    mutationFn: (showId: string) => api<void>(`/tracking/${showId}`, { method: 'DELETE' }),
    onMutate: async (showId: string): Promise<TrackingContext> => {
      await client.cancelQueries({ queryKey: keys.tracking });
      const previous = client.getQueryData<{ results: TrackedShow[] }>(keys.tracking)?.results;
      client.setQueryData<{ results: TrackedShow[] }>(keys.tracking, (old) =>
        old ? { results: old.results.filter((row) => row.show.id !== showId) } : old,
      );
      return { previous };
    },
    onError: (_error, _showId, context) => {
      const previous = (context as TrackingContext | undefined)?.previous;
      if (previous) client.setQueryData(keys.tracking, { results: previous });
    },
    onSettled: () => invalidateTracked(client),
  });

  client.setMutationDefaults(['mark-read'], {
    mutationFn: (id: string) => api<unknown>(`/notifications/${id}/read`, { method: 'POST' }),
    onMutate: (id: string) => {
      const now = new Date().toISOString();
      client.setQueryData<Inbox>(keys.inbox, (old) =>
        old
          ? { ...old, notifications: old.notifications.map((row) => (row.id === id ? { ...row, status: 'read' as const, read_at: now } : row)) }
          : old,
      );
      client.setQueryData<{ unread: number }>(keys.unread, (old) => (old ? { unread: Math.max(0, old.unread - 1) } : old));
    },
    onSettled: () => invalidateNotifications(client),
  });

  client.setMutationDefaults(['mark-all-read'], {
    mutationFn: () => api<unknown>('/notifications/read-all', { method: 'POST' }),
    onMutate: () => {
      client.setQueryData<{ unread: number }>(keys.unread, { unread: 0 });
    },
    onSettled: () => invalidateNotifications(client),
  });

  return client;
}

export function invalidateTracked(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.tracking }),
    client.invalidateQueries({ queryKey: ['timeline'] }),
    client.invalidateQueries({ queryKey: keys.calendar }),
  ]);
}

export function invalidateNotifications(client: QueryClient) {
  return Promise.all([client.invalidateQueries({ queryKey: keys.inbox }), client.invalidateQueries({ queryKey: keys.unread })]);
}

function isClientError(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status ?? 0;
  return status >= 400 && status < 500;
}

/**
 * The cache in localStorage, written at most once a second (a burst of
 * answers is one write) and at once when the page is hidden or unloaded, so
 * a reload right after a change does not lose it. A full storage drops the
 * write: the cache is a convenience, the server has the truth.
 */
export function createPersister(storage: Storage = window.localStorage, throttleTime = 1000): Persister {
  let pending: PersistedClient | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    try {
      storage.setItem(PERSIST_KEY, JSON.stringify(pending));
    } catch {
      // Quota exceeded or storage disabled.
    }
    pending = null;
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
  }
  return {
    persistClient(client) {
      pending = client;
      if (throttleTime === 0) flush();
      else timer ??= setTimeout(flush, throttleTime);
    },
    restoreClient() {
      const saved = storage.getItem(PERSIST_KEY);
      return saved ? (JSON.parse(saved) as PersistedClient) : undefined;
    },
    removeClient() {
      pending = null;
      storage.removeItem(PERSIST_KEY);
    },
  };
}
