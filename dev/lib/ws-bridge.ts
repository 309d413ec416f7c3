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
}): Promise<WsBridge> {
  const target = new URL(options.databaseUrl);
  const targetHost = target.hostname;
  const targetPort = Number(target.port || 5432);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0 });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (ws: WebSocket) => pipe(ws, targetHost, targetPort));
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

function pipe(ws: WebSocket, host: string, port: number): void {
  const tcp = createConnection({ host, port });
  const pending: Buffer[] = [];
  let connected = false;
  tcp.on('connect', () => {
    connected = true;
    for (const chunk of pending.splice(0)) tcp.write(chunk);
  });
  tcp.on('data', (chunk) => ws.send(chunk));
  tcp.on('close', () => ws.close());
  tcp.on('error', () => ws.terminate());
  ws.on('message', (data: Buffer) => {
    if (connected) tcp.write(data);
    else pending.push(data);
    // A Postgres server closes the connection after the client's Terminate
    // message; PGlite's socket server does not, and the driver's pool.end()
    // would wait for that close forever (a queue invocation that never ends
    // stalls every later batch). Close it the way a server would.
    if (isTerminate(data)) tcp.end(() => ws.close());
  });
  ws.on('close', () => tcp.end());
  ws.on('error', () => tcp.destroy());
}
