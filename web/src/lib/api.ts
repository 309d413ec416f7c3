// The one way the app talks to the API: JSON over fetch, same origin, through
// hono/client typed by the worker's own routes (AppType), so a wrong method,
// path or field is a type error. The access token lives only in this
// module's memory; the refresh token is an HttpOnly cookie scoped to
// /api/v1/auth that this code never sees. A 401 refreshes once (one refresh
// in flight for every caller) and retries.
import { hc, type InferResponseType, type PickResponseByStatusCode } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
// Types only: none of the worker's code reaches the PWA's bundle.
import type { AppType } from '../../../worker/app.ts';
import { noteApiOutcome } from './connectivity.ts';

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

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

let accessToken: string | null = null;
let refreshing: Promise<Session | null> | null = null;
const listeners = new Set<SessionListener>();

async function parseError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  const body = (await response.json().catch(() => null)) as Partial<ErrorEnvelope> | null;
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

async function send(input: RequestInfo | URL, init: RequestInit | undefined, token: string | null): Promise<Response> {
  const headers = new Headers(init?.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    noteApiOutcome(null);
    throw offlineError(error);
  }
  noteApiOutcome(response);
  return response;
}

/**
 * Every answer but a 2xx becomes an ApiError here, so callers (and their
 * types) only ever see the success shapes. Its body is always read: Chrome
 * counts a response whose body is never read as still loading (Lighthouse
 * waited out its 45 s limit on every signed-out page's refused refresh).
 */
async function accepted(response: Response): Promise<Response> {
  if (!response.ok) throw await parseError(response);
  return response;
}

/** Sign in, sign up and the public catalog: no access token, and never a refresh. */
const anonymousFetch: Fetch = async (input, init) => accepted(await send(input, init, null));

const signedInFetch: Fetch = async (input, init) => {
  if (accessToken === null && !(await refreshSession())) {
    throw new ApiError(401, 'unauthorized', 'Your session has ended. Sign in again.');
  }
  let response = await send(input, init, accessToken);
  if (response.status === 401) {
    const session = await refreshSession();
    // hono/client's bodies are strings, so the same init can be sent again.
    if (session) response = await send(input, init, session.access_token);
  }
  return accepted(response);
};

/** The routes as the client sees them: errors never resolve (they reject as ApiError), so only success answers are typed. */
type Routes = PickResponseByStatusCode<AppType, SuccessStatusCode>;

/** The API as the signed-in person: `api.notifications[':id'].read.$patch({ param: { id } })`. */
export const api = hc<Routes>('/', { fetch: signedInFetch }).api.v1;

/** The same routes without a session (sign in, sign up, the catalog). */
export const publicApi = hc<Routes>('/', { fetch: anonymousFetch }).api.v1;

/** The JSON of a call's answer, typed by the route. */
export async function json<T>(call: Promise<{ json(): Promise<T> }>): Promise<T> {
  return (await call).json();
}

/** Per-call options: a query's abort signal. */
export const withSignal = (signal?: AbortSignal) => ({ init: { signal } });

export type Session = InferResponseType<typeof publicApi.auth.login.$post>;
export type User = Session['user'];
/** The one error shape every route answers with. */
type ErrorEnvelope = InferResponseType<ReturnType<typeof hc<AppType>>['api']['v1']['auth']['login']['$post'], 401>;

type SessionListener = (session: Session | null) => void;

export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keep a new session (sign in, sign up, refresh) or forget it (null). */
export function setSession(session: Session | null) {
  accessToken = session?.access_token ?? null;
  for (const listener of listeners) listener(session);
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
      const session = await json(publicApi.auth.refresh.$post({ json: {} }));
      setSession(session);
      return session;
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 400)) throw error;
      setSession(null);
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}
