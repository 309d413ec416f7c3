// The API client against the real worker: the error envelope, and a 401
// refreshing exactly once for every request waiting on it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, json, publicApi, refreshSession, setSession } from '../src/lib/api.ts';
import { status, user } from '../src/lib/session.ts';
import { freshAccount } from './helpers.tsx';

afterEach(() => vi.restoreAllMocks());

const refreshCalls = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.filter(([input]) => String(input).endsWith('/api/v1/auth/refresh')).length;

describe('api client', () => {
  it('turns the error envelope into an ApiError with the message and fields', async () => {
    const error = await publicApi.shows.search.$get({ query: { q: 'a' } }).catch((problem: unknown) => problem);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toMatch(/at least 2 characters/);
  });

  it('on a 401, refreshes once for all waiting requests and retries them', async () => {
    const account = await freshAccount();
    const me = await json(api.me.$get());
    expect(me.email).toBe(account.email);

    // An access token the server no longer accepts, as after its 15 minutes.
    setSession({ user: me, access_token: 'expired.token.value', token_type: 'Bearer', expires_in: 900 });
    const fetchSpy = vi.spyOn(window, 'fetch');
    const answers = await Promise.all([json(api.me.$get()), json(api.me.$get()), json(api.tracking.$get())]);
    expect(answers[0].id).toBe(me.id);
    expect(answers[1].id).toBe(me.id);
    expect(answers[2].results).toEqual([]);
    expect(refreshCalls(fetchSpy)).toBe(1);
    expect(status()).toBe('signed-in');
  });

  it('signs out when the refresh cookie is no longer valid', async () => {
    await freshAccount();
    await publicApi.auth.logout.$post({ json: {} });
    setSession({ user: user()!, access_token: 'expired.token.value', token_type: 'Bearer', expires_in: 900 });
    const error = await api.me.$get().catch((problem: unknown) => problem);
    expect((error as ApiError).status).toBe(401);
    expect(status()).toBe('signed-out');
    expect(user()).toBeNull();
    expect(await refreshSession()).toBeNull();
  });
});
