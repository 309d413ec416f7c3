// The timeline's catalog epoch: a KV value bumped when a sync adds, moves or
// removes events, which retires every person's cached timeline (their
// entries are kept by lib/person-state.ts under their state version, and
// carry the epoch they were computed under).

import { noteShared } from '../../lib/person-state.ts';

export const TIMELINE_TTL_SECONDS = 5 * 60;

export const TIMELINE_EPOCH_KEY = 'timeline-epoch';

/** After a sync added, moved or removed events. */
export async function invalidateAllTimelines(kv: KVNamespace): Promise<void> {
  const epoch = crypto.randomUUID();
  // This isolate sees it at once; others within KV's propagation (and lib/person-state.ts's few seconds).
  noteShared(TIMELINE_EPOCH_KEY, epoch);
  await kv.put(TIMELINE_EPOCH_KEY, epoch);
}
