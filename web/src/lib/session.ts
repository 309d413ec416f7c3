// Who is signed in. The access token stays in api.ts's memory; this keeps the
// profile (a hint in localStorage, so a reload, or opening the app offline,
// knows who was signed in before the refresh cookie has been exchanged).
import { createSignal } from 'solid-js';
import type { QueryClient } from '@tanstack/solid-query';
import { json, onSessionChange, publicApi, refreshSession, setSession, type User } from './api.ts';
import { API_CACHE } from './push-message.ts';
import { PERSIST_KEY } from './query-client.ts';

const USER_KEY = 'showtracker:user';

/** Signed in (a profile is stored here; the access token may still be on its way) or not. */
export type AuthStatus = 'signed-in' | 'signed-out';

function readHint(): User | null {
  try {
    return JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as User | null;
  } catch {
    return null;
  }
}

const hint = typeof localStorage === 'undefined' ? null : readHint();
const [user, setUser] = createSignal<User | null>(hint);

export { user };
export const status = (): AuthStatus => (user() ? 'signed-in' : 'signed-out');

onSessionChange((session) => {
  if (session) {
    setUser(session.user);
    localStorage.setItem(USER_KEY, JSON.stringify(session.user));
  } else {
    setUser(null);
    localStorage.removeItem(USER_KEY);
  }
});

/**
 * Every tab of the app shares the refresh cookie and this stored profile, so
 * each follows the others: signed out in one (or the session ended there), a
 * tab drops its access token at once, and the layout clears what it had
 * cached, rather than showing private data until its token expires; signed in
 * in another, as anyone, a tab starts again as that person.
 */
function followOtherTabs(event: StorageEvent) {
  if (event.storageArea !== localStorage || (event.key !== USER_KEY && event.key !== null)) return;
  const next = readHint();
  const current = user();
  if (!next) {
    if (current) setSession(null);
  } else if (!current || current.id !== next.id) {
    location.reload();
  } else {
    setUser(next);
  }
}

if (typeof window !== 'undefined') window.addEventListener('storage', followOtherTabs);

/** Keep the stored profile in step after the person edits it. */
export function updateUser(next: User) {
  setUser(next);
  localStorage.setItem(USER_KEY, JSON.stringify(next));
}

/**
 * At start: exchange the refresh cookie for an access token. Offline, a
 * person who was signed in stays signed in and sees their cached data. A
 * visitor nobody signed in as on this device is not asked for a cookie they
 * cannot have (the refused refresh would only be an error in the console).
 */
export async function restoreSession(): Promise<void> {
  if (!user()) return;
  // Offline the refresh rejects and the person stays signed in; refused, it signs them out.
  await refreshSession().catch(() => undefined);
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The zone times are shown in: the person's, or this browser's for a visitor. */
export const userZone = () => user()?.timezone ?? browserTimeZone();

export async function signIn(email: string, password: string): Promise<void> {
  setSession(await json(publicApi.auth.login.$post({ json: { email, password } })));
}

export async function signUp(fields: { email: string; username: string; password: string }): Promise<void> {
  setSession(await json(publicApi.auth.register.$post({ json: { ...fields, timezone: browserTimeZone() } })));
}

/** Sign out here: revoke the session on the server, then end it on this device. */
export async function signOut(): Promise<void> {
  await publicApi.auth.logout.$post({ json: {} }).catch(() => undefined);
  setSession(null);
}

/**
 * Whenever the session ends (signed out here or in another tab, the account
 * deleted, the refresh refused), forget everything this device kept of the
 * person: the query cache, its saved copy, and the service worker's copies of
 * API answers, which are keyed by address alone and would otherwise be the
 * next person's offline fallback. Registered once, at start.
 */
export function forgetDataWhenSignedOut(client: QueryClient): () => void {
  return onSessionChange((session) => {
    if (session) return;
    client.clear();
    localStorage.removeItem(PERSIST_KEY);
    void globalThis.caches?.delete(API_CACHE);
  });
}
