// The routes' side of lib/person-state.ts: the version a request claims, the
// header on the answer, and the version every write hands back.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { requestDataDeps } from '../features/metadata/request-deps.ts';
import { describeError } from './logger.ts';
import { afterWrite, parseVersion, personRead, STATE_HEADER, versionThen, type PersonCacheDeps, type PersonReadSpec, type Versioned } from './person-state.ts';

/** The request's database and cache, with KV writes finished after the answer. */
export const personCacheDeps = (c: Context<AppEnv>): PersonCacheDeps => ({
  ...requestDataDeps(c),
  defer: (work) => c.executionCtx.waitUntil(work.catch((error: unknown) => c.var.logger.warn('deferred cache write failed', describeError(error)))),
});

/** The highest version the person's device has seen, 0 if it sent none (or garbage). */
export const claimedVersion = (c: Context<AppEnv>): number => parseVersion(c.req.header(STATE_HEADER));

/** The value, with its version in the answer's header. */
export function atVersion<T>(c: Context<AppEnv>, result: Versioned<T>): T {
  c.header(STATE_HEADER, String(result.version));
  return result.value;
}

/**
 * A signed-in person's read through the edge cache (personRead), its version
 * in the header: on a miss, the version first (unless already read), then `read`.
 */
export async function cachedForPerson<T>(
  c: Context<AppEnv>,
  { read, ...spec }: Omit<PersonReadSpec<T>, 'compute' | 'current'> & { read: () => Promise<T> },
): Promise<T> {
  const compute = (known: number | null) => versionThen(c.var.db, c.var.userId, known, read);
  return atVersion(c, await personRead(personCacheDeps(c), c.var.userId, claimedVersion(c), { ...spec, compute }));
}

/**
 * After every accepted write by a signed-in person: the version that includes
 * it goes in the answer's header (the PWA sends it back, so its next read
 * never comes from an older entry), and into the KV pointer for their other
 * devices. Its failure never fails the write that already happened.
 */
export const stateAfterWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || !c.res.ok) return;
  const userId = c.var.userId;
  if (!userId) return;
  try {
    const version = await afterWrite(personCacheDeps(c), userId);
    if (version !== null) c.res.headers.set(STATE_HEADER, String(version));
  } catch (error) {
    c.var.logger.warn('state version not read after a write', describeError(error));
  }
};
