// The local database as the worker reaches it: @neondatabase/serverless over
// the WebSocket bridge. PGlite runs every connection on one session, so the
// bridge must keep one connection's extended-query messages (Parse, Bind,
// Execute, Sync) from mixing with another's, or a query binds to someone
// else's statement and fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import { latencyFromEnvironment, startLocalDatabase, type LocalDatabase } from './database.ts';
import { HANDSHAKE_ROUND_TRIPS, startWsBridge } from './ws-bridge.ts';

let database: LocalDatabase;

beforeAll(async () => {
  database = await startLocalDatabase({});
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.wsProxy = (host, port) => `${database.wsProxy}/v2?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
}, 60_000);

afterAll(async () => {
  await database?.stop();
});

describe('the embedded database through the bridge', () => {
  it('keeps concurrent connections’ parameterized queries apart, transactions included', async () => {
    // Many pools at once, as many worker requests each open one, each running
    // statements with a different number of parameters.
    const pools = Array.from({ length: 12 }, () => new Pool({ connectionString: database.databaseUrl }));
    try {
      const results = await Promise.all(
        pools.map(async (pool, index) => {
          const answers: unknown[] = [];
          for (let round = 0; round < 15; round += 1) {
            const values = Array.from({ length: (index % 4) + 1 }, (_, position) => index * 100 + round + position);
            const placeholders = values.map((_, position) => `$${position + 1}::int`).join(' + ');
            const { rows } = await pool.query(`SELECT ${placeholders} AS total`, values);
            answers.push(rows[0].total);
            if (round % 5 === 0) {
              const client = await pool.connect();
              try {
                await client.query('BEGIN');
                const inside = await client.query('SELECT $1::int * 2 AS doubled', [index]);
                await client.query('COMMIT');
                answers.push(inside.rows[0].doubled);
              } finally {
                client.release();
              }
            }
          }
          return answers;
        }),
      );
      results.forEach((answers, index) => {
        const expected: unknown[] = [];
        for (let round = 0; round < 15; round += 1) {
          const count = (index % 4) + 1;
          expected.push(Array.from({ length: count }, (_, position) => index * 100 + round + position).reduce((a, b) => a + b, 0));
          if (round % 5 === 0) expected.push(index * 2);
        }
        expect(answers).toEqual(expected);
      });
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  }, 60_000);

  it('ends the start-up as Neon’s proxy does: the pipelined password is checked, a wrong one refused like Postgres refuses it', async () => {
    const wrong = new URL(database.databaseUrl);
    wrong.password = 'not-the-password';
    const pool = new Pool({ connectionString: wrong.toString() });
    try {
      await expect(pool.query('SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await pool.end().catch(() => undefined);
    }
    const right = new Pool({ connectionString: database.databaseUrl });
    try {
      expect((await right.query('SELECT 41 + 1 AS answer')).rows).toEqual([{ answer: 42 }]);
    } finally {
      await right.end();
    }
  });

  it('lends connections it authenticated once: one request after another opens no new one', async () => {
    const run = async () => {
      const pool = new Pool({ connectionString: database.databaseUrl });
      try {
        return (await pool.query('SELECT 1 AS one')).rows[0].one;
      } finally {
        await pool.end();
      }
    };
    await run();
    const before = database.bridgeStats!().opened;
    for (let index = 0; index < 10; index += 1) expect(await run()).toBe(1);
    expect(database.bridgeStats!().opened).toBe(before);
  });

  it('never lends a connection left mid-transaction: the next client starts clean', async () => {
    const pool = new Pool({ connectionString: database.databaseUrl });
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE IF NOT EXISTS bridge_leftover (x int)');
    // The client goes without COMMIT or ROLLBACK (a request that failed mid-way).
    client.release(true);
    await pool.end();
    for (let index = 0; index < 5; index += 1) {
      const next = new Pool({ connectionString: database.databaseUrl });
      try {
        const { rows } = await next.query("SELECT current_setting('transaction_isolation') AS level, now() = statement_timestamp() AS fresh");
        expect(rows[0].level).toBeTruthy();
        expect(rows[0].fresh).toBe(true);
      } finally {
        await next.end();
      }
    }
  });

  it('counts round trips: a one-shot query on a new connection is one (start-up, password and query in one write); a transaction one per statement', async () => {
    const pool = new Pool({ connectionString: database.databaseUrl });
    try {
      const before = database.bridgeStats!();
      await pool.query('SELECT 1');
      const afterOne = database.bridgeStats!();
      expect(afterOne.clients - before.clients).toBe(1);
      expect(afterOne.roundTrips - before.roundTrips).toBe(1);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT 2');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      // The pool's connection is reused: three statements, three round trips, no new WebSocket.
      expect(database.bridgeStats!().roundTrips - afterOne.roundTrips).toBe(3);
      expect(database.bridgeStats!().clients).toBe(afterOne.clients);
    } finally {
      await pool.end();
    }
  });

  it('simulates a far region: with a latency, a new WebSocket waits its handshakes and every answer to the worker that long (DATABASE_LATENCY_MS)', async () => {
    const waits: number[] = [];
    const bridge = await startWsBridge({
      databaseUrl: database.databaseUrl,
      serialize: true,
      latencyMs: 80,
      // The test's own clock: records each wait and lets it pass at once.
      delay: (ms, then) => {
        waits.push(ms);
        setImmediate(then);
      },
    });
    const saved = neonConfig.wsProxy;
    neonConfig.wsProxy = (host, port) => `${bridge.proxy}/v2?address=${host}:${port}`;
    const pool = new Pool({ connectionString: database.databaseUrl });
    try {
      expect((await pool.query('SELECT 7 AS seven')).rows).toEqual([{ seven: 7 }]);
      // The WebSocket's handshakes first (TCP, TLS, upgrade: 3 round trips), then 80 ms for every answer.
      expect(waits[0]).toBe(HANDSHAKE_ROUND_TRIPS * 80);
      expect(waits.length).toBeGreaterThan(1);
      expect(new Set(waits.slice(1))).toEqual(new Set([80]));
    } finally {
      await pool.end();
      neonConfig.wsProxy = saved;
      await bridge.stop();
    }
    expect(latencyFromEnvironment(undefined)).toBe(0);
    expect(latencyFromEnvironment('80')).toBe(80);
    for (const bad of ['-1', '8.5', 'far', '99999']) expect(() => latencyFromEnvironment(bad)).toThrow(/DATABASE_LATENCY_MS/);
  });

  it('serves Neon’s SQL over HTTP (POST /sql): one request per statement, values typed, errors with their code, batches in one transaction', async () => {
    const endpoint = `http://${database.wsProxy}/sql`;
    neonConfig.fetchEndpoint = endpoint;
    const sql = neon(database.databaseUrl);
    const before = database.bridgeStats!();
    const rows = await sql.query('SELECT $1::int + 1 AS n, $2::text AS t, now() IS NOT NULL AS ok, NULL::int AS none', [41, 'hé']);
    expect(rows).toEqual([{ n: 42, t: 'hé', ok: true, none: null }]);
    expect(database.bridgeStats!().httpQueries - before.httpQueries).toBe(1);
    expect(database.bridgeStats!().clients).toBe(before.clients);

    // Postgres's error, with its SQLSTATE, as Neon's proxy forwards it.
    await expect(sql.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
    // A batch is one transaction: a failing statement undoes the ones before it.
    await sql.query('CREATE TABLE IF NOT EXISTS bridge_http_batch (x int)');
    await expect(
      sql.transaction([sql.query('INSERT INTO bridge_http_batch VALUES (1)'), sql.query('SELECT 1 / 0')]),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await sql.query('SELECT count(*)::int AS n FROM bridge_http_batch')).toEqual([{ n: 0 }]);
    const [inserted, counted] = await sql.transaction([
      sql.query('INSERT INTO bridge_http_batch VALUES (2) RETURNING x'),
      sql.query('SELECT count(*)::int AS n FROM bridge_http_batch'),
    ]);
    expect(inserted).toEqual([{ x: 2 }]);
    expect(counted).toEqual([{ n: 1 }]);
    await sql.query('DROP TABLE bridge_http_batch');

    // The password is checked as on the WebSocket.
    const wrong = new URL(database.databaseUrl);
    wrong.password = 'not-the-password';
    await expect(neon(wrong.toString()).query('SELECT 1')).rejects.toThrow(/password authentication failed/);
  });
});

