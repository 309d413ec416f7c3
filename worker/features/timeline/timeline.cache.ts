// The timeline cache (`timeline:{user_id}:{date}`, 5 minutes;
// docs/design.md#cache-keys), in KV. KV keys cannot be listed and deleted
// cheaply per person, so keys carry two versions instead: the person's (bumped
// when their tracking, watch history or time zone changes) and a global epoch
// (bumped when a sync changes events). Bumping a version retires every key
// built with the old one.

export const TIMELINE_TTL_SECONDS = 5 * 60;

const personKey = (userId: string) => `timeline-version:${userId}`;
const EPOCH_KEY = 'timeline-epoch';

/** The current versions to build a timeline cache key with. */
export async function timelineVersions(kv: KVNamespace, userId: string): Promise<string> {
  const [person, epoch] = await Promise.all([kv.get(personKey(userId)), kv.get(EPOCH_KEY)]);
  return `${person ?? '0'}.${epoch ?? '0'}`;
}

export const timelineKey = (userId: string, day: string, variant: string, versions: string) =>
  `timeline:${userId}:${day}:${variant}:${versions}`;

/** After a person's tracking, watch history or time zone changed. */
export async function invalidatePersonTimeline(kv: KVNamespace, userId: string): Promise<void> {
  await kv.put(personKey(userId), crypto.randomUUID());
}

/** After a sync added, moved or removed events. */
export async function invalidateAllTimelines(kv: KVNamespace): Promise<void> {
  await kv.put(EPOCH_KEY, crypto.randomUUID());
}
