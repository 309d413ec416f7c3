// A WebSocket-to-TCP bridge speaking the protocol of Neon's wsproxy, so the
// worker reaches a local Postgres (embedded or real) with the same
// @neondatabase/serverless driver it uses against Neon in production.
// It listens on loopback only and forwards to one configured database, so it
// is never an open proxy.
import { createConnection, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { WebSocket, WebSocketServer as WsServer } from 'ws';

// Loaded through Node's resolver: bundlers running this file (vitest's global
// setup) would otherwise pick the package's browser stub.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: typeof WsServer };

export interface WsBridge {
  /** host:port to use as the worker's DATABASE_WS_PROXY */
  proxy: string;
  stop(): Promise<void>;
}

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
   * Not for a real server, whose connections are independent.
   */
  serialize?: boolean;
}): Promise<WsBridge> {
  const target = new URL(options.databaseUrl);
  const targetHost = target.hostname;
  const targetPort = Number(target.port || 5432);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const turn = options.serialize ? new Turns() : undefined;
  wss.on('connection', (ws: WebSocket) => pipe(ws, targetHost, targetPort, turn));
  // Listening on TCP, so the address is an AddressInfo (null/string are for closed or pipe servers).
  const { port } = wss.address() as AddressInfo;
  return {
    proxy: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** The frontend Terminate message: 'X' and a length of 4. */
const isTerminate = (data: Buffer) => data.length === 5 && data[0] === 0x58 && data.readInt32BE(1) === 4;

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

/**
 * Calls `each(type, firstByteOfBody)` for every whole message in a stream of
 * Postgres protocol messages (type byte, int32 length), keeping partial ones
 * for the next chunk. `untyped` skips the type byte for the first message (the
 * client's StartupMessage has none).
 */
function messageReader(each: (type: number, first: number | undefined) => void, untypedFirst = false) {
  let buffered: Buffer = Buffer.alloc(0);
  let untyped = untypedFirst;
  return (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const head = untyped ? 0 : 1;
      if (buffered.length - offset < head + 4) break;
      const length = buffered.readInt32BE(offset + head);
      if (buffered.length - offset < head + length) break;
      each(untyped ? 0 : buffered[offset]!, buffered[offset + head + 4]);
      offset += head + length;
      untyped = false;
    }
    buffered = buffered.subarray(offset);
  };
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'

function pipe(ws: WebSocket, host: string, port: number, turns?: Turns): void {
  const tcp = createConnection({ host, port });
  const pending: Buffer[] = [];
  let connected = false;
  const owner = {};
  const forward = (data: Buffer) => {
    if (connected) tcp.write(data);
    else pending.push(data);
  };
  tcp.on('connect', () => {
    connected = true;
    for (const chunk of pending.splice(0)) tcp.write(chunk);
  });
  // Serialized: the turn ends once the server has answered everything sent
  // (one ReadyForQuery per startup, Sync or simple Query) and is idle.
  let awaited = 0;
  const countSent = messageReader((type) => {
    if (type === 0 || type === SYNC || type === QUERY) awaited += 1;
  }, true);
  const watchAnswers = messageReader((type, status) => {
    if (type !== READY_FOR_QUERY) return;
    awaited = Math.max(0, awaited - 1);
    if (awaited === 0 && status === IDLE) turns?.release(owner);
  });
  tcp.on('data', (chunk) => {
    if (turns) watchAnswers(chunk as Buffer);
    ws.send(chunk);
  });
  tcp.on('close', () => {
    turns?.forget(owner);
    ws.close();
  });
  tcp.on('error', () => ws.terminate());
  ws.on('message', (message: Buffer) => {
    const data = Buffer.from(message);
    // A Postgres server closes the connection after the client's Terminate
    // message; PGlite's socket server does not, and the driver's pool.end()
    // would wait for that close forever (a queue invocation that never ends
    // stalls every later batch). Close it the way a server would.
    if (isTerminate(data)) {
      turns?.forget(owner);
      forward(data);
      tcp.end(() => ws.close());
      return;
    }
    if (!turns) return forward(data);
    turns.request(owner, () => {
      countSent(data);
      forward(data);
    });
  });
  ws.on('close', () => {
    turns?.forget(owner);
    tcp.end();
  });
  ws.on('error', () => tcp.destroy());
}
