// Edge-cached reads of a person's data that never show them something their
// own last action changed, and never touch Postgres on a hit (issue 13).
//
// Postgres keeps a version per person, `users.state_version`, bumped by
// triggers in the same transaction as every change to what the person sees
// (migration 0014). A cache entry is stored under the version read BEFORE its
// data, in the same statement or an earlier one, so the entry for version N
// holds every change up to N (maybe more, never less). Answers say which
// version they reflect, and writes which version includes them, in the
// `X-ShowTracker-State` header; the PWA sends back the highest it has seen.
// A read uses version N:
//
// - the request names one (the PWA always does, once it has an answer):
//   N = max(that, the person's KV pointer `state:{user}`). The write's answer
//   told the device a version that includes the write, so its next read asks
//   for an entry at least that new: read-your-writes by construction, whatever
//   KV's propagation does. The pointer, written after every write and every
//   push sent, brings the person's other devices along as KV propagates it
//   (Cloudflare: up to about 60 s elsewhere). Changes nobody was told of (a
//   sync's, which retire entries by the catalog epoch) show when the entry
//   expires (its TTL). A hit touches KV only: one round of parallel reads.
// - it names none (an API client, a first visit): N is Postgres's current
//   version, one primary-key read, so such answers are always current.
//
// A miss reads the version and the data, stores the entry, and moves the
// pointer on if it was behind.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { cachePutText, kvTtl } from './cache.ts';
import { RecentEntries } from './recent-entries.ts';
import { unauthorized } from './errors.ts';

/** The header both ways: answers carry the version they reflect; requests the highest their device has seen. */
export const STATE_HEADER = 'X-ShowTracker-State';

/** The KV pointer's value once the account is deleted: cached entries must not outlive it. */
const GONE = 'gone';

export const statePointerKey = (userId: string) => `state:${userId}`;

const entryKey = (userId: string, version: number, name: string) => `p:${userId}:${version}:${name}`;

/** What KV holds: the value and the catalog epoch it was computed under (kept inside, so the entry is read in the same round as the epoch). */
interface Entry<T> {
  epoch: string;
  /** When it was written (epoch ms): a copy in memory expires when KV's does, counted from here. */
  at: number;
  value: T;
}

/** When KV lets go of an entry written at `at` with this TTL; older entries without `at` count from now. */
const expiresAt = (entry: { at?: number }, ttlSeconds: number, now: number) => (entry.at ?? now) + kvTtl(ttlSeconds) * 1000;

/** A version as the header or the pointer gives it: digits only, else 0 (none). */
export function parseVersion(value: string | null | undefined): number {
  if (!value || !/^\d{1,15}$/.test(value)) return 0;
  return Number(value);
}

export interface Versioned<T> {
  version: number;
  value: T;
}

export interface PersonCacheDeps {
  db: Db;
  cache: KVNamespace;
  /** Runs work after the answer (waitUntil); awaited when absent. */
  defer?: (work: Promise<unknown>) => void;
}

export interface PersonReadSpec<T> {
  /** The route and its parameters: the entry's name. */
  name: string;
  ttlSeconds: number;
  /** A KV key whose value retires the entry when it changes (the catalog's epoch after a sync). */
  epochKey?: string;
  /** Whether a stored value still answers now (a timeline's day, say); default yes. */
  usable?: (value: T) => boolean;
  /** The person's version now, from Postgres, when the request names none (default readStateVersion). */
  current?: () => Promise<number>;
  /**
   * The data and a version read before it or in the same statement. `known`
   * is the version `current` read earlier in this request (before any data),
   * or null when the request named one and Postgres was not asked.
   */
  compute: (known: number | null) => Promise<Versioned<T>>;
}

/** The person's current version, or null once the account is gone. */
async function currentVersion(db: Pick<Db, 'select'>, userId: string): Promise<number | null> {
  const [row] = await db.select({ version: users.stateVersion }).from(users).where(eq(users.id, userId));
  return row?.version ?? null;
}

/** The person's current version; an account that no longer exists is a 401. */
export async function readStateVersion(db: Pick<Db, 'select'>, userId: string): Promise<number> {
  const version = await currentVersion(db, userId);
  if (version === null) throw unauthorized('This account no longer exists.');
  return version;
}

/** `known`, or the version read now, then `read`: what a simple cached route computes. */
export async function versionThen<T>(db: Db, userId: string, known: number | null, read: () => Promise<T>): Promise<Versioned<T>> {
  const version = known ?? (await readStateVersion(db, userId));
  return { version, value: await read() };
}

/** What this isolate read or wrote lately (lib/recent-entries.ts): 4 MB of JSON, about 80 timelines of 114 events. */
const recent = new RecentEntries<Entry<unknown>>(4_000_000);

/** The entry under `key`: from this isolate's memory, else KV (then kept in memory until KV's TTL for it). */
async function readEntry<T>(cache: KVNamespace, key: string, ttlSeconds: number): Promise<Entry<T> | null> {
  const now = Date.now();
  const held = recent.get(key, now);
  if (held) return held as Entry<T>;
  const text = await cache.get(key, 'text');
  if (text === null) return null;
  const entry = JSON.parse(text) as Entry<T>;
  // Only until KV itself lets go of it: its TTL runs from the write, not from this read.
  const until = expiresAt(entry, ttlSeconds, now);
  if (until > now) recent.set(key, entry, text.length, until);
  return entry;
}

/** Stores a computed entry in KV and in this isolate's memory; a refused KV write costs only a later miss. */
async function writeEntry<T>(cache: KVNamespace, key: string, entry: Entry<T>, ttlSeconds: number): Promise<void> {
  const text = JSON.stringify(entry);
  recent.set(key, entry, text.length, expiresAt(entry, ttlSeconds, Date.now()));
  await cachePutText(cache, key, text, ttlSeconds);
}

/**
 * The small shared values (a person's pointer, the catalog epoch) as this
 * isolate last read or wrote them, for a few seconds: KV itself may answer
 * up to about 60 s behind elsewhere, so this adds little, and a hit then
 * needs no KV read at all. Read-your-writes never rests on them: it rests on
 * the version the request names.
 */
const GLANCE_MS = 5_000;
const GLANCE_MAX = 10_000;
const glanced = new Map<string, { value: string | null; until: number }>();

/** `key` from KV, or as this isolate saw it less than GLANCE_MS ago. */
async function glance(cache: KVNamespace, key: string): Promise<string | null> {
  const now = Date.now();
  const seen = glanced.get(key);
  if (seen && seen.until > now) return seen.value;
  const value = await cache.get(key, 'text');
  noteShared(key, value, now);
  return value;
}

/** What this isolate just wrote (or read) under a shared key: its next requests see it at once. */
export function noteShared(key: string, value: string | null, now = Date.now()): void {
  if (glanced.size >= GLANCE_MAX) glanced.clear();
  glanced.set(key, { value, until: now + GLANCE_MS });
}

const settle = (deps: PersonCacheDeps, work: Promise<unknown>) => (deps.defer ? (deps.defer(work), undefined) : work);

/**
 * The value as of at least the version the request names (and the KV
 * pointer, for the person's other devices), or as of Postgres's current
 * version when it names none: from KV when such an entry is there, else
 * computed, stored and returned.
 */
export async function personRead<T>(deps: PersonCacheDeps, userId: string, claimed: number, spec: PersonReadSpec<T>): Promise<Versioned<T>> {
  const entryAt = (version: number) => readEntry<T>(deps.cache, entryKey(userId, version, spec.name), spec.ttlSeconds);
  const epochRead = spec.epochKey ? glance(deps.cache, spec.epochKey) : Promise.resolve(null);
  let known: number;
  let fromDb: number | null = null;
  let pointer: number | null = null;
  let entry: Entry<T> | null;
  let epochText: string | null;
  if (claimed > 0) {
    // No Postgres: one KV round for the pointer, the epoch and the entry at the version the request names.
    const [pointerText, epoch, atClaimed] = await Promise.all([glance(deps.cache, statePointerKey(userId)), epochRead, entryAt(claimed)]);
    if (pointerText === GONE) throw unauthorized('This account no longer exists.');
    pointer = parseVersion(pointerText);
    known = Math.max(claimed, pointer);
    epochText = epoch;
    entry = known === claimed ? atClaimed : await entryAt(known);
  } else {
    // No version named (an API client, a first visit): Postgres says which, in one primary-key read.
    [epochText, fromDb] = await Promise.all([epochRead, spec.current ? spec.current() : readStateVersion(deps.db, userId)]);
    known = fromDb;
    entry = await entryAt(known);
  }
  const epoch = epochText ?? '0';
  if (entry !== null && entry.epoch === epoch && (spec.usable?.(entry.value) ?? true)) return { version: known, value: entry.value };

  const computed = await spec.compute(fromDb);
  const stored: Entry<T> = { epoch, at: Date.now(), value: computed.value };
  const pending: Promise<unknown>[] = [writeEntry(deps.cache, entryKey(userId, computed.version, spec.name), stored, spec.ttlSeconds)];
  if (pointer !== null && computed.version > pointer) pending.push(writePointer(deps.cache, userId, String(computed.version)));
  await settle(deps, Promise.all(pending));
  return computed;
}

async function writePointer(cache: KVNamespace, userId: string, value: string): Promise<void> {
  noteShared(statePointerKey(userId), value);
  try {
    await cache.put(statePointerKey(userId), value);
  } catch {
    // A refused pointer write (KV's one write a second per key) only costs other devices a later refresh.
  }
}

/**
 * After a write: the version that includes it, for the answer's header, and
 * the pointer moved on for the person's other devices. A deleted account
 * leaves a tombstone, so no cached entry of theirs is served again.
 */
export async function afterWrite(deps: PersonCacheDeps, userId: string): Promise<number | null> {
  const version = await currentVersion(deps.db, userId);
  await settle(deps, writePointer(deps.cache, userId, version === null ? GONE : String(version)));
  return version;
}

/**
 * After work nobody asked for changed what people see (a push delivered, so
 * the unread count moved): their pointers move on, so their devices' next
 * reads are current too.
 */
export async function publishVersions(deps: PersonCacheDeps, userIds: string[]): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  const rows = await deps.db.select({ id: users.id, version: users.stateVersion }).from(users).where(inArray(users.id, ids));
  await settle(deps, Promise.all(rows.map((row) => writePointer(deps.cache, row.id, String(row.version)))));
}
