// The browser-side cache (docs/design.md#browser-cache): TanStack Query with the design's
// stale times, persisted to localStorage so the timeline, tracking, show
// detail and what was watched of it, the watchlist, the profile and the
// unread count survive a reload and open offline. Mutations that can wait for the network (track, untrack, the
// watchlist's add and remove, mark read) are
// registered here by key, with their whole behaviour, so one paused offline
// and persisted can resume after a reload, when no component is mounted.
import { QueryClient, type Query } from '@tanstack/solid-query';
import type { PersistedClient, Persister } from '@tanstack/solid-query-persist-client';
import { api, ApiError, json } from './api.ts';
import type { Inbox, Notification, TrackingList, TrackRequest, UnreadCount, Watchlist, WatchlistAdd } from './types.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Query keys, one place: the first element decides what is persisted. */
export const keys = {
  me: ['me'] as const,
  timeline: (...rest: (string | undefined)[]) => ['timeline', ...rest] as const,
  tracking: ['tracking'] as const,
  watchlist: ['watchlist'] as const,
  show: (id: string) => ['show-detail', id] as const,
  watchState: (id: string) => ['watch-state', id] as const,
  season: (id: string, season: number) => ['show-detail', id, 'season', season] as const,
  search: (q: string, type: string) => ['show-search', q, type] as const,
  list: (kind: 'trending' | 'popular') => ['show-list', kind] as const,
  inbox: ['notifications'] as const,
  unread: ['notifications-count'] as const,
  devices: ['devices'] as const,
  calendar: ['calendar-feed'] as const,
};

const PERSISTED = new Set(['me', 'timeline', 'tracking', 'watchlist', 'show-detail', 'watch-state', 'notifications-count']);
export const PERSIST_MAX_AGE = 24 * HOUR;
export const PERSIST_KEY = 'showtracker:query-cache';

export const shouldPersistQuery = (query: Pick<Query, 'queryKey' | 'state'>) =>
  query.state.status === 'success' && PERSISTED.has(String(query.queryKey[0]));

type TrackingContext = { previous: TrackingList['results'] | undefined };
type WatchlistContext = { previous: Watchlist | undefined };

/** Delivered (or undeliverable) and not read yet: what the badge counts. */
export const isUnread = (row: Pick<Notification, 'status'>) => row.status === 'sent' || row.status === 'failed';

const NOTIFICATION_MUTATIONS = new Set(['mark-read', 'mark-all-read']);

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
    mutationFn: (variables: TrackRequest) => json(api.tracking.$post({ json: variables })),
    // Tracking takes the show off the watchlist too.
    onSettled: () => Promise.all([invalidateTracked(client), client.invalidateQueries({ queryKey: keys.watchlist })]),
  });

  // Untrack is optimistic: the show leaves the list at once and comes back if the server says no.
  client.setMutationDefaults(['untrack'], {
    mutationFn: async (showId: string) => {
      await api.tracking[':show_id'].$delete({ param: { show_id: showId } });
    },
    onMutate: async (showId: string): Promise<TrackingContext> => {
      await client.cancelQueries({ queryKey: keys.tracking });
      const previous = client.getQueryData<TrackingList>(keys.tracking)?.results;
      client.setQueryData<TrackingList>(keys.tracking, (old) =>
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

  // The watchlist changes at once, newest first, and goes back if the server says no.
  const changeWatchlist = async (change: (rows: Watchlist['results']) => Watchlist['results']): Promise<WatchlistContext> => {
    await client.cancelQueries({ queryKey: keys.watchlist });
    const previous = client.getQueryData<Watchlist>(keys.watchlist);
    client.setQueryData<Watchlist>(keys.watchlist, (old) => old && { results: change(old.results) });
    return { previous };
  };
  const watchlistDefaults = {
    onError: (_error: unknown, _variables: unknown, context: unknown) => {
      const previous = (context as WatchlistContext | undefined)?.previous;
      if (previous) client.setQueryData(keys.watchlist, previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.watchlist }),
  };

  client.setMutationDefaults(['watchlist-add'], {
    mutationFn: ({ show, note }: WatchlistAdd) => json(api.watchlist.$post({ json: { show_id: show.id, note } })),
    onMutate: ({ show, note }: WatchlistAdd) =>
      changeWatchlist((rows) =>
        rows.some((row) => row.show.id === show.id) ? rows : [{ show, note: note ?? null, added_at: new Date().toISOString() }, ...rows],
      ),
    ...watchlistDefaults,
  });

  client.setMutationDefaults(['watchlist-remove'], {
    mutationFn: async (showId: string) => {
      await api.watchlist[':show_id'].$delete({ param: { show_id: showId } });
    },
    onMutate: (showId: string) => changeWatchlist((rows) => rows.filter((row) => row.show.id !== showId)),
    ...watchlistDefaults,
  });

  // Reads are optimistic on the list and the badge alike. An answer already
  // on its way was counted before the read: it is cancelled, or it would put
  // the dot back until the next refetch.
  client.setMutationDefaults(['mark-read'], {
    mutationFn: (id: string) => json(api.notifications[':id'].read.$patch({ param: { id } })),
    onMutate: async (id: string) => {
      await cancelNotifications(client);
      const row = client.getQueryData<Inbox>(keys.inbox)?.notifications.find((item) => item.id === id);
      // Already read (a second click), or not on the page: only the server's count is right.
      if (!row || !isUnread(row)) return;
      const read_at = new Date().toISOString();
      client.setQueryData<Inbox>(keys.inbox, (old) =>
        old && {
          ...old,
          unread: Math.max(0, old.unread - 1),
          notifications: old.notifications.map((item) => (item.id === id ? { ...item, status: 'read' as const, read_at } : item)),
        },
      );
      client.setQueryData<UnreadCount>(keys.unread, (old) => old && { unread: Math.max(0, old.unread - 1) });
    },
    onSettled: () => settleNotifications(client),
  });

  client.setMutationDefaults(['mark-all-read'], {
    mutationFn: () => json(api.notifications['read-all'].$post()),
    onMutate: async () => {
      await cancelNotifications(client);
      const read_at = new Date().toISOString();
      client.setQueryData<Inbox>(keys.inbox, (old) =>
        old && {
          ...old,
          unread: 0,
          notifications: old.notifications.map((item) => (isUnread(item) ? { ...item, status: 'read' as const, read_at } : item)),
        },
      );
      client.setQueryData<UnreadCount>(keys.unread, { unread: 0 });
    },
    onSettled: () => settleNotifications(client),
  });

  return client;
}

export function invalidateTracked(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.tracking }),
    client.invalidateQueries({ queryKey: ['watch-state'] }),
    client.invalidateQueries({ queryKey: ['timeline'] }),
    client.invalidateQueries({ queryKey: keys.calendar }),
  ]);
}

/** The inbox and the badge change together: whatever changes one refetches both. */
export function invalidateNotifications(client: QueryClient) {
  return Promise.all([client.invalidateQueries({ queryKey: keys.inbox }), client.invalidateQueries({ queryKey: keys.unread })]);
}

function cancelNotifications(client: QueryClient) {
  return Promise.all([client.cancelQueries({ queryKey: keys.inbox }), client.cancelQueries({ queryKey: keys.unread })]);
}

/**
 * Refetch once the last of several quick reads has settled: a refetch while
 * another is still on its way would show that row unread again for a moment,
 * since the server has not seen it yet.
 */
function settleNotifications(client: QueryClient) {
  const reading = client.isMutating({ predicate: (mutation) => NOTIFICATION_MUTATIONS.has(String(mutation.options.mutationKey?.[0])) });
  // The mutation settling now still counts as one.
  if (reading > 1) return;
  return invalidateNotifications(client);
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
