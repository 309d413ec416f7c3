// The local mail stand-in: speaks Resend's `POST /emails` (Bearer key, JSON
// `{ from, to, subject, text, html }`), keeps every message in memory, and
// lists them: `GET /__mail` as JSON (newest first; `?to=` filters by
// recipient), `GET /` as a small HTML page, `DELETE /__mail` forgets them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback } from '../lib/loopback-server.ts';

/** The key the worker is given locally; any other is refused as the real service would. */
export const STAND_IN_MAIL_KEY = 'local-mail-stand-in';
/** The sender the local runtime uses. */
export const STAND_IN_MAIL_FROM = 'ShowTracker <no-reply@showtracker.localhost>';

export interface StoredMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  received_at: string;
}

export interface MailStandIn {
  /** `http://127.0.0.1:<port>`: the worker's MAIL_API_BASE; `${url}/__mail` lists what arrived. */
  url: string;
  messages(): StoredMail[];
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY_BYTES) throw Object.assign(new Error('body too large'), { status: 413 });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('the body is not JSON'), { status: 400 });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function page(messages: StoredMail[]): string {
  const items = messages.map(
    (mail) => `<article><h2>${escapeHtml(mail.subject)}</h2>
<p class="meta">To ${escapeHtml(mail.to.join(', '))} · from ${escapeHtml(mail.from)} · ${escapeHtml(mail.received_at)}</p>
<div class="body">${mail.html}</div></article>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Mail stand-in (${messages.length})</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ccc;border-radius:8px;padding:0 1rem;margin:1rem 0}.meta{color:#555;font-size:.9em}</style>
</head><body><h1>Mail stand-in</h1><p>Every message the local ShowTracker sent, newest first. JSON: <a href="/__mail">/__mail</a>.</p>
${items.join('\n') || '<p>No mail yet.</p>'}</body></html>`;
}

function accept(body: unknown): Omit<StoredMail, 'id' | 'received_at'> | string {
  const mail = body as Partial<Record<'from' | 'subject' | 'text' | 'html', unknown>> & { to?: unknown };
  const to = typeof mail?.to === 'string' ? [mail.to] : mail?.to;
  if (typeof mail?.from !== 'string' || !mail.from) return '`from` is required';
  if (!Array.isArray(to) || to.length === 0 || !to.every((address) => typeof address === 'string')) return '`to` is required';
  if (typeof mail.subject !== 'string' || !mail.subject) return '`subject` is required';
  if (typeof mail.text !== 'string' && typeof mail.html !== 'string') return '`text` or `html` is required';
  return { from: mail.from, to: to as string[], subject: mail.subject, text: String(mail.text ?? ''), html: String(mail.html ?? '') };
}

export async function startMailStandIn(options: { port?: number } = {}): Promise<MailStandIn> {
  const messages: StoredMail[] = [];
  let nextId = 1;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${target.pathname}`;
    if (route === 'POST /emails') {
      if (req.headers.authorization !== `Bearer ${STAND_IN_MAIL_KEY}`) {
        return json(res, 401, { statusCode: 401, name: 'validation_error', message: 'API key is invalid' });
      }
      const accepted = accept(await readJson(req));
      if (typeof accepted === 'string') return json(res, 422, { statusCode: 422, name: 'validation_error', message: accepted });
      const mail: StoredMail = { id: `mail-${nextId++}`, ...accepted, received_at: new Date().toISOString() };
      messages.unshift(mail);
      return json(res, 200, { id: mail.id });
    }
    if (route === 'GET /__mail') {
      const to = target.searchParams.get('to')?.toLowerCase();
      return json(res, 200, { messages: to ? messages.filter((mail) => mail.to.some((address) => address.toLowerCase() === to)) : messages });
    }
    if (route === 'DELETE /__mail') {
      messages.length = 0;
      res.writeHead(204).end();
      return;
    }
    if (route === 'GET /') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(messages));
      return;
    }
    json(res, 404, { error: `no route ${route}: send with POST /emails, read GET /__mail (JSON) or GET / (HTML)` });
  }

  const server = await listenOnLoopback(
    handle,
    (res, error) => json(res, (error as Error & { status?: number }).status ?? 500, { error: error.message }),
    options.port ?? 0,
  );
  return { url: server.url, messages: () => [...messages], stop: () => server.close() };
}
