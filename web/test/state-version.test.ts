// Read-your-writes through the edge cache (issue 13): the client keeps the
// highest X-ShowTracker-State it has seen for the signed-in person and sends
// it back on every signed-in request. The network is faked at fetch level:
// the worker does not decide anything here, the client does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, json, publicApi, setSession, STATE_HEADER, STATE_KEY, type Session } from '../src/lib/api.ts';

const person = (id: string): Session =>
  ({ user: { id, email: `${id}@example.com`, username: id }, access_token: `token-${id}`, token_type: 'Bearer', expires_in: 900 }) as unknown as Session;

/** Answers every request with `{}` and the next of `versions` as its state header (undefined: no header). */
function fakeApi(versions: (string | undefined)[]) {
  const sent: (string | null)[] = [];
  const spy = vi.spyOn(window, 'fetch').mockImplementation(async (_input, init) => {
    sent.push(new Headers(init?.headers).get(STATE_HEADER));
    const version = versions.shift();
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json', ...(version === undefined ? {} : { [STATE_HEADER]: version }) } });
  });
  return { sent, spy };
}

const me = () => json(api.me.$get());

beforeEach(() => setSession(person('alice')));
afterEach(() => {
  vi.restoreAllMocks();
  setSession(null);
});

describe('state version', () => {
  it('sends nothing until an answer carried a version, then sends it back', async () => {
    const { sent } = fakeApi(['17', undefined]);
    await me();
    await me();
    expect(sent).toEqual([null, '17']);
  });

  it('keeps the highest: an older answer does not lower it', async () => {
    const { sent } = fakeApi(['20', '12', '25', undefined]);
    await me();
    await me();
    await me();
    await me();
    expect(sent).toEqual([null, '20', '20', '25']);
  });

  it('ignores what is not a version', async () => {
    const { sent } = fakeApi(['8', 'abc', '-3', '1e9', '0x9', '9.5', '1234567890123456', '', undefined]);
    for (let call = 0; call < 9; call += 1) await me();
    expect(sent).toEqual([null, '8', '8', '8', '8', '8', '8', '8', '8']);
  });

  it('is kept in localStorage and survives a reload of the module', async () => {
    fakeApi(['31']);
    await me();
    expect(JSON.parse(localStorage.getItem(STATE_KEY)!)).toEqual({ user: 'alice', version: '31' });

    // A new page: a fresh copy of the module, and the same person's session restored.
    const path = '../src/lib/api.ts?reloaded';
    const reloaded = (await import(/* @vite-ignore */ path)) as typeof import('../src/lib/api.ts');
    const { sent } = fakeApi([undefined]);
    reloaded.setSession(person('alice'));
    await json(reloaded.api.me.$get());
    expect(sent).toEqual(['31']);
    reloaded.setSession(null);
  });

  it('is forgotten on sign-out, and is not carried over to another person', async () => {
    fakeApi(['44']);
    await me();
    setSession(null);
    expect(localStorage.getItem(STATE_KEY)).toBeNull();

    setSession(person('bob'));
    const { sent } = fakeApi([undefined]);
    await me();
    expect(sent).toEqual([null]);

    // Switching straight from one person to another forgets it too.
    fakeApi(['50']);
    await me();
    setSession(person('carol'));
    const after = fakeApi([undefined]);
    await me();
    expect(after.sent).toEqual([null]);
  });

  it('keeps no version from an answer that arrives after the person changed', async () => {
    let answer!: (response: Response) => void;
    vi.spyOn(window, 'fetch').mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const late = me();
    await vi.waitFor(() => expect(answer).toBeDefined());
    setSession(person('bob'));
    answer(new Response('{}', { headers: { 'Content-Type': 'application/json', [STATE_HEADER]: '99' } }));
    await late;
    const { sent } = fakeApi([undefined]);
    await me();
    expect(sent).toEqual([null]);
  });

  it('is not sent on anonymous calls', async () => {
    const { sent, spy } = fakeApi(['60', undefined]);
    await me();
    await json(publicApi.shows.search.$get({ query: { q: 'anything' } }));
    expect(spy).toHaveBeenCalledTimes(2);
    expect(sent).toEqual([null, null]);
  });

  it('takes a newer version from the service worker or another tab', async () => {
    const { sent } = fakeApi(['5', undefined, undefined, undefined]);
    await me();
    navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'state', version: '70' } }));
    navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'state', version: 'nope' } }));
    await me();
    localStorage.setItem(STATE_KEY, JSON.stringify({ user: 'alice', version: '80' }));
    window.dispatchEvent(new StorageEvent('storage', { key: STATE_KEY, storageArea: localStorage }));
    await me();
    // Another person's version from another tab is not taken.
    localStorage.setItem(STATE_KEY, JSON.stringify({ user: 'bob', version: '90' }));
    window.dispatchEvent(new StorageEvent('storage', { key: STATE_KEY, storageArea: localStorage }));
    await me();
    expect(sent).toEqual([null, '70', '80', '80']);
  });
});
