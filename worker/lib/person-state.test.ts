// Read-your-writes for edge-cached reads (lib/person-state.ts; README "Edge-fast
// reads"): answers name the state version they reflect, a write's answer names
// one that includes it, and a request naming a version is never answered from
// an older entry, whatever order a read and a write race in.
import { invalidateAllTimelines } from '../features/timeline/timeline.cache.ts';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client.ts';
import { addEvent, createShow, track } from '../features/timeline/timeline.fixtures.ts';
import { call, query, signUp, stateVersion, TEST_ENV, type TestAccount } from '../test-helpers.ts';
import { personRead, readStateVersion, STATE_HEADER, versionThen } from './person-state.ts';

const DAY = '2026-10-14';
const range = `?from=${DAY}&to=${DAY}`;

const read = (account: TestAccount, path: string, version?: number | string) =>
  call('GET', path, { token: account.accessToken, headers: version === undefined ? {} : { [STATE_HEADER]: String(version) } });
const versionOf = (result: { headers: Headers }) => Number(result.headers.get(STATE_HEADER));
/** The shows' names, without the unique suffix createShow adds. */
const titles = (body: { events: { show: { title: string } }[] }) => body.events.map((event) => event.show.title.split(' ')[0]).sort();

async function scene() {
  const ada = await signUp();
  const [kept, dropped] = [await createShow('Kept'), await createShow('Dropped')];
  await track(ada.id, kept.id);
  await track(ada.id, dropped.id);
  await addEvent(kept.id, { at: `${DAY}T18:00:00Z` });
  await addEvent(dropped.id, { at: `${DAY}T19:00:00Z` });
  return { ada, kept, dropped };
}

describe('the state version on answers', () => {
  it("names Postgres's version on a read, and on a write one that includes it", async () => {
    const { ada, dropped } = await scene();
    const first = await read(ada, `/api/v1/timeline${range}`);
    expect(versionOf(first)).toBe(await stateVersion(ada.id));
    const write = await call('DELETE', `/api/v1/tracking/${dropped.id}`, { token: ada.accessToken });
    expect(write.status).toBe(204);
    expect(versionOf(write)).toBeGreaterThan(versionOf(first));
    expect(versionOf(write)).toBe(await stateVersion(ada.id));
  });

  it('is not set on a refused write, and a garbage version is read as none', async () => {
    const ada = await signUp();
    const refused = await call('PATCH', '/api/v1/me', { token: ada.accessToken, json: { timezone: 'Mars/Olympus' } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get(STATE_HEADER)).toBeNull();
    for (const garbage of ['abc', '-1', '1e3', '9'.repeat(40), '']) {
      const answer = await read(ada, '/api/v1/notifications/unread-count', garbage);
      expect(answer.status).toBe(200);
      expect(versionOf(answer)).toBe(await stateVersion(ada.id));
    }
  });
});

describe('cached reads with the version the device has seen', () => {
  it('answer from KV alone: a catalog change past the epoch does not show until the entry is retired', async () => {
    const { ada, kept } = await scene();
    const first = await read(ada, `/api/v1/timeline${range}`);
    // Straight in the table: no trigger, no epoch. A hit never asks Postgres, so it still has the old title.
    await query('UPDATE shows SET title = $2 WHERE id = $1', [kept.id, 'Renamed']);
    const hit = await read(ada, `/api/v1/timeline${range}`, versionOf(first));
    expect(titles(hit.body)).toEqual(['Dropped', 'Kept']);
    expect(hit.headers.get('Server-Timing')).toMatch(/kv-read;desc=[1-9]/);
    // A sync bumps the epoch (timeline.cache.ts): the entry is retired.
    await invalidateAllTimelines(TEST_ENV.CACHE);
    expect(titles((await read(ada, `/api/v1/timeline${range}`, versionOf(first))).body)).toEqual(['Dropped', 'Renamed']);
  });

  it("show the person's own write at once: untrack, then read with the write's version", async () => {
    const { ada, dropped } = await scene();
    const before = await read(ada, `/api/v1/timeline${range}`);
    await read(ada, '/api/v1/tracking', versionOf(before));
    expect(titles(before.body)).toEqual(['Dropped', 'Kept']);
    const write = await call('DELETE', `/api/v1/tracking/${dropped.id}`, { token: ada.accessToken });
    const after = await read(ada, `/api/v1/timeline${range}`, versionOf(write));
    expect(titles(after.body)).toEqual(['Kept']);
    expect(versionOf(after)).toBe(versionOf(write));
    const list = await read(ada, '/api/v1/tracking', versionOf(write));
    expect(list.body.results.map((row: { show: { title: string } }) => row.show.title.split(' ')[0])).toEqual(['Kept']);
  });

  it('bring a device that saw an older version along: the KV pointer the write moved on wins', async () => {
    const { ada, dropped } = await scene();
    const stale = versionOf(await read(ada, `/api/v1/timeline${range}`));
    // Another device untracks; this one still sends the version it saw.
    await call('DELETE', `/api/v1/tracking/${dropped.id}`, { token: ada.accessToken });
    const answer = await read(ada, `/api/v1/timeline${range}`, stale);
    expect(titles(answer.body)).toEqual(['Kept']);
    expect(versionOf(answer)).toBeGreaterThan(stale);
  });

  it('drop a notification marked read from the unread count at once', async () => {
    const ada = await signUp();
    const [row] = await query<{ id: string }>(
      `INSERT INTO notifications (user_id, title, body, status, sent_at, scheduled_for) VALUES ($1, 'Show', 'text', 'sent', now(), now()) RETURNING id`,
      [ada.id],
    );
    const first = await read(ada, '/api/v1/notifications/unread-count');
    expect(first.body).toEqual({ unread: 1 });
    expect((await read(ada, '/api/v1/notifications/unread-count', versionOf(first))).body).toEqual({ unread: 1 });
    const marked = await call('PATCH', `/api/v1/notifications/${row!.id}/read`, { token: ada.accessToken, json: {} });
    expect(marked.status).toBe(200);
    expect((await read(ada, '/api/v1/notifications/unread-count', versionOf(marked))).body).toEqual({ unread: 0 });
  });

  it("never answer one person with another's entry, whatever version they name", async () => {
    const { ada } = await scene();
    const bob = await signUp();
    const adas = await read(ada, `/api/v1/timeline${range}`);
    for (const version of [versionOf(adas), 1, 999_999_999]) {
      const answer = await read(bob, `/api/v1/timeline${range}`, version);
      expect(answer.body.events).toEqual([]);
      expect(versionOf(answer)).toBe(await stateVersion(bob.id));
    }
  });

  it('refuse a deleted account, though its answers were cached', async () => {
    const { ada } = await scene();
    const cached = await read(ada, '/api/v1/tracking');
    expect((await read(ada, '/api/v1/tracking', versionOf(cached))).status).toBe(200);
    expect((await call('DELETE', '/api/v1/me', { token: ada.accessToken, json: { current_password: ada.password } })).status).toBe(204);
    expect((await read(ada, '/api/v1/tracking', versionOf(cached))).status).toBe(401);
    expect((await read(ada, `/api/v1/timeline${range}`, versionOf(cached))).status).toBe(401);
  });
});

describe('a read racing a write', () => {
  const spec = (db: Parameters<typeof readStateVersion>[0], userId: string, during: () => Promise<void>, computed: number[]) => ({
    name: `race:${crypto.randomUUID()}`,
    ttlSeconds: 60,
    compute: async (known: number | null) => {
      // The version first, then the write lands, then the data: the entry is stored under the older version.
      const version = known ?? (await readStateVersion(db, userId));
      await during();
      computed.push(version);
      return { version, value: { version } };
    },
  });

  it('stores what it read under the version read before its data, so the write’s version is never answered from it', async () => {
    const ada = await signUp();
    const { db, close } = openDb(TEST_ENV);
    try {
      const deps = { db, cache: TEST_ENV.CACHE };
      const computed: number[] = [];
      const show = await createShow('Racing');
      const racing = spec(db, ada.id, () => track(ada.id, show.id), computed);
      const before = await stateVersion(ada.id);
      const first = await personRead(deps, ada.id, before, racing);
      expect(first.version).toBe(before);
      const afterWrite = await stateVersion(ada.id);
      expect(afterWrite).toBeGreaterThan(before);
      // Naming the write's version: the racing entry (stored under `before`) is not used.
      const second = await personRead(deps, ada.id, afterWrite, { ...racing, compute: () => versionThen(db, ada.id, null, async () => ({ version: afterWrite })) });
      expect(second).toEqual({ version: afterWrite, value: { version: afterWrite } });
      // A device still naming the older version gets the newer entry: the pointer moved on with the miss.
      expect(await personRead(deps, ada.id, before, racing)).toEqual({ version: afterWrite, value: { version: afterWrite } });
      expect(computed).toEqual([before]);
    } finally {
      await close();
    }
  });
});
