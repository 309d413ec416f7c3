// The inbox and the unread badge (persisted, so the badge is right offline).
import { createMutation, createQuery } from '@tanstack/solid-query';
import { api } from '../lib/api.ts';
import { keys, MINUTE } from '../lib/query-client.ts';
import { status } from '../lib/session.ts';
import type { Inbox } from '../lib/types.ts';

export function useUnreadCount() {
  return createQuery(() => ({
    queryKey: keys.unread,
    queryFn: ({ signal }) => api<{ unread: number }>('/notifications/unread-count', { signal }),
    staleTime: MINUTE,
    refetchInterval: 5 * MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export function useInbox() {
  return createQuery(() => ({
    queryKey: keys.inbox,
    queryFn: ({ signal }) => api<Inbox>('/notifications', { signal }),
    staleTime: MINUTE,
    enabled: status() === 'signed-in',
  }));
}

export const useMarkRead = () => createMutation<unknown, Error, string>(() => ({ mutationKey: ['mark-read'] }));
export const useMarkAllRead = () => createMutation<unknown, Error, void>(() => ({ mutationKey: ['mark-all-read'] }));
