// The local push service: one node:http listener on 127.0.0.1 with the push
// endpoint (`POST /push/:id`) and the control API (`/__control`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from '../lib/loopback-server.ts';
import { control } from './control.ts';
import { createState } from './model.ts';
import { MAX_BODY_BYTES, type Reply, receivePush } from './push.ts';

export interface PushReceiver {
  /** Origin of the receiver (`http://127.0.0.1:<port>`): VAPID `aud` must be exactly this. */
  url: string;
  stop(): Promise<void>;
}

// Bodies past this are not buffered: enough to see (and 413) an oversize message.
const READ_LIMIT = 16 * MAX_BODY_BYTES;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    if (length < READ_LIMIT) chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers }).end(JSON.stringify(reply.body));
}

export async function startPushReceiver(options: { port?: number } = {}): Promise<PushReceiver> {
  const state = createState();
  let url = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (target.pathname === '/__control' || target.pathname.startsWith('/__control/')) {
      let parsed: unknown;
      try {
        parsed = body.length ? JSON.parse(body.toString('utf8')) : undefined;
      } catch {
        return send(res, { status: 400, body: { error: 'the body is not JSON' } });
      }
      return send(res, control(state, url, method, target.pathname, target.searchParams, parsed));
    }
    const push = /^\/push\/([^/]+)$/.exec(target.pathname);
    if (push && method === 'POST') return send(res, receivePush(state, url, push[1]!, req.headers, body));
    if (push) return send(res, { status: 405, headers: { allow: 'POST' }, body: { error: 'push endpoints take POST' } });
    send(res, { status: 404, body: { error: 'unknown path: push endpoints are /push/:id, the control API is /__control' } });
  }

  const server = await listenOnLoopback(
    handle,
    (res, error) => send(res, { status: 500, body: { error: `push receiver bug: ${error.message}` } }),
    options.port,
  );
  url = server.url;
  return { url, stop: server.close };
}
