// The one way the app talks to the API: JSON over fetch, same origin, through
// hono/client typed by the worker's own routes (AppType), so a wrong method,
// path or field is a type error. The access token lives only in this
// module's memory; the refresh token is an HttpOnly cookie scoped to
// /api/v1/auth that this code never sees. A 401 refreshes once (one refresh
// in flight for every caller) and retries.
//
// Read-your-writes through the edge cache: every signed-in answer carries
// `X-ShowTracker-State: <n>`, the person's state version (Postgres bumps it
// with each change to their data; a write's answer includes that write). This
// module keeps the highest version seen for the signed-in person and sends it
// back on every signed-in request, and the worker never answers from a cached
// read older than that. It is a number, not a secret: kept in localStorage
// (STATE_KEY, with the person's id) so a reload, or another tab of the same
// person, still sees this tab's writes; forgotten when the session ends or
// another person signs in. The service worker's own write (Mark watched from
// a notification) reaches it as a `{ type: 'state', version }` message.
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

/** The header both ways: the answer's state version, and the highest this device has seen on requests. */
export const STATE_HEADER = 'X-ShowTracker-State';
/** localStorage: `{ "user": id, "version": "n" }`. */
export const STATE_KEY = 'showtracker.state';
const STATE_PATTERN = /^\d{1,15}$/;

type StateVersion = { user: string; version: number };

function readState(): StateVersion | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STATE_KEY) ?? 'null') as { user?: unknown; version?: unknown } | null;
    if (typeof stored?.user !== 'string' || typeof stored.version !== 'string' || !STATE_PATTERN.test(stored.version)) return null;
    return { user: stored.user, version: Number(stored.version) };
  } catch {
    return null;
  }
}

function writeState(next: StateVersion | null) {
  try {
    if (next) localStorage.setItem(STATE_KEY, JSON.stringify({ user: next.user, version: String(next.version) }));
    else localStorage.removeItem(STATE_KEY);
  } catch {
    // No storage (private mode, quota): the version lasts as long as the page.
  }
}

/** The signed-in person's highest state version seen (0: none yet), restored from the last visit. */
let state: StateVersion | null = readState();

/** Keep `value` (a header's, or the service worker's) if it is a version higher than the one kept for `user`. */
function noteState(user: string | null, value: string | null | undefined) {
  // Another person's version (an answer that arrives after a switch) is never kept.
  if (!state || state.user !== user || typeof value !== 'string' || !STATE_PATTERN.test(value)) return;
  const version = Number(value);
  if (version <= state.version) return;
  state = { user: state.user, version };
  writeState(state);
}

// The service worker's own writes (Mark watched from a notification) tell open pages the version they reached.
globalThis.navigator?.serviceWorker?.addEventListener('message', (event: MessageEvent<{ type?: string; version?: unknown } | null>) => {
  if (event.data?.type === 'state' && accessToken !== null && state) noteState(state.user, String(event.data.version));
});

// Another tab of the same person saw a newer version (its own write): this tab asks for it too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STATE_KEY) return;
    const other = readState();
    if (other && state?.user === other.user && other.version > state.version) state = other;
  });
}

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
  // Whose version this request sends and its answer reports: the person signed in when it left.
  const person = token ? (state?.user ?? null) : null;
  if (token) {
    headers.set('Authorization', `Bearer ${token}`);
    if (state?.version) headers.set(STATE_HEADER, String(state.version));
  }
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    noteApiOutcome(null);
    throw offlineError(error);
  }
  noteApiOutcome(response);
  noteState(person, response.headers.get(STATE_HEADER));
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
  // A refresh keeps the person's version; signed out, or someone else, it starts again.
  const person = session?.user.id ?? null;
  if (state?.user !== person) {
    state = person === null ? null : { user: person, version: 0 };
    writeState(state);
  }
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
