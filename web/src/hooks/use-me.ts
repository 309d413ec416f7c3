// The profile and this person's push devices.
import { createMutation, createQuery, useQueryClient } from '@tanstack/solid-query';
import type { InferRequestType } from 'hono/client';
import { api, json, withSignal, type User } from '../lib/api.ts';
import { keys } from '../lib/query-client.ts';
import { status, updateUser } from '../lib/session.ts';

export type ProfilePatch = InferRequestType<typeof api.me.$patch>['json'];

export function useMe() {
  return createQuery(() => ({
    queryKey: keys.me,
    queryFn: ({ signal }) => json(api.me.$get(undefined, withSignal(signal))),
    enabled: status() === 'signed-in',
  }));
}

export function useUpdateMe() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: (patch: ProfilePatch) => json(api.me.$patch({ json: patch })),
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
    queryFn: ({ signal }) => json(api.me.devices.$get(undefined, withSignal(signal))),
    enabled: status() === 'signed-in',
  }));
}

export function useRemoveDevice() {
  const client = useQueryClient();
  return createMutation(() => ({
    mutationFn: async (id: string) => {
      await api.me.devices[':id'].$delete({ param: { id } });
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.devices }),
  }));
}
