// The one way the app talks to the API: JSON over fetch, same origin.
// The access token lives only in this module's memory; the refresh token is
// an HttpOnly cookie scoped to /api/v1/auth that this code never sees. A 401
// refreshes once (one refresh in flight for every caller) and retries.

export const API_BASE = '/api/v1';

export interface ErrorEnvelope {
  error: { code: string; message: string; requestId?: string; fields?: Record<string, string> };
}

/** An answer the API gave, in its error envelope; `status` 0 means no answer (offline, DNS, timeout). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  get offline() {
    return this.status === 0;
  }
  /** The first message for a form field, if the API named one. */
  field(name: string): string | undefined {
    return this.fields[name];
  }
}

export interface Session {
  user: User;
  access_token: string;
  expires_in: number;
}

export interface User {
  id: string;
  email: string;
  username: string;
  timezone: string;
  created_at: string;
  updated_at: string;
}

type SessionListener = (session: Session | null) => void;

let accessToken: string | null = null;
let refreshing: Promise<Session | null> | null = null;
const listeners = new Set<SessionListener>();

export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keep a new session (sign in, sign up, refresh) or forget it (null). */
export function setSession(session: Session | null) {
  accessToken = session?.access_token ?? null;
  for (const listener of listeners) listener(session);
}


async function parseError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const body = (await response.json().catch(() => null)) as ErrorEnvelope | null;
  const error = body?.error;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    error?.fields ?? {},
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

const offlineError = (cause: unknown) =>
  Object.assign(new ApiError(0, 'offline', "Can't reach ShowTracker. Check your connection."), { cause });

async function send(path: string, init: RequestInit, token: string | null): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  try {
    return await fetch(`${API_BASE}${path}`, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    throw offlineError(error);
  }
}

/**
 * Trade the refresh cookie for a new access token. One refresh at a time:
 * the token rotates on use, and every caller waiting on it shares its answer.
 * (The server forgives the same token again within 30 s, for two tabs or a
 * reload that cut a refresh off; this tab need not lean on that.)
 * Resolves null when there is no session (signed out, expired, revoked);
 * rejects with an offline ApiError when the server can't be reached.
 */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      const response = await send('/auth/refresh', { method: 'POST', body: '{}' }, null);
      if (response.status === 401 || response.status === 400) {
        // Chrome counts a response whose body is never read as still loading:
        // Lighthouse waited out its 45 s limit on every signed-out page.
        await response.text();
        setSession(null);
        return null;
      }
      if (!response.ok) throw await parseError(response);
      const session = (await response.json()) as Session;
      setSession(session);
      return session;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Send no access token and never refresh (sign in, sign up). */
  anonymous?: boolean;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Call the API; resolves with the JSON body (undefined for 204) or rejects with an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = withQuery(path, options.query);
  const init: RequestInit = {
    method: options.method ?? 'GET',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  };
  if (!options.anonymous && accessToken === null && !(await refreshSession())) {
    throw new ApiError(401, 'unauthorized', 'Your session has ended. Sign in again.');
  }
  let response = await send(url, init, options.anonymous ? null : accessToken);
  if (response.status === 401 && !options.anonymous) {
    const session = await refreshSession();
    if (session) response = await send(url, init, session.access_token);
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
