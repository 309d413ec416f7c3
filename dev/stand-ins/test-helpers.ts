// Shared setup for the stand-ins' own tests: one in-process server per test
// file with a fixed `today`, reset between tests.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { STAND_IN_TMDB_TOKEN, type StandIns, startStandIns } from './index.ts';

/** A Wednesday, four days before the US clocks change (2026-03-08). */
export const TODAY = '2026-03-04';

export function useStandIns(): { readonly it: StandIns } {
  const holder = {} as { it: StandIns };
  beforeAll(async () => {
    holder.it = await startStandIns({ today: new Date(`${TODAY}T00:00:00Z`) });
  });
  beforeEach(async () => {
    await fetch(`${holder.it.url}/__control/reset`, { method: 'POST' });
  });
  afterAll(() => holder.it.stop());
  return holder;
}

export async function get(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export const tmdbGet = (standIns: StandIns, path: string) =>
  get(`${standIns.bases.tmdb}${path}`, { headers: { authorization: `Bearer ${STAND_IN_TMDB_TOKEN}` } });

export const post = (url: string, body: unknown) =>
  get(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
