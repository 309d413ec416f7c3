// The rendered feed in KV, and the validators (ETag, Last-Modified) clients
// revalidate with.
//
// A body entry's key carries everything the body depends on: the person's
// local today (the window moves daily), their zone, a digest of what they
// track with its preferences, the options and origin, and the timeline
// versions (timeline.cache.ts), so whatever retires a person's timeline
// retires their feed too; and their hide-spoilers setting with, when it is
// on, a digest of their watches read from Postgres (calendar.service.ts), so
// turning it on or off, or marking an episode watched, shows in the very next
// fetch.
//
// Last-Modified cannot be the newest event's updated_at: untracking a show or
// a sync dropping an episode removes events and leaves no newer timestamp. It
// is the time a body with this ETag was first served instead, remembered per
// feed (person + options) for longer than the bodies, and moved at least one
// second past the previous value whenever the body changes, so a client's
// If-Modified-Since (whole seconds) never hides a change made in the same
// second.
import { readThrough, sha256Hex } from '../../lib/cache.ts';

const FEED_TTL_SECONDS = 15 * 60;
const VALIDATORS_TTL_SECONDS = 40 * 24 * 60 * 60;

export interface RenderedFeed {
  body: string;
  etag: string;
  /** Milliseconds since the epoch, a whole second. */
  lastModified: number;
}

export interface FeedCacheKey {
  userId: string;
  /** Person + options: which validators a body continues. */
  feed: string;
  /** Local today, zone, tracked digest, timeline versions and spoiler state: which body. */
  body: string;
}

const bodyKey = (key: FeedCacheKey) => `calendar:${key.userId}:${key.feed}:${key.body}`;
const validatorsKey = (key: FeedCacheKey) => `calendar-validators:${key.userId}:${key.feed}`;

export async function cachedFeed(
  kv: KVNamespace,
  key: FeedCacheKey,
  render: () => Promise<string>,
  now: number,
): Promise<RenderedFeed> {
  // The body entry carries its own validators, so a hit is always consistent;
  // on a miss the feed's validators are moved on before the body is stored.
  return readThrough<RenderedFeed>(kv, bodyKey(key), FEED_TTL_SECONDS, async () => {
    const body = await render();
    const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
    const previous = await kv.get<Omit<RenderedFeed, 'body'>>(validatorsKey(key), 'json');
    const second = Math.floor(now / 1000) * 1000;
    const lastModified =
      previous?.etag === etag ? previous.lastModified : Math.max(second, previous ? previous.lastModified + 1000 : 0);
    await kv.put(validatorsKey(key), JSON.stringify({ etag, lastModified }), { expirationTtl: VALIDATORS_TTL_SECONDS });
    return { value: { body, etag, lastModified }, store: true };
  });
}
