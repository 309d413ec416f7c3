// The browser-side cache (docs/design.md#browser-cache): TanStack Query with the design's
// stale times, persisted to localStorage so the timeline, tracking, show
// detail and what was watched of it, Up Next, the watchlist, the profile and the
// unread count survive a reload and open offline. Mutations that can wait for the network (track, untrack, the
// watchlist's add and remove, mark read, marking episodes and movies watched, Up Next's one tap, the hide-spoilers setting) are
// registered here by key, with their whole behaviour, so one paused offline
// and persisted can resume after a reload, when no component is mounted.
import { QueryClient, type Query } from '@tanstack/solid-query';
import type { PersistedClient, Persister } from '@tanstack/solid-query-persist-client';
import { api, ApiError, json } from './api.ts';
import { registerHideSpoilers } from './spoilers.ts';
import type {
  EpisodeRef,
  Inbox,
  Notification,
  TrackingList,
  TrackRequest,
  UnreadCount,
  UpNext,
  UpNextItem,
  UpNextMark,
  MarkNextResult,
  WatchMark,
  WatchResult,
  WatchState,
  Watchlist,
  WatchlistAdd,
} from './types.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Query keys, one place: the first element decides what is persisted. */
export const keys = {
  me: ['me'] as const,
  timeline: (...rest: (string | undefined)[]) => ['timeline', ...rest] as const,
  upNext: ['up-next'] as const,
  tracking: ['tracking'] as const,
  watchlist: ['watchlist'] as const,
  show: (id: string) => ['show-detail', id] as const,
  watchState: (id: string) => ['watch-state', id] as const,
  history: (showId?: string) => ['history', showId ?? 'all'] as const,
  stats: (from?: string, to?: string) => ['stats', from ?? 'start', to ?? 'end'] as const,
  season: (id: string, season: number) => ['show-detail', id, 'season', season] as const,
  search: (q: string, type: string) => ['show-search', q, type] as const,
  list: (kind: 'trending' | 'popular') => ['show-list', kind] as const,
  inbox: ['notifications'] as const,
  unread: ['notifications-count'] as const,
  devices: ['devices'] as const,
  sessions: ['sessions'] as const,
  calendar: ['calendar-feed'] as const,
};

// The history and the statistics too: both screens open offline from what was saved.
const PERSISTED = new Set(['me', 'timeline', 'up-next', 'tracking', 'watchlist', 'show-detail', 'watch-state', 'history', 'stats', 'notifications-count']);
export const PERSIST_MAX_AGE = 24 * HOUR;
export const PERSIST_KEY = 'showtracker:query-cache';

export const shouldPersistQuery = (query: Pick<Query, 'queryKey' | 'state'>) =>
  query.state.status === 'success' && PERSISTED.has(String(query.queryKey[0]));

type TrackingContext = { previous: TrackingList['results'] | undefined };
type WatchlistContext = { previous: Watchlist | undefined };
type WatchStateContext = { previous: WatchState | undefined };
type UpNextContext = { item: UpNextItem | undefined; index: number };

/** Up Next with `show_id`'s item replaced by `item` (null: removed), put first: the list is most recently watched first. */
const withUpNextItem = (data: UpNext, showId: string, item: UpNextItem | null): UpNext => ({
  ...data,
  shows: [...(item ? [item] : []), ...data.shows.filter((row) => row.show.id !== showId)],
});

/** A change sent more than a minute after it was made (queued offline) says when it was made; otherwise the server's now. */
const whenOf = (at: string) => (Date.now() - Date.parse(at) > MINUTE ? { watched_at: at } : {});

const sameEpisode = (a: { season_number: number; episode_number: number }, b: { season_number: number; episode_number: number }) =>
  a.season_number === b.season_number && a.episode_number === b.episode_number;

/** The watched state as it will be once the server has recorded `refs` (a rewatch adds a play). */
export function withWatched(state: WatchState, refs: EpisodeRef[], at: string, rewatch = false): WatchState {
  const episodes = [...state.episodes];
  for (const ref of refs) {
    const index = episodes.findIndex((item) => sameEpisode(item, ref));
    const seen = episodes[index];
    if (!seen) {
      episodes.push({ episode_id: ref.id, season_number: ref.season_number, episode_number: ref.episode_number, plays: 1, last_watched_at: at, last_watched_on: null });
    } else if (rewatch) {
      episodes[index] = { ...seen, plays: seen.plays + 1, last_watched_at: at, last_watched_on: null };
    }
  }
  episodes.sort((a, b) => a.season_number - b.season_number || a.episode_number - b.episode_number);
  return { ...state, episodes };
}

async function sendWatchMark(mark: WatchMark): Promise<WatchResult> {
  const when = whenOf(mark.at);
  const show = { show_id: mark.show_id };
  switch (mark.kind) {
    case 'episode':
      return json(api.history.episodes[':episode_id'].$post({ param: { episode_id: mark.episode.id }, json: { ...when, rewatch: mark.rewatch } }));
    case 'unmark':
      return json(api.history.episodes[':episode_id'].$delete({ param: { episode_id: mark.episode.id } }));
    case 'season':
      return json(
        api.history.shows[':show_id'].seasons[':season_number'].$post({ param: { ...show, season_number: String(mark.season_number) }, json: when }),
      );
    case 'up-to': {
      const { season_number, episode_number } = mark.episode;
      return json(api.history.shows[':show_id']['up-to'].$post({ param: show, json: { season_number, episode_number, ...when } }));
    }
    case 'movie':
      return json(api.history.movies[':show_id'].$post({ param: show, json: { ...when, rewatch: mark.rewatch } }));
    case 'unmark-movie': {
      // The latest watch when this is sent (history is newest first); the others, rewatches, stay.
      const latest = (await json(api.history.$get({ query: { show_id: mark.show_id } }))).watches[0];
      if (!latest) throw new Error('There is no watch of it to remove.');
      await api.history.watches[':watch_id'].$delete({ param: { watch_id: latest.id } });
      return latest;
    }
  }
}

/** Delivered (or undeliverable) and not read yet: what the badge counts. */
export const isUnread = (row: Pick<Notification, 'status'>) => row.status === 'sent' || row.status === 'failed';

const NOTIFICATION_MUTATIONS = new Set(['mark-read', 'mark-all-read']);

/** One queue for every watch mark, so the server sees them in the order they were made. */
const WATCH_SCOPE = { id: 'watch-marks' };

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

  // Marking watched (or not) shows on the show page at once and goes back if
  // the server says no (an episode not aired yet: 422 not_aired). Marks are
  // sent one after another, in the order they were made (WATCH_SCOPE): "Mark
  // watched" then "Watch again" sent side by side could reach the server in
  // the other order and record one watch instead of two.
  client.setMutationDefaults(['watch'], {
    scope: WATCH_SCOPE,
    mutationFn: sendWatchMark,
    onMutate: async (mark: WatchMark): Promise<WatchStateContext> => {
      const key = keys.watchState(mark.show_id);
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<WatchState>(key);
      client.setQueryData<WatchState>(key, (old) => {
        if (!old) return old;
        switch (mark.kind) {
          case 'episode':
            return withWatched(old, [mark.episode], mark.at, mark.rewatch);
          case 'unmark':
            return { ...old, episodes: old.episodes.filter((item) => !sameEpisode(item, mark.episode)) };
          case 'season':
          case 'up-to':
            return withWatched(old, mark.episodes, mark.at);
          case 'movie':
            return old.movie && !mark.rewatch
              ? old
              : { ...old, movie: { plays: (old.movie?.plays ?? 0) + 1, last_watched_at: mark.at, last_watched_on: null } };
          case 'unmark-movie':
            // The server's answer (refetched after) says which watch is now the latest.
            return { ...old, movie: old.movie && old.movie.plays > 1 ? { ...old.movie, plays: old.movie.plays - 1 } : null };
        }
      });
      return { previous };
    },
    onError: (_error, mark: WatchMark, context) => {
      const previous = (context as WatchStateContext | undefined)?.previous;
      if (previous) client.setQueryData(keys.watchState(mark.show_id), previous);
    },
    onSettled: () => invalidateWatched(client),
  });

  // Home's one tap: the item counts the episode as watched at once (and goes
  // first), becomes the server's next item when it answers, and goes back if
  // the server says no. A tap queued offline that finds the item changed (404:
  // not in Up Next any more, 409: only a premiere now) is dropped quietly; the
  // refetch after it shows what is true.
  client.setMutationDefaults(['up-next-watched'], {
    scope: WATCH_SCOPE,
    mutationFn: async (mark: UpNextMark): Promise<MarkNextResult | null> => {
      try {
        return await json(api['up-next'][':show_id'].watched.$post({ param: { show_id: mark.show_id } }));
      } catch (error) {
        const queued = mark.offline || Date.now() - Date.parse(mark.at) > MINUTE;
        if (queued && error instanceof ApiError && (error.status === 404 || error.status === 409)) return null;
        throw error;
      }
    },
    onMutate: async (mark: UpNextMark): Promise<UpNextContext> => {
      await client.cancelQueries({ queryKey: keys.upNext });
      const shows = client.getQueryData<UpNext>(keys.upNext)?.shows ?? [];
      const index = shows.findIndex((row) => row.show.id === mark.show_id);
      const item = shows[index];
      if (item?.state === 'next') {
        // The server counts the show's runtime for an episode without one; the client knows only the average.
        const unknown = item.next_episode.runtime_minutes == null && item.episodes_without_runtime > 0;
        const counted = item.episodes_left - item.episodes_without_runtime;
        const runtime = unknown ? 0 : (item.next_episode.runtime_minutes ?? (counted > 0 ? item.minutes_left / counted : 0));
        const marked: UpNextItem = {
          ...item,
          last_watched_season: mark.episode.season_number,
          last_watched_episode: mark.episode.episode_number,
          last_watched_at: mark.at,
          last_watched_on: null,
          episodes_left: item.episodes_left - 1,
          minutes_left: Math.max(0, Math.round(item.minutes_left - runtime)),
          episodes_without_runtime: item.episodes_without_runtime - (unknown ? 1 : 0),
        };
        // The last aired one: nothing is left to offer until the server says what comes next.
        client.setQueryData<UpNext>(keys.upNext, (old) => old && withUpNextItem(old, mark.show_id, item.episodes_left > 1 ? marked : null));
      }
      return { item, index };
    },
    onSuccess: (result: MarkNextResult | null, mark: UpNextMark) => {
      if (result) client.setQueryData<UpNext>(keys.upNext, (old) => old && withUpNextItem(old, mark.show_id, result.up_next));
    },
    onError: (_error, mark: UpNextMark, context) => {
      const { item, index } = (context as UpNextContext | undefined) ?? { item: undefined, index: -1 };
      if (!item) return;
      client.setQueryData<UpNext>(keys.upNext, (old) => {
        if (!old) return old;
        const shows = old.shows.filter((row) => row.show.id !== mark.show_id);
        shows.splice(index, 0, item);
        return { ...old, shows };
      });
    },
    onSettled: () => invalidateWatched(client),
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

  registerHideSpoilers(client);

  return client;
}

export function invalidateTracked(client: QueryClient) {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.tracking }),
    client.invalidateQueries({ queryKey: ['watch-state'] }),
    client.invalidateQueries({ queryKey: ['timeline'] }),
    client.invalidateQueries({ queryKey: keys.upNext }),
    client.invalidateQueries({ queryKey: keys.calendar }),
  ]);
}

/** After a change to the history: the show's watched state, progress, Up Next, the timeline's marks and the history itself. */
export function invalidateWatched(client: QueryClient) {
  return Promise.all([invalidateTracked(client), client.invalidateQueries({ queryKey: ['history'] })]);
}

/**
 * After an import is committed or undone: everything it can add (watches,
 * follows, the watchlist) and what is counted from them, and the imports.
 */
export function invalidateImported(client: QueryClient) {
  return Promise.all([
    invalidateWatched(client),
    client.invalidateQueries({ queryKey: keys.watchlist }),
    client.invalidateQueries({ queryKey: ['stats'] }),
    client.invalidateQueries({ queryKey: ['imports'] }),
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
