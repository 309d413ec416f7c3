// A WebSocket-to-Postgres bridge speaking what Neon's proxy speaks, so the
// worker reaches a local Postgres (embedded or real) with the same
// @neondatabase/serverless driver, configured as in production.
//
// Like Neon's proxy it ends the client's start-up itself: the driver sends its
// StartupMessage and its password in cleartext without waiting (its default
// `pipelineConnect: 'password'`), the bridge checks the password against the
// database URL's and answers AuthenticationOk at once. Behind it, the bridge
// keeps a pool of connections it authenticated to Postgres once (SCRAM on a
// real server), and lends one to each WebSocket for its life. So a request
// pays a loopback WebSocket and one round trip, never a Postgres start-up nor
// the driver's JavaScript SCRAM (about 15 ms of worker CPU each): what the
// figures measured locally mean on Neon.
//
// A connection goes back to the pool only when the client is done with it and
// it is idle (its last ReadyForQuery said so and nothing sent is unanswered),
// after DISCARD ALL on a real server; otherwise it is closed.
// It listens on loopback only and forwards to one configured database, so it
// is never an open proxy.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createConnection, type AddressInfo, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import type { WebSocket, WebSocketServer as WsServer } from 'ws';
import { createSqlEndpoint } from './sql-over-http.ts';

// Loaded through Node's resolver: bundlers running this file (vitest's global
// setup) would otherwise pick the package's browser stub.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: typeof WsServer };

export interface BridgeStats {
  /** Connections to Postgres opened so far (authenticated once each). */
  opened: number;
  /** Of those, idle in the pool now. */
  idle: number;
  /** WebSockets the worker opened (each a connection set-up on Neon). */
  clients: number;
  /** Of those, open now: 0 once every pool the worker opened has ended. */
  open: number;
  /**
   * Round trips between the worker and Postgres: each client's start-up (its
   * WebSocket and pipelined start-up, which the driver sends with its first
   * query), and each later write the client flushed and waits on.
   */
  roundTrips: number;
  /** Of those, one-shot statements (or batches) over HTTP (POST /sql). */
  httpQueries: number;
}

export interface WsBridge {
  /** host:port to use as the worker's DATABASE_WS_PROXY */
  proxy: string;
  /** Neon's SQL-over-HTTP endpoint on the same port (the driver's fetchEndpoint). */
  sqlEndpoint: string;
  stats(): BridgeStats;
  stop(): Promise<void>;
}

/** Waits `ms` before calling `then`: setTimeout, or a test's own clock. */
export type Delay = (ms: number, then: () => void) => void;

interface Target {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Idle authenticated connections kept for the next client; more are closed. */
const MAX_IDLE = 16;

/** Round trips before a new connection to Neon's proxy carries its first frame: TCP, TLS 1.3, the WebSocket upgrade. */
export const HANDSHAKE_ROUND_TRIPS = 3;

export async function startWsBridge(options: {
  databaseUrl: string;
  port?: number;
  /**
   * The embedded PGlite runs every connection on one session and interleaves
   * their protocol messages one by one, so two connections' extended-query
   * sequences (Parse, Bind, Execute, Sync) could mix on the shared unnamed
   * statement: a query bound to another's statement fails, and the request
   * answers 500 (the browser tests saw a sign-up do so). Serialized, each
   * connection has the database from its first message to the server's next
   * ReadyForQuery that says idle (so a whole transaction), one at a time.
   * Not for a real server, whose connections are independent. It also skips
   * DISCARD ALL, which on PGlite's one session would reach every connection.
   */
  serialize?: boolean;
  /**
   * A simulated distance to Postgres (DATABASE_LATENCY_MS): every answer to
   * the worker leaves this many ms late, so each round trip, the start-up
   * included, takes this much longer, as to a far region. A new WebSocket
   * also waits the round trips of the handshakes before its first frame
   * (HANDSHAKE_ROUND_TRIPS: TCP, TLS 1.3, the HTTP upgrade), as a worker's
   * does to Neon's proxy; loopback has none of them. SQL-over-HTTP requests
   * travel on kept-alive connections, as a worker's fetches to Neon do.
   * Default 0.
   */
  latencyMs?: number;
  delay?: Delay;
}): Promise<WsBridge> {
  const url = new URL(options.databaseUrl);
  const target: Target = {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1) || url.username || 'postgres'),
  };
  const turns = options.serialize ? new Turns() : undefined;
  const pool = new BackendPool(target, !options.serialize, turns);
  const counters = { clients: 0, roundTrips: 0, httpQueries: 0 };
  let open = 0;
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const delay: Delay = options.delay ?? ((ms, then) => void setTimeout(then, ms));
  const sql = createSqlEndpoint({
    databaseUrl: options.databaseUrl,
    authorize: (connectionString) => sameCredentials(connectionString, target),
    withTurn: turns ? (work) => takeTurn(turns, work) : undefined,
    delay: (then) => (latencyMs > 0 ? delay(latencyMs, then) : then()),
    onRequest: () => {
      counters.httpQueries += 1;
      counters.roundTrips += 1;
    },
  });
  // One loopback port for both: WebSockets at /v2 (Neon's wsproxy), one-shot statements at POST /sql.
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://bridge').pathname === '/sql') return sql.handle(request, response);
    response.writeHead(404, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ message: 'the bridge serves POST /sql and WebSockets at /v2' }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const upgrade = () => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    if (latencyMs > 0) delay(HANDSHAKE_ROUND_TRIPS * latencyMs, upgrade);
    else upgrade();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1');
  });
  wss.on('connection', (ws: WebSocket) => {
    counters.clients += 1;
    open += 1;
    ws.once('close', () => (open -= 1));
    serve(ws, { target, pool, turns, counters, latencyMs, delay });
  });
  // Listening on TCP, so the address is an AddressInfo (null/string are for closed or pipe servers).
  const { port } = server.address() as AddressInfo;
  return {
    proxy: `127.0.0.1:${port}`,
    sqlEndpoint: `http://127.0.0.1:${port}/sql`,
    stats: () => ({ ...pool.stats(), ...counters, open }),
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      pool.close();
      server.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), sql.close()]);
    },
  };
}

/** Whether a connection string names the bridge's user and database with its password. */
function sameCredentials(connectionString: string, target: Target): boolean {
  try {
    const url = new URL(connectionString);
    const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username);
    return (
      decodeURIComponent(url.username) === target.user &&
      database === target.database &&
      (target.password === '' || passwordMatches(decodeURIComponent(url.password), target.password))
    );
  } catch {
    return false;
  }
}

/** Runs `work` in its own turn on PGlite's one session. */
async function takeTurn<T>(turns: Turns, work: () => Promise<T>): Promise<T> {
  const owner = {};
  await new Promise<void>((resolve) => turns.request(owner, resolve));
  try {
    return await work();
  } finally {
    turns.release(owner);
  }
}

// --- Protocol ---------------------------------------------------------------

const SYNC = 0x53; // 'S' from the client
const QUERY = 0x51; // 'Q'
const PASSWORD = 0x70; // 'p'
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const AUTHENTICATION = 0x52; // 'R'
const PARAMETER_STATUS = 0x53; // 'S' from the server
const BACKEND_KEY = 0x4b; // 'K'
const ERROR = 0x45; // 'E'
const IDLE = 0x49; // 'I'
const SSL_REQUEST = 80877103;

/** A typed message: type byte, int32 length (itself included), body. */
function message(type: number, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};

const cstring = (value: string) => Buffer.from(`${value}\0`, 'utf8');

/** An ErrorResponse as a server writes one (severity, SQLSTATE, message). */
function errorResponse(code: string, text: string): Buffer {
  return message(
    ERROR,
    Buffer.concat([Buffer.from('S'), cstring('FATAL'), Buffer.from('V'), cstring('FATAL'), Buffer.from('C'), cstring(code), Buffer.from('M'), cstring(text), Buffer.from([0])]),
  );
}

interface Message {
  type: number;
  /** The whole message, header included. */
  raw: Buffer;
  body: Buffer;
}

/**
 * Splits a stream of protocol messages into whole ones, keeping a partial one
 * for the next chunk. `untypedFirst`: the first has no type byte (a client's
 * StartupMessage or SSLRequest).
 */
class MessageReader {
  private buffered: Buffer = Buffer.alloc(0);
  private untyped: boolean;
  constructor(untypedFirst = false) {
    this.untyped = untypedFirst;
  }

  push(chunk: Buffer): Message[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const out: Message[] = [];
    let offset = 0;
    for (;;) {
      const head = this.untyped ? 0 : 1;
      if (this.buffered.length - offset < head + 4) break;
      const length = this.buffered.readInt32BE(offset + head);
      if (length < 4 || length > 1 << 30) throw new Error('malformed protocol message');
      if (this.buffered.length - offset < head + length) break;
      const raw = this.buffered.subarray(offset, offset + head + length);
      out.push({ type: this.untyped ? 0 : raw[0]!, raw, body: raw.subarray(head + 4) });
      offset += head + length;
      this.untyped = false;
    }
    this.buffered = this.buffered.subarray(offset);
    return out;
  }

  /** The next message has no type byte (a StartupMessage after an SSLRequest). */
  expectUntyped(): void {
    this.untyped = true;
  }

  /** Whatever follows the whole messages read so far. */
  rest(): Buffer {
    const rest = this.buffered;
    this.buffered = Buffer.alloc(0);
    return rest;
  }
}

// --- Backends: connections the bridge authenticated to Postgres ----------------

interface Backend {
  socket: Socket;
  /** The server's ParameterStatus and BackendKeyData messages, replayed to each client. */
  greeting: Buffer;
}

/** SCRAM-SHA-256 (RFC 7677) as a client, for a real server's password check. */
class Scram {
  private nonce = randomBytes(18).toString('base64');
  private firstBare = `n=*,r=${this.nonce}`;
  private expectedServerSignature: Buffer | undefined;
  private password: string;
  constructor(password: string) {
    this.password = password;
  }

  initial(): Buffer {
    const first = Buffer.from(`n,,${this.firstBare}`);
    return Buffer.concat([cstring('SCRAM-SHA-256'), int32(first.length), first]);
  }

  respond(serverFirst: string): Buffer {
    const attributes = new Map(serverFirst.split(',').map((part) => [part[0], part.slice(2)] as const));
    const nonce = attributes.get('r');
    const salt = attributes.get('s');
    const iterations = Number(attributes.get('i'));
    if (!nonce?.startsWith(this.nonce) || !salt || !Number.isInteger(iterations)) throw new Error('unexpected SCRAM server message');
    const salted = pbkdf2Sync(this.password.normalize('NFKC'), Buffer.from(salt, 'base64'), iterations, 32, 'sha256');
    const clientKey = createHmac('sha256', salted).update('Client Key').digest();
    const storedKey = createHash('sha256').update(clientKey).digest();
    const finalWithoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${this.firstBare},${serverFirst},${finalWithoutProof}`;
    const signature = createHmac('sha256', storedKey).update(authMessage).digest();
    const proof = Buffer.from(clientKey.map((byte, index) => byte ^ signature[index]!));
    const serverKey = createHmac('sha256', salted).update('Server Key').digest();
    this.expectedServerSignature = createHmac('sha256', serverKey).update(authMessage).digest();
    return Buffer.from(`${finalWithoutProof},p=${proof.toString('base64')}`);
  }

  verify(serverFinal: string): void {
    const signature = Buffer.from(serverFinal.replace(/^v=/, ''), 'base64');
    if (!this.expectedServerSignature || !timingSafeEqual(signature, this.expectedServerSignature)) {
      throw new Error('the server’s SCRAM signature does not match');
    }
  }
}

/** Opens a connection to the target and authenticates (trust, cleartext, MD5 or SCRAM). */
function openBackend(target: Target): Promise<Backend> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const reader = new MessageReader();
    const greeting: Buffer[] = [];
    let scram: Scram | undefined;
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.once('error', fail);
    socket.on('connect', () => {
      const parameters = Buffer.concat([
        ...[
          ['user', target.user],
          ['database', target.database],
          ['client_encoding', 'UTF8'],
          ['application_name', 'showtracker-bridge'],
        ].flatMap(([key, value]) => [cstring(key!), cstring(value!)]),
        Buffer.from([0]),
      ]);
      const body = Buffer.concat([int32(196608), parameters]);
      socket.write(Buffer.concat([int32(body.length + 4), body]));
    });
    const onData = (chunk: Buffer) => {
      try {
        for (const { type, raw, body } of reader.push(chunk)) {
          if (type === AUTHENTICATION) {
            const code = body.readInt32BE(0);
            if (code === 0) continue;
            if (code === 3) socket.write(message(PASSWORD, cstring(target.password)));
            else if (code === 5) {
              const inner = createHash('md5').update(target.password + target.user).digest('hex');
              const outer = createHash('md5').update(Buffer.concat([Buffer.from(inner), body.subarray(4, 8)])).digest('hex');
              socket.write(message(PASSWORD, cstring(`md5${outer}`)));
            } else if (code === 10) {
              scram = new Scram(target.password);
              socket.write(message(PASSWORD, scram.initial()));
            } else if (code === 11) socket.write(message(PASSWORD, scram!.respond(body.subarray(4).toString())));
            else if (code === 12) scram!.verify(body.subarray(4).toString());
            else throw new Error(`authentication method ${code} is not supported by the bridge`);
          } else if (type === PARAMETER_STATUS || type === BACKEND_KEY) {
            greeting.push(Buffer.from(raw));
          } else if (type === ERROR) {
            throw new Error(`Postgres refused the bridge: ${body.toString().replace(/\0/g, ' ').trim()}`);
          } else if (type === READY_FOR_QUERY) {
            socket.off('data', onData);
            socket.off('error', fail);
            resolve({ socket, greeting: Buffer.concat(greeting) });
            return;
          }
        }
      } catch (error) {
        fail(error as Error);
      }
    };
    socket.on('data', onData);
  });
}

class BackendPool {
  private idle: Backend[] = [];
  private opened = 0;
  private closed = false;
  private target: Target;
  /** A real server: reset session state before reuse. */
  private discard: boolean;
  /** PGlite's one session: a start-up takes a turn like any other exchange. */
  private turns: Turns | undefined;
  constructor(target: Target, discard: boolean, turns?: Turns) {
    this.target = target;
    this.discard = discard;
    this.turns = turns;
  }

  async acquire(): Promise<Backend> {
    for (;;) {
      const backend = this.idle.pop();
      if (!backend) break;
      if (!backend.socket.destroyed) return backend;
    }
    const opener = {};
    if (this.turns) await new Promise<void>((resolve) => this.turns!.request(opener, resolve));
    try {
      const backend = await openBackend(this.target);
      this.opened += 1;
      return backend;
    } finally {
      this.turns?.release(opener);
    }
  }

  /** Back to the pool once reset (DISCARD ALL answered), or closed when that fails. */
  release(backend: Backend): void {
    const keep = (): void => {
      if (this.closed || this.idle.length >= MAX_IDLE || backend.socket.destroyed) {
        backend.socket.destroy();
        return;
      }
      backend.socket.removeAllListeners('data');
      backend.socket.removeAllListeners('close');
      backend.socket.removeAllListeners('error');
      // An idle connection that drops is simply skipped when next taken.
      backend.socket.on('error', () => backend.socket.destroy());
      this.idle.push(backend);
    };
    backend.socket.removeAllListeners('data');
    if (!this.discard) return keep();
    const reader = new MessageReader();
    backend.socket.on('data', (chunk: Buffer) => {
      for (const { type, body } of reader.push(chunk)) {
        if (type === ERROR) {
          backend.socket.destroy();
          return;
        }
        if (type === READY_FOR_QUERY) {
          if (body[0] === IDLE) keep();
          else backend.socket.destroy();
          return;
        }
      }
    });
    backend.socket.write(message(QUERY, cstring('DISCARD ALL')));
  }

  stats() {
    return { opened: this.opened, idle: this.idle.length };
  }

  close(): void {
    this.closed = true;
    for (const backend of this.idle.splice(0)) backend.socket.destroy();
  }
}

/** One connection at a time has the database; the others wait in order. */
class Turns {
  private holder: object | null = null;
  private queue: { owner: object; go: () => void }[] = [];

  /** Runs `go` now if `owner` has (or can take) the turn, else when its turn comes. */
  request(owner: object, go: () => void): void {
    if (this.holder === null) this.holder = owner;
    if (this.holder === owner) go();
    else this.queue.push({ owner, go });
  }

  /** `owner` is done: the next in line goes, with everything it had queued. */
  release(owner: object): void {
    if (this.holder !== owner) return;
    this.holder = null;
    const next = this.queue[0];
    if (!next) return;
    this.holder = next.owner;
    const theirs = this.queue.filter((entry) => entry.owner === next.owner);
    this.queue = this.queue.filter((entry) => entry.owner !== next.owner);
    for (const entry of theirs) entry.go();
  }

  /** `owner` is gone: drop what it queued and pass the turn on. */
  forget(owner: object): void {
    this.queue = this.queue.filter((entry) => entry.owner !== owner);
    this.release(owner);
  }
}

// --- One client WebSocket ----------------------------------------------------------

function passwordMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function startupParameters(body: Buffer): Map<string, string> {
  const parts = body.subarray(4).toString('utf8').split('\0');
  const parameters = new Map<string, string>();
  for (let index = 0; index + 1 < parts.length && parts[index]; index += 2) parameters.set(parts[index]!, parts[index + 1]!);
  return parameters;
}

interface Served {
  target: Target;
  pool: BackendPool;
  turns: Turns | undefined;
  counters: { clients: number; roundTrips: number; httpQueries: number };
  latencyMs: number;
  delay: Delay;
}

function serve(ws: WebSocket, { target, pool, turns, counters, latencyMs, delay }: Served): void {
  const owner = {};
  const fromClient = new MessageReader(true);
  let phase: 'startup' | 'password' | 'connecting' | 'ready' | 'done' = 'startup';
  let backend: Backend | undefined;
  /** Client messages held while authenticating and connecting (pipelined after the password). */
  let held: Buffer[] = [];
  // Idle: every Sync or simple Query sent has had its ReadyForQuery, the last one 'I'.
  let awaited = 0;
  let idle = true;
  // With a simulated distance every answer leaves late; one delay for all keeps their order.
  const sendNow = (data: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(data);
  };
  const send = latencyMs > 0 ? (data: Buffer) => delay(latencyMs, () => sendNow(data)) : sendNow;
  const refuse = (code: string, text: string) => {
    send(errorResponse(code, text));
    finish();
  };

  /** The client is done (Terminate, close or error): its connection goes back to the pool if idle, else is closed. */
  const finish = () => {
    if (phase === 'done') return;
    const wasReady = phase === 'ready';
    phase = 'done';
    turns?.forget(owner);
    if (backend) {
      const lent = backend;
      backend = undefined;
      if (wasReady && idle && awaited === 0) pool.release(lent);
      else lent.socket.destroy();
    }
    if (latencyMs > 0) delay(latencyMs, () => ws.readyState === ws.OPEN && ws.close());
    else if (ws.readyState === ws.OPEN) ws.close();
  };

  const toBackend = (messages: Message[]) => {
    const out: Buffer[] = [];
    for (const { type, raw } of messages) {
      // A server closes the connection after Terminate: the bridge does, keeping the connection.
      if (type === TERMINATE) {
        if (out.length) write(Buffer.concat(out));
        return finish();
      }
      if (type === SYNC || type === QUERY) {
        awaited += 1;
        idle = false;
      }
      out.push(raw);
    }
    if (out.length) write(Buffer.concat(out));
  };
  const write = (data: Buffer) => {
    if (!turns) {
      backend?.socket.write(data);
      return;
    }
    turns.request(owner, () => backend?.socket.write(data));
  };

  const attach = async () => {
    phase = 'connecting';
    try {
      backend = await pool.acquire();
    } catch (error) {
      return refuse('08006', `the bridge could not reach Postgres: ${(error as Error).message}`);
    }
    if ((phase as string) === 'done') return pool.release(backend);
    const fromServer = new MessageReader();
    backend.socket.on('data', (chunk: Buffer) => {
      send(chunk);
      for (const { type, body } of fromServer.push(chunk)) {
        if (type !== READY_FOR_QUERY) continue;
        awaited = Math.max(0, awaited - 1);
        idle = body[0] === IDLE;
        if (awaited === 0 && idle) turns?.release(owner);
      }
    });
    backend.socket.on('close', () => {
      backend = undefined;
      finish();
    });
    backend.socket.on('error', () => backend?.socket.destroy());
    send(Buffer.concat([message(AUTHENTICATION, int32(0)), backend.greeting, message(READY_FOR_QUERY, Buffer.from([IDLE]))]));
    phase = 'ready';
    const pending = held;
    held = [];
    for (const chunk of pending) onClientData(chunk);
  };

  const onClientData = (chunk: Buffer) => {
    if (phase === 'done') return;
    if (phase === 'connecting') {
      held.push(chunk);
      return;
    }
    let messages: Message[];
    try {
      messages = fromClient.push(chunk);
    } catch {
      return refuse('08P01', 'invalid protocol message');
    }
    while (messages.length && (phase === 'startup' || phase === 'password')) {
      const next = messages.shift()!;
      if (phase === 'startup') {
        const code = next.body.readInt32BE(0);
        if (next.raw.length === 8 && code === SSL_REQUEST) {
          // Neon's driver turns TLS off inside the WebSocket; a client asking is told no, then starts up.
          if (messages.length) return refuse('08P01', 'unexpected data after SSLRequest');
          send(Buffer.from('N'));
          fromClient.expectUntyped();
          continue;
        }
        if (code !== 196608) return refuse('08P01', 'unsupported frontend protocol');
        const parameters = startupParameters(next.body);
        if ((parameters.get('user') ?? '') !== target.user) {
          return refuse('28000', `role "${parameters.get('user') ?? ''}" is not the bridge's database user`);
        }
        if ((parameters.get('database') ?? target.user) !== target.database) {
          return refuse('3D000', `database "${parameters.get('database')}" is not the bridge's database`);
        }
        phase = 'password';
        // Cleartext, as Neon's proxy asks of WebSocket clients (the driver pipelines it and ignores this request).
        send(message(AUTHENTICATION, int32(3)));
      } else {
        if (next.type !== PASSWORD) return refuse('08P01', 'expected a password message');
        const given = next.body.subarray(0, Math.max(0, next.body.length - 1)).toString('utf8');
        if (target.password && !passwordMatches(given, target.password)) {
          return refuse('28P01', `password authentication failed for user "${target.user}"`);
        }
        // Whatever the client pipelined after the password waits for the connection.
        const rest = Buffer.concat([...messages.map((m) => m.raw), fromClient.rest()]);
        if (rest.length) held.push(rest);
        void attach();
        return;
      }
    }
    if (phase === 'ready') toBackend(messages);
  };

  ws.on('message', (raw: Buffer) => {
    const data = Buffer.from(raw);
    // A frame is a write the client flushed and then waits on (the driver
    // coalesces its writes: start-up, password and first query are one), so
    // one round trip each; a lone Terminate waits for nothing.
    if (!(data.length === 5 && data[0] === TERMINATE)) counters.roundTrips += 1;
    onClientData(data);
  });
  ws.on('close', finish);
  ws.on('error', finish);
}
