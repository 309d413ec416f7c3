// The profile and this person's push devices.
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import { api, type User } from '../lib/api.ts';
import { keys } from '../lib/query-client.ts';
import { status, updateUser } from '../lib/session.ts';
import type { Device } from '../lib/types.ts';

export function useMe() {
  return createQuery(() => ({
    queryKey: keys.me,
    queryFn: ({ signal }) => api<User>('/me', { signal }),
    enabled: status() === 'signed-in',
  }));
}

export function useUpdateMe() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (patch: Partial<Pick<User, 'email' | 'username' | 'timezone'>>) => api<User>('/me', { method: 'PATCH', body: patch }),
    onSuccess: (user: User) => {
      client.setQueryData(keys.me, user);
      updateUser(user);
      // Local days and times of every event depend on the zone.
      void client.invalidateQueries({ queryKey: ['timeline'] });
      void client.invalidateQueries({ queryKey: keys.tracking });
    },
  }));
}

export function useDevices() {
  return createQuery(() => ({
    queryKey: keys.devices,
    queryFn: ({ signal }) => api<{ devices: Device[] }>('/me/devices', { signal }),
    enabled: status() === 'signed-in',
  }));
}

export function useRemoveDevice() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (id: string) => api<void>(`/me/devices/${id}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.devices }),
  }));
}
