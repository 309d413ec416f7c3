// /today, /week and /upcoming against the real clock: events are placed just
// inside and just outside each boundary, computed from Date.now() in the
// person's zone. A run that straddles a local midnight is repeated.
import { describe, expect, it } from 'vitest';
import { call, signUp } from '../../test-helpers.ts';
import { addDays, isoWeekOf, localDate, startOfLocalDay } from '../../lib/local-time.ts';
import { addEvent, createShow, track } from './timeline.fixtures.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

/** Runs `check` with the current instant again if the local day changed while it ran. */
async function onOneLocalDay(zone: string, check: (now: number) => Promise<void>) {
  for (let attempt = 1; ; attempt++) {
    const now = Date.now();
    try {
      await check(now);
      return;
    } catch (error) {
      if (attempt >= 3 || localDate(Date.now(), zone) === localDate(now, zone)) throw error;
    }
  }
}

/** A fresh person in `zone` tracking a fresh show with the given events; returns a reader of one shortcut. */
async function personWith(zone: string, events: Record<string, { at?: number; day?: string }>) {
  const person = await signUp({ timezone: zone });
  const show = await createShow('Shortcut');
  await track(person.id, show.id);
  const names = new Map<string, string>();
  let episode = 0;
  for (const [name, { at, day }] of Object.entries(events)) {
    names.set(await addEvent(show.id, at === undefined ? { day, episode: ++episode } : { at: iso(at), episode: ++episode }), name);
  }
  return async (path: string) => {
    const response = await call('GET', `/api/v1/timeline/${path}`, { token: person.accessToken });
    expect(response.status).toBe(200);
    const seen = response.body.events.map((event: { id: string }) => names.get(event.id));
    return { ...response.body, seen };
  };
}

describe.each(['Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/London'])('in %s', (zone) => {
  it("/today is the person's local day", async () => {
    await onOneLocalDay(zone, async (now) => {
      const today = localDate(now, zone);
      const start = startOfLocalDay(today, zone).getTime();
      const end = startOfLocalDay(addDays(today, 1), zone).getTime();
      const read = await personWith(zone, {
        'yesterday, last minute': { at: start - MINUTE },
        'first minute': { at: start },
        'last minute': { at: end - MINUTE },
        'tomorrow, first minute': { at: end },
        'all day today': { day: today },
        'all day tomorrow': { day: addDays(today, 1) },
      });
      const body = await read('today');
      expect(body).toMatchObject({ timezone: zone, from: today, to: today });
      expect(body.seen).toEqual(['all day today', 'first minute', 'last minute']);
    });
  });

  it('/week is Monday to Sunday around the local today', async () => {
    await onOneLocalDay(zone, async (now) => {
      const week = isoWeekOf(localDate(now, zone));
      const start = startOfLocalDay(week.from, zone).getTime();
      const end = startOfLocalDay(addDays(week.to, 1), zone).getTime();
      const read = await personWith(zone, {
        'Sunday before': { at: start - MINUTE },
        'Monday 00:00': { at: start },
        'Sunday 23:59': { at: end - MINUTE },
        'next Monday': { at: end },
        'all day Sunday': { day: week.to },
        'all day next Monday': { day: addDays(week.to, 1) },
      });
      const body = await read('week');
      expect(body).toMatchObject({ from: week.from, to: week.to });
      expect(body.seen).toEqual(['Monday 00:00', 'all day Sunday', 'Sunday 23:59']);
    });
  });

  it('/upcoming runs from now for 30 days', async () => {
    await onOneLocalDay(zone, async (now) => {
      const today = localDate(now, zone);
      const last = localDate(now + 30 * DAY, zone);
      const read = await personWith(zone, {
        'a minute ago': { at: now - MINUTE },
        'in a minute': { at: now + MINUTE },
        'all day today': { day: today },
        'all day yesterday': { day: addDays(today, -1) },
        'in 30 days less 5 minutes': { at: now + 30 * DAY - 5 * MINUTE },
        'in 30 days and 5 minutes': { at: now + 30 * DAY + 5 * MINUTE },
        'all day on the last day': { day: last },
        'all day after it': { day: addDays(last, 1) },
      });
      const body = await read('upcoming');
      expect(body).toMatchObject({ from: today, to: last });
      expect(body.seen).toEqual(expect.arrayContaining(['in a minute', 'all day today', 'in 30 days less 5 minutes', 'all day on the last day']));
      expect(body.seen).toHaveLength(4);
    });
  });
});
