// The inbox and the unread badge (persisted, so the badge is right offline).
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { api, json, withSignal } from '../lib/api.ts';
import { keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { Notification, ReadAll, UnreadCount } from '../lib/types.ts';

export function useUnreadCount() {
  return createQuery(() => ({
    queryKey: keys.unread,
    queryFn: ({ signal }) => json(api.notifications['unread-count'].$get(undefined, withSignal(signal))),
    staleTime: MINUTE,
    // The saved copy shows at once and offline, but what arrived or was read
    // while the app was closed only the server knows: every start asks.
    refetchOnMount: 'always',
    refetchInterval: 5 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export function useInbox() {
  const client = useQueryClient();
  return createQuery(() => ({
    queryKey: keys.inbox,
    queryFn: async ({ signal }) => {
      const inbox = await json(api.notifications.$get({ query: {} }, withSignal(signal)));
      // The badge from the same answer (one snapshot on the server) as the
      // list, so the two cannot disagree, whatever each had cached.
      client.setQueryData<UnreadCount>(keys.unread, { unread: inbox.unread });
      return inbox;
    },
    staleTime: MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export const useMarkRead = () => createMutation<Notification, Error, string>(() => ({ mutationKey: ['mark-read'] }));
export const useMarkAllRead = () => createMutation<ReadAll, Error, void>(() => ({ mutationKey: ['mark-all-read'] }));
