// The account's password, e-mail address and sessions (Settings → Account).
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { api, json, withSignal, type User } from '../lib/api.ts';
import { keys } from '../lib/query-client.ts';
import { signOut, status, updateUser } from '../lib/session.ts';

export function useSessions() {
  return createQuery(() => ({
    queryKey: keys.sessions,
    queryFn: ({ signal }) => json(api.me.sessions.$get(undefined, withSignal(signal))),
    enabled: status() === 'signed-in',
  }));
}

export function useSignOutSession() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: async (id: string) => {
      await api.me.sessions[':id'].$delete({ param: { id } });
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.sessions }),
  }));
}

/** Every session ends, this one too: then this device signs out as usual (the cookie cleared, what it kept forgotten). */
export function useSignOutEverywhere() {
  return createMutation(() => ({
    mutationFn: async () => {
      await api.me.sessions.$delete();
    },
    onSuccess: () => signOut(),
  }));
}

export function useChangePassword() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: async (input: { current_password: string; new_password: string }) => {
      await api.me.password.$post({ json: input });
    },
    // Every other session was signed out.
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sessions }),
  }));
}

export function useChangeEmail() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (input: { current_password: string; email: string }) => json(api.me.email.$post({ json: input })),
    onSuccess: (user: User) => {
      client.setQueryData(keys.me, user);
      updateUser(user);
    },
  }));
}
