// Helpers for the worker tests: calling the real fetch handler, making
// accounts, and reading the database directly to check what was stored.
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { openDb } from './db/client.ts';

export const TEST_ENV = env as unknown as import('./env.ts').Env;

export interface CallOptions {
  json?: unknown;
  body?: BodyInit;
  token?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A client address of its own per call, so per-address throttles only bite where a test wants them to. */
export const randomAddress = () =>
  `10.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;

export async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { 'CF-Connecting-IP': randomAddress(), ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await exports.default.fetch(new Request(`http://localhost${path}`, { method, headers, body }));
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export const unique = () => crypto.randomUUID().slice(0, 8);

export interface TestAccount {
  id: string;
  email: string;
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export async function signUp(overrides: Record<string, unknown> = {}): Promise<TestAccount> {
  const id = unique();
  const input = {
    email: `user-${id}@example.com`,
    username: `user_${id}`,
    password: `correct horse ${id}`,
    token_transport: 'body',
    ...overrides,
  };
  const response = await call('POST', '/api/v1/auth/register', { json: input });
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    id: response.body.user.id,
    email: String(input.email).toLowerCase(),
    username: String(input.username),
    password: String(input.password),
    accessToken: response.body.access_token,
    refreshToken: response.body.refresh_token,
  };
}

/** Runs one query against the test database, outside the worker. */
export async function query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const { db, close } = openDb(TEST_ENV);
  try {
    const client = db.$client;
    const result = await client.query(text, params);
    return result.rows as T[];
  } finally {
    await close();
  }
}

/** The person's state version (migration 0014), which Postgres bumps with every change to what they see. */
export async function stateVersion(userId: string): Promise<number> {
  const [row] = await query<{ version: string }>('SELECT state_version::text AS version FROM users WHERE id = $1', [userId]);
  return Number(row!.version);
}

export function expectErrorEnvelope(result: CallResult, status: number, code: string): void {
  expect(result.status).toBe(status);
  expect(result.body).toMatchObject({ error: { code, message: expect.any(String), requestId: expect.any(String) } });
  expect(result.body.error.message.length).toBeGreaterThan(0);
}

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('./index.ts');
    }
  }
}

/** The local decrypting push service (dev/push-receiver); tests only. */
export const PUSH_RECEIVER_URL = (env as unknown as { PUSH_RECEIVER_URL: string }).PUSH_RECEIVER_URL;

export async function pushReceiver<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${PUSH_RECEIVER_URL}/__control${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`push receiver ${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? null : await response.json()) as T;
}

/** The metadata stand-ins' control API (faults, request log, mutations); tests only. */
export const STAND_INS_URL = (env as unknown as { STAND_INS_URL: string }).STAND_INS_URL;

export async function standIns<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${STAND_INS_URL}/__control${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`stand-in control ${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? null : await response.json()) as T;
}

export interface LoggedRequest {
  provider: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** path?query, for matching a test's marker anywhere in the request. */
  target: string;
  time: number;
  status: number | null;
}

export async function providerRequests(provider: string, since: number, match?: (request: LoggedRequest) => boolean) {
  const { requests } = await standIns<{ requests: Omit<LoggedRequest, 'target'>[] }>(
    'GET',
    `/requests?provider=${provider}&since=${since}`,
  );
  const withTarget = requests.map((request) => ({
    ...request,
    target: `${request.path}?${new URLSearchParams(request.query).toString()}`,
  }));
  return match ? withTarget.filter(match) : withTarget;
}

/** The mail stand-in (dev/mail-stand-in) every e-mail of the worker tests lands in. */
export const MAIL_STAND_IN_URL = (env as unknown as { MAIL_STAND_IN_URL: string }).MAIL_STAND_IN_URL;

export interface SentMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** The mail sent to `address`, newest first. */
export async function mailTo(address: string): Promise<SentMail[]> {
  const response = await fetch(`${MAIL_STAND_IN_URL}/__mail?to=${encodeURIComponent(address)}`);
  return ((await response.json()) as { messages: SentMail[] }).messages;
}

/**
 * Waits for the `count`th message to `address`: mail goes out after the
 * answer (waitUntil), so it may land a moment later. Polls, up to 5 s.
 */
export async function waitForMail(address: string, count = 1): Promise<SentMail[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const messages = await mailTo(address);
    if (messages.length >= count) return messages;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no mail to ${address} within 5 s`);
}
