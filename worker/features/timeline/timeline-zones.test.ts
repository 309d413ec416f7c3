// The same events seen from four zones across their 2026 DST changes: each
// lands on the local day its instant falls in, and an all-day event on its
// own day everywhere.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, signUp } from '../../test-helpers.ts';
import { addEvent, createShow, track } from './timeline.fixtures.ts';

const ZONES = ['Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/London'] as const;
type Zone = (typeof ZONES)[number];

// UTC instant -> local "date Ttime" in Auckland, Los Angeles, Kolkata, London.
const INSTANTS: [string, [string, string, string, string]][] = [
  ['2026-04-05T13:30:00Z', ['2026-04-06T01:30', '2026-04-05T06:30', '2026-04-05T19:00', '2026-04-05T14:30']],
  // Auckland: 2026-04-05 lasts 25 hours, from 04-04T11:00Z (NZDT) to 04-05T12:00Z (NZST).
  ['2026-04-04T10:59:00Z', ['2026-04-04T23:59', '2026-04-04T03:59', '2026-04-04T16:29', '2026-04-04T11:59']],
  ['2026-04-04T11:00:00Z', ['2026-04-05T00:00', '2026-04-04T04:00', '2026-04-04T16:30', '2026-04-04T12:00']],
  ['2026-04-04T13:59:00Z', ['2026-04-05T02:59', '2026-04-04T06:59', '2026-04-04T19:29', '2026-04-04T14:59']],
  ['2026-04-04T14:00:00Z', ['2026-04-05T02:00', '2026-04-04T07:00', '2026-04-04T19:30', '2026-04-04T15:00']],
  ['2026-04-05T11:59:00Z', ['2026-04-05T23:59', '2026-04-05T04:59', '2026-04-05T17:29', '2026-04-05T12:59']],
  ['2026-04-05T12:00:00Z', ['2026-04-06T00:00', '2026-04-05T05:00', '2026-04-05T17:30', '2026-04-05T13:00']],
  // Los Angeles: 2026-03-08 lasts 23 hours (ends 03-09T07:00Z), 2026-11-01 25 hours (ends 11-02T08:00Z).
  ['2026-03-08T09:59:00Z', ['2026-03-08T22:59', '2026-03-08T01:59', '2026-03-08T15:29', '2026-03-08T09:59']],
  ['2026-03-08T10:00:00Z', ['2026-03-08T23:00', '2026-03-08T03:00', '2026-03-08T15:30', '2026-03-08T10:00']],
  ['2026-03-09T06:59:00Z', ['2026-03-09T19:59', '2026-03-08T23:59', '2026-03-09T12:29', '2026-03-09T06:59']],
  ['2026-03-09T07:00:00Z', ['2026-03-09T20:00', '2026-03-09T00:00', '2026-03-09T12:30', '2026-03-09T07:00']],
  ['2026-11-01T08:30:00Z', ['2026-11-01T21:30', '2026-11-01T01:30', '2026-11-01T14:00', '2026-11-01T08:30']],
  ['2026-11-01T09:30:00Z', ['2026-11-01T22:30', '2026-11-01T01:30', '2026-11-01T15:00', '2026-11-01T09:30']],
  ['2026-11-02T07:59:00Z', ['2026-11-02T20:59', '2026-11-01T23:59', '2026-11-02T13:29', '2026-11-02T07:59']],
  ['2026-11-02T08:00:00Z', ['2026-11-02T21:00', '2026-11-02T00:00', '2026-11-02T13:30', '2026-11-02T08:00']],
  // London: 2026-03-29 lasts 23 hours (ends 23:00Z), 2026-10-25 25 hours (10-24T23:00Z to 10-26T00:00Z).
  ['2026-03-29T00:30:00Z', ['2026-03-29T13:30', '2026-03-28T17:30', '2026-03-29T06:00', '2026-03-29T00:30']],
  ['2026-03-29T01:30:00Z', ['2026-03-29T14:30', '2026-03-28T18:30', '2026-03-29T07:00', '2026-03-29T02:30']],
  ['2026-03-29T22:59:00Z', ['2026-03-30T11:59', '2026-03-29T15:59', '2026-03-30T04:29', '2026-03-29T23:59']],
  ['2026-03-29T23:00:00Z', ['2026-03-30T12:00', '2026-03-29T16:00', '2026-03-30T04:30', '2026-03-30T00:00']],
  ['2026-10-24T22:59:00Z', ['2026-10-25T11:59', '2026-10-24T15:59', '2026-10-25T04:29', '2026-10-24T23:59']],
  ['2026-10-24T23:00:00Z', ['2026-10-25T12:00', '2026-10-24T16:00', '2026-10-25T04:30', '2026-10-25T00:00']],
  ['2026-10-25T23:59:00Z', ['2026-10-26T12:59', '2026-10-25T16:59', '2026-10-26T05:29', '2026-10-25T23:59']],
  ['2026-10-26T00:00:00Z', ['2026-10-26T13:00', '2026-10-25T17:00', '2026-10-26T05:30', '2026-10-26T00:00']],
  // Kolkata: no DST, but a :30 offset.
  ['2026-04-05T18:29:00Z', ['2026-04-06T06:29', '2026-04-05T11:29', '2026-04-05T23:59', '2026-04-05T19:29']],
  ['2026-04-05T18:30:00Z', ['2026-04-06T06:30', '2026-04-05T11:30', '2026-04-06T00:00', '2026-04-05T19:30']],
];
/** All-day events: each is on its own day in every zone. */
const ALL_DAY = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-25', '2026-11-01'];

/** The local days around each zone's changes, where a naive offset would put events on the wrong day. */
const EDGE_DAYS: Record<Zone, string[]> = {
  'Pacific/Auckland': ['2026-04-04', '2026-04-05', '2026-04-06'],
  'America/Los_Angeles': ['2026-03-08', '2026-03-09', '2026-04-04', '2026-11-01', '2026-11-02'],
  'Asia/Kolkata': ['2026-04-05', '2026-04-06'],
  'Europe/London': ['2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26'],
};

interface Seen {
  id: string;
  date: string;
  local_time: string | null;
  starts_at: string | null;
}

const people = {} as Record<Zone, string>;
const timedIds = new Map<string, string>();
const allDayIds = new Map<string, string>();

beforeAll(async () => {
  const show = await createShow('Around the clock');
  let episode = 0;
  for (const [at] of INSTANTS) timedIds.set(await addEvent(show.id, { at, episode: ++episode }), at);
  for (const day of ALL_DAY) allDayIds.set(await addEvent(show.id, { day, episode: ++episode }), day);
  for (const zone of ZONES) {
    const person = await signUp({ timezone: zone });
    await track(person.id, show.id);
    people[zone] = person.accessToken;
  }
});

const range = async (zone: Zone, from: string, to: string): Promise<Seen[]> => {
  const response = await call('GET', `/api/v1/timeline?from=${from}&to=${to}`, { token: people[zone] });
  expect(response.status).toBe(200);
  return response.body.events;
};

describe.each(ZONES.map((zone, index) => [zone, index] as const))('a person in %s', (zone, column) => {
  it('sees every timed event on its local day and time, and every all-day event on its own day', async () => {
    const events = await range(zone, '2026-03-01', '2026-11-30');
    expect(events).toHaveLength(INSTANTS.length + ALL_DAY.length);
    for (const event of events) {
      const at = timedIds.get(event.id);
      if (at) {
        const expected = INSTANTS.find(([instant]) => instant === at)![1][column];
        expect(`${event.date}T${event.local_time}`, `${at} in ${zone}`).toBe(expected);
      } else {
        expect(event).toMatchObject({ date: allDayIds.get(event.id), local_time: null, starts_at: null });
      }
    }
    const dates = events.map((event) => event.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('answers a one-day range with exactly the events of that local day', async () => {
    for (const day of EDGE_DAYS[zone]) {
      const expected = [
        ...INSTANTS.filter(([, local]) => local[column]!.startsWith(day)).map(([at]) => at),
        ...ALL_DAY.filter((allDay) => allDay === day),
      ];
      const seen = (await range(zone, day, day)).map((event) => timedIds.get(event.id) ?? allDayIds.get(event.id));
      expect(seen.sort(), `${day} in ${zone}`).toEqual(expected.sort());
    }
  });
});
