import { createExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { call, expectErrorEnvelope, TEST_ENV } from './test-helpers.ts';

describe('the error envelope', () => {
  it('answers an unknown route with 404 and the request id', async () => {
    const response = await call('GET', '/api/v1/nothing-here');
    expectErrorEnvelope(response, 404, 'not_found');
    expect(response.body.error.requestId).toBe(response.headers.get('X-Request-Id'));
  });

  it('answers a known path with the wrong method with 404, not 500', async () => {
    expectErrorEnvelope(await call('PUT', '/api/v1/auth/login', { json: {} }), 404, 'not_found');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await call('POST', '/api/v1/auth/login', {
      body: '{"email": "a@example.com", "password": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expectErrorEnvelope(response, 400, 'malformed_json');
  });

  it('answers a JSON array or scalar where an object belongs with 400', async () => {
    expectErrorEnvelope(await call('POST', '/api/v1/auth/login', { json: [1, 2] }), 400, 'validation_failed');
    expectErrorEnvelope(await call('POST', '/api/v1/auth/login', { json: 'text' }), 400, 'validation_failed');
    expectErrorEnvelope(await call('POST', '/api/v1/auth/login', { json: null }), 400, 'validation_failed');
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await call('POST', '/api/v1/auth/login', {
      body: 'email=a@example.com&password=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expectErrorEnvelope(response, 415, 'unsupported_media_type');
  });

  it('answers JSON sent as text/plain with 415, saying what to send', async () => {
    const response = await call('POST', '/api/v1/auth/login', { body: '{"email":"a@example.com","password":"x"}' });
    expectErrorEnvelope(response, 415, 'unsupported_media_type');
    expect(response.body.error.message).toContain('application/json');
  });

  it('answers a body-less POST that needs one with 400 naming the missing fields', async () => {
    const response = await call('POST', '/api/v1/auth/login');
    expectErrorEnvelope(response, 400, 'validation_failed');
    expect(Object.keys(response.body.error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers an oversized body with 413', async () => {
    const response = await call('POST', '/api/v1/auth/register', {
      json: { email: 'a@example.com', username: 'big', password: 'x'.repeat(70_000) },
    });
    expectErrorEnvelope(response, 413, 'payload_too_large');
  });

  it('never leaks a stack trace or SQL', async () => {
    const response = await call('POST', '/api/v1/auth/login', { body: '{', headers: { 'Content-Type': 'application/json' } });
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts|SELECT|INSERT/);
  });

  it('marks API responses as not cacheable', async () => {
    expect((await call('GET', '/api/v1/me')).headers.get('Cache-Control')).toBe('no-store');
  });
});

describe('the OpenAPI document', () => {
  it('describes every route from the schemas that validate them', async () => {
    const response = await call('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/internal/health',
        '/api/internal/push/test',
        '/api/internal/sync/trigger',
        '/api/internal/sync/status',
        '/api/v1/notifications',
        '/api/v1/notifications/{id}/read',
        '/api/v1/notifications/{id}/watched',
        '/api/v1/notifications/read-all',
        '/api/v1/notifications/unread-count',
        '/api/v1/push/vapid-public-key',
        '/api/v1/tracking',
        '/api/v1/tracking/favorites',
        '/api/v1/tracking/{show_id}',
        '/api/v1/tracking/{show_id}/favorite',
        '/api/v1/watchlist',
        '/api/v1/watchlist/{show_id}',
        '/api/v1/history',
        '/api/v1/history/episodes/{episode_id}',
        '/api/v1/history/shows/{show_id}',
        '/api/v1/history/shows/{show_id}/seasons/{season_number}',
        '/api/v1/history/shows/{show_id}/up-to',
        '/api/v1/history/movies/{show_id}',
        '/api/v1/history/watches/{watch_id}',
        '/api/v1/up-next',
        '/api/v1/up-next/{show_id}/watched',
        '/api/v1/catch-up/{show_id}',
        '/api/v1/stats',
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/auth/refresh',
        '/api/v1/auth/register',
        '/api/v1/auth/password-reset',
        '/api/v1/auth/password-reset/confirm',
        '/api/v1/me',
        '/api/v1/me/password',
        '/api/v1/me/email',
        '/api/v1/me/sessions',
        '/api/v1/me/sessions/{id}',
        '/api/v1/me/devices',
        '/api/v1/me/devices/{id}',
        '/api/v1/shows/search',
        '/api/v1/shows/trending',
        '/api/v1/shows/popular',
        '/api/v1/shows/{id}',
        '/api/v1/shows/{id}/seasons/{num}',
        '/api/v1/shows/{id}/episodes',
        '/api/v1/timeline',
        '/api/v1/timeline/today',
        '/api/v1/timeline/week',
        '/api/v1/timeline/upcoming',
        '/api/v1/calendar/feed-url',
        '/api/v1/calendar/feed-url/rotate',
        '/api/v1/export',
        '/api/v1/imports',
        '/api/v1/imports/{import_id}',
        '/api/v1/imports/{import_id}/titles',
        '/api/v1/imports/{import_id}/choices',
        '/api/v1/imports/{import_id}/commit',
        '/api/v1/imports/{import_id}/undo',
        '/cal/{feed}',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/api/v1/me'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    const register = doc.components.schemas.Register;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'username', 'password']));
    expect(register.properties.username.pattern).toBe('^[A-Za-z0-9_]{3,30}$');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/me'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'requestId']);
  });
});

describe('internal routes', () => {
  const token = 'test-internal-token-0123456789';

  it('report the database and KV to the service token', async () => {
    const response = await call('GET', '/api/internal/health', { token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      checks: { database: { ok: true, latency_ms: expect.any(Number) }, kv: { ok: true } },
    });
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'test-internal-token-0123456780'],
    ['a prefix of the token', 'test-internal'],
    ['a user access token shape', 'eyJhbGciOiJIUzI1NiJ9.e30.sig'],
  ])('refuse %s with 401', async (_name, presented) => {
    expectErrorEnvelope(await call('GET', '/api/internal/health', { token: presented }), 401, 'unauthorized');
  });

  it('guard every path under /api/internal, even unknown ones', async () => {
    expectErrorEnvelope(await call('POST', '/api/internal/sync/trigger'), 401, 'unauthorized');
  });
});

describe('when the database is unreachable', () => {
  const unreachable = { ...TEST_ENV, DATABASE_WS_PROXY: '127.0.0.1:1' };
  const send = (path: string, init: RequestInit = {}) =>
    createApp().fetch(new Request(`http://localhost${path}`, init), unreachable, createExecutionContext());

  it('answers 503 with Retry-After, not 500', async () => {
    const response = await send('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', password: 'whatever' }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(await response.json()).toMatchObject({ error: { code: 'service_unavailable' } });
  });

  it('is reported by the health check as degraded', async () => {
    const response = await send('/api/internal/health', { headers: { Authorization: 'Bearer test-internal-token-0123456789' } });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', checks: { database: { ok: false }, kv: { ok: true } } });
  });
});

describe('when a required secret is missing or a variable is malformed', () => {
  const send = (env: Record<string, unknown>) =>
    createApp().fetch(
      new Request('http://localhost/api/v1/me/devices'),
      { ...TEST_ENV, ...env } as unknown as typeof TEST_ENV,
      createExecutionContext(),
    );

  it.each([
    ['no JWT_SECRET', { JWT_SECRET: undefined }],
    ['a short INTERNAL_API_TOKEN', { INTERNAL_API_TOKEN: 'short' }],
    ['a TMDB_RATE_LIMIT that is not a number', { TMDB_RATE_LIMIT: 'forty' }],
  ])('answers 503 service_unavailable with %s', async (_name, env) => {
    const response = await send(env);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'service_unavailable', message: expect.stringContaining('not configured') } });
  });

  it('still serves without the optional provider keys', async () => {
    const response = await send({ TMDB_API_TOKEN: '', TVDB_API_KEY: undefined, OMDB_API_KEY: '' });
    expect(response.status).toBe(401);
  });
});
