// Who can read a feed: the feed URL routes, rotation, and the 404 for every
// token that is not a person's current one.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/cache.ts';
import { addDays, localDate } from '../../lib/local-time.ts';
import { call, expectErrorEnvelope, query, signUp } from '../../test-helpers.ts';
import { addEvent, createShow, track } from '../timeline/timeline.fixtures.ts';
import { feedPath, feedUrl, fetchFeed, readFeed, uidOf } from './calendar.fixtures.ts';

const TOKEN_URL = /^http:\/\/localhost\/cal\/([A-Za-z0-9_-]{43})\.ics$/;
const tokenOf = (url: string) => TOKEN_URL.exec(url)![1]!;

describe('GET /api/v1/calendar/feed-url', () => {
  it('returns the same absolute URL every time, as https, webcal and a Google Calendar link', async () => {
    const ada = await signUp();
    const first = await feedUrl(ada);
    expect(first.url).toMatch(TOKEN_URL);
    const webcal = first.url.replace(/^http:/, 'webcal:');
    expect(first).toEqual({
      url: first.url,
      webcal_url: webcal,
      google_url: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
      created_at: expect.any(String),
      rotated_at: null,
    });
    expect(await feedUrl(ada)).toEqual(first);
    expect((await feedUrl(await signUp())).url).not.toBe(first.url);
  });

  it('creates one feed when several first requests race, and shows every one of them its URL', async () => {
    const ada = await signUp();
    const answers = await Promise.all(Array.from({ length: 6 }, () => feedUrl(ada)));
    expect(new Set(answers.map((answer) => answer.url)).size).toBe(1);
    expect(answers.every((answer) => answer.created_at === answers[0]!.created_at && answer.rotated_at === null)).toBe(true);
    expect(await query('SELECT 1 FROM calendar_feeds WHERE user_id = $1', [ada.id])).toHaveLength(1);
    expect((await fetchFeed(answers[0]!.url)).status).toBe(200);
  });

  it('stores only the SHA-256 of the token', async () => {
    const ada = await signUp();
    const token = tokenOf((await feedUrl(ada)).url);
    const rows = await query<Record<string, unknown>>('SELECT * FROM calendar_feeds WHERE user_id = $1', [ada.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(await sha256Hex(token));
    expect(JSON.stringify(rows[0])).not.toContain(token);
  });

  it('shows a working URL again after JWT_SECRET changed (the stored hash no longer matches)', async () => {
    const ada = await signUp();
    const url = (await feedUrl(ada)).url;
    await query("UPDATE calendar_feeds SET token_hash = 'from-another-secret' WHERE user_id = $1", [ada.id]);
    expectErrorEnvelope(await fetchFeed(url), 404, 'not_found');
    expect((await feedUrl(ada)).url).toBe(url);
    expect((await fetchFeed(url)).status).toBe(200);
  });

  it('answers 401 to a session whose account was deleted', async () => {
    const ada = await signUp();
    expect((await call('DELETE', '/api/v1/me', { token: ada.accessToken, json: { current_password: ada.password } })).status).toBe(204);
    expectErrorEnvelope(await call('GET', '/api/v1/calendar/feed-url', { token: ada.accessToken }), 401, 'unauthorized');
    expectErrorEnvelope(await call('POST', '/api/v1/calendar/feed-url/rotate', { token: ada.accessToken }), 401, 'unauthorized');
  });

  it('needs an access token', async () => {
    expectErrorEnvelope(await call('GET', '/api/v1/calendar/feed-url'), 401, 'unauthorized');
    expectErrorEnvelope(await call('POST', '/api/v1/calendar/feed-url/rotate'), 401, 'unauthorized');
  });
});

describe('POST /api/v1/calendar/feed-url/rotate', () => {
  it('replaces the URL: the old one is a 404 from then on, the new one serves the same calendar', async () => {
    const ada = await signUp();
    const show = await createShow('Rotated');
    await track(ada.id, show.id);
    const event = await addEvent(show.id, { at: `${addDays(localDate(Date.now(), 'UTC'), 2)}T20:00:00Z` });
    const old = await feedUrl(ada);
    expect((await fetchFeed(old.url)).status).toBe(200);

    const rotated = await call('POST', '/api/v1/calendar/feed-url/rotate', { token: ada.accessToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.url).toMatch(TOKEN_URL);
    expect(rotated.body.url).not.toBe(old.url);
    expect(rotated.body.rotated_at).toEqual(expect.any(String));
    expect(rotated.body.created_at).toBe(old.created_at);
    expect(await feedUrl(ada)).toEqual(rotated.body);

    expectErrorEnvelope(await fetchFeed(old.url), 404, 'not_found');
    expect((await readFeed(rotated.body.url)).events.map((item) => item.getFirstPropertyValue('uid'))).toEqual([uidOf(event)]);
  });

  it('issues a URL for a person who never asked for one', async () => {
    const ada = await signUp();
    const rotated = await call('POST', '/api/v1/calendar/feed-url/rotate', { token: ada.accessToken });
    expect(rotated.status).toBe(200);
    expect((await fetchFeed(rotated.body.url)).status).toBe(200);
  });
});

describe('feed tokens', () => {
  it.each([
    ['an unknown token', `/cal/${'A'.repeat(43)}.ics`],
    ['a token one character short', `/cal/${'A'.repeat(42)}.ics`],
    ['a token with characters outside base64url', `/cal/${'A'.repeat(42)}*.ics`],
    ['no .ics suffix', `/cal/${'A'.repeat(43)}`],
    ['another suffix', `/cal/${'A'.repeat(43)}.json`],
    ['nothing at all', '/cal/'],
  ])('answers %s with a 404 envelope', async (_name, path) => {
    const response = await call('GET', path);
    expectErrorEnvelope(response, 404, 'not_found');
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  });

  it("never gives anyone another person's events", async () => {
    const [ada, bob] = [await signUp(), await signUp()];
    const [adas, bobs] = [await createShow('Ada only'), await createShow('Bob only')];
    await track(ada.id, adas.id);
    await track(bob.id, bobs.id);
    const at = `${addDays(localDate(Date.now(), 'UTC'), 1)}T12:00:00Z`;
    const [adaEvent, bobEvent] = [await addEvent(adas.id, { at }), await addEvent(bobs.id, { at })];
    const uids = async (account: typeof ada) =>
      (await readFeed((await feedUrl(account)).url)).events.map((event) => event.getFirstPropertyValue('uid'));
    expect(await uids(ada)).toEqual([uidOf(adaEvent)]);
    expect(await uids(bob)).toEqual([uidOf(bobEvent)]);
    // Ada's token with Bob's signed-in session changes nothing: the token alone decides.
    const adaFeed = await call('GET', feedPath((await feedUrl(ada)).url), { token: bob.accessToken });
    expect(adaFeed.body).toContain(uidOf(adaEvent));
    expect(adaFeed.body).not.toContain(uidOf(bobEvent));
  });

  it('stop working when the account is deleted', async () => {
    const ada = await signUp();
    const url = (await feedUrl(ada)).url;
    expect((await call('DELETE', '/api/v1/me', { token: ada.accessToken, json: { current_password: ada.password } })).status).toBe(204);
    expect(await query('SELECT 1 FROM calendar_feeds WHERE user_id = $1', [ada.id])).toHaveLength(0);
    expectErrorEnvelope(await fetchFeed(url), 404, 'not_found');
  });
});

describe('the OpenAPI document', () => {
  it('describes the feed URL routes and the feed', async () => {
    const paths = (await call('GET', '/api/openapi.json')).body.paths;
    expect(paths['/api/v1/calendar/feed-url'].get.responses['200']).toBeDefined();
    expect(paths['/api/v1/calendar/feed-url/rotate'].post.responses['200']).toBeDefined();
    expect(paths['/cal/{feed}'].get.responses['200'].content).toHaveProperty('text/calendar');
  });
});
