// The stand-in for TMDB's image CDN: SVG posters and stills for the paths the
// TMDB stand-in hands out, outside the request log and fault injection.
import { describe, expect, it } from 'vitest';
import { standInProviderVars } from './index.ts';
import { get, post, tmdbGet, useStandIns } from './test-helpers.ts';

const standIns = useStandIns();

const image = (path: string, init?: RequestInit) => fetch(`${standIns.it.bases.tmdbImages}${path}`, init);

describe('TMDB images', () => {
  it('draws a known poster as a 2:3 SVG with the title, XML-escaped and wrapped', async () => {
    const { body: show } = await tmdbGet(standIns.it, '/tv/209867');
    const response = await image(`/w342${show.poster_path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    const svg = await response.text();
    expect(svg).toContain('width="342" height="513"');
    expect(svg).toContain('<title>Frieren: Beyond Journey&apos;s End</title>');
    expect(svg).toMatch(/>Frieren:<\/tspan><tspan [^>]+>Beyond<\/tspan><tspan [^>]+>Journey&apos;s End<\/tspan>/);
  });

  it('draws an episode still 16:9 with the show and the episode', async () => {
    const { body: season } = await tmdbGet(standIns.it, '/tv/1396/season/1');
    const svg = await (await image(`/w780${season.episodes[0].still_path}`)).text();
    expect(svg).toContain('width="780" height="439"');
    expect(svg).toContain('<title>Breaking Bad, S1E1 · Pilot</title>');
  });

  it('draws an unknown file as a coloured film glyph without text', async () => {
    const response = await image('/original/unknown.jpg');
    expect(response.status).toBe(200);
    const svg = await response.text();
    expect(svg).toContain('width="2000" height="3000"');
    expect(svg).not.toContain('<text');
    expect(svg).toContain('<path');
  });

  it('answers 404 for a size TMDB does not have', async () => {
    const { body: show } = await tmdbGet(standIns.it, '/tv/1396');
    expect((await image(`/w999${show.poster_path}`)).status).toBe(404);
    expect((await image(`/toString${show.poster_path}`)).status).toBe(404);
    expect((await image(show.poster_path)).status).toBe(404);
  });

  it('is neither logged nor faulted as a TMDB API call', async () => {
    await post(`${standIns.it.url}/__control/faults`, { provider: 'tmdb', kind: 'status', status: 503 });
    expect((await image('/w500/anything.jpg')).status).toBe(200);
    expect((await get(`${standIns.it.url}/__control/requests`)).body).toEqual({ requests: [] });
  });

  it('is where the worker variables point TMDB_IMAGE_BASE', () => {
    expect(standInProviderVars(standIns.it.bases).TMDB_IMAGE_BASE).toBe(`${standIns.it.url}/tmdb-images`);
  });
});
