// Hide spoilers (docs/design.md#spoilers): the person's setting, as this
// device knows it, and the change to it. The API keeps answering episode
// titles; the PWA hides those of episodes the person has not watched
// (components/spoiler.tsx). The setting is read from the stored profile, so
// it holds from the first paint, offline too, and a change applies here at
// once, before the server has it.
import type { QueryClient } from '@tanstack/solid-query';
import { api, json, type User } from './api.ts';
import { keys } from './query-client.ts';
import { updateUser, user } from './session.ts';

/** The registered mutation (a change made offline waits, survives a reload, and is sent once online). */
export const HIDE_SPOILERS_KEY = ['hide-spoilers'] as const;

/** On for a signed-in person who turned it on; off for everyone else. */
export const hideSpoilers = (): boolean => user()?.hide_spoilers === true;

/** This device's copy of the profile, with the setting changed. */
function applyLocally(client: QueryClient, hide: boolean) {
  const current = user();
  if (current) updateUser({ ...current, hide_spoilers: hide });
  client.setQueryData<User>(keys.me, (old) => old && { ...old, hide_spoilers: hide });
}

/** Registered at start by createQueryClient, so a change paused offline can resume after a reload. */
export function registerHideSpoilers(client: QueryClient) {
  client.setMutationDefaults(HIDE_SPOILERS_KEY, {
    // One after another: a quick on-off reaches the server in the order made.
    scope: { id: 'hide-spoilers' },
    mutationFn: (hide: boolean) => json(api.me.$patch({ json: { hide_spoilers: hide } })),
    onMutate: (hide: boolean) => {
      const previous = user()?.hide_spoilers ?? false;
      applyLocally(client, hide);
      return previous;
    },
    onSuccess: (profile: User) => {
      // A later change still on its way has the last word.
      if (client.isMutating({ mutationKey: HIDE_SPOILERS_KEY }) > 1) return;
      client.setQueryData(keys.me, profile);
      updateUser(profile);
    },
    onError: (_error, _hide, previous) => {
      if (typeof previous === 'boolean' && client.isMutating({ mutationKey: HIDE_SPOILERS_KEY }) <= 1) applyLocally(client, previous);
    },
    // The server writes the notification list's texts with the setting applied.
    onSettled: () => client.invalidateQueries({ queryKey: keys.inbox }),
  });
}
