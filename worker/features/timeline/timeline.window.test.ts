// The zone maths with fixed clocks: local days, their boundaries across DST,
// the ISO week, "upcoming", and the per-person finish of cached events.
import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, isoWeekOf, localParts, startOfLocalDay, wallTimeToUtc } from '../../lib/local-time.ts';
import { inWindow } from './timeline.presenter.ts';
import type { CachedEvent } from './timeline.schemas.ts';
import { rangeProblem, resolveWindow } from './timeline.window.ts';

const at = (iso: string) => new Date(iso);

describe('local days', () => {
  it.each([
    // zone, day, its first instant, the next day's first instant (23 or 25 hours later across DST)
    ['Pacific/Auckland', '2026-04-05', '2026-04-04T11:00:00.000Z', '2026-04-05T12:00:00.000Z'],
    ['Pacific/Auckland', '2026-09-27', '2026-09-26T12:00:00.000Z', '2026-09-27T11:00:00.000Z'],
    ['America/Los_Angeles', '2026-03-08', '2026-03-08T08:00:00.000Z', '2026-03-09T07:00:00.000Z'],
    ['America/Los_Angeles', '2026-11-01', '2026-11-01T07:00:00.000Z', '2026-11-02T08:00:00.000Z'],
    ['Europe/London', '2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    ['Europe/London', '2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    ['Asia/Kolkata', '2026-04-05', '2026-04-04T18:30:00.000Z', '2026-04-05T18:30:00.000Z'],
    // Midnight skipped by DST (Chile, 2026-09-06): the day starts at 01:00.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
  ])('in %s, %s runs from %s to %s', (zone, day, start, end) => {
    expect(startOfLocalDay(day, zone).toISOString()).toBe(start);
    expect(startOfLocalDay(addDays(day, 1), zone).toISOString()).toBe(end);
    expect(localParts(at(start), zone).date).toBe(day);
    expect(localParts(new Date(Date.parse(end) - 1), zone).date).toBe(day);
  });

  it.each([
    // Auckland falls back at 2026-04-04T14:00Z: 20:00 that evening is still NZDT (+13).
    ['Pacific/Auckland', '2026-04-04', '20:00', '2026-04-04T07:00:00.000Z'],
    ['Pacific/Auckland', '2026-04-05', '02:30', '2026-04-04T13:30:00.000Z'],
    ['America/Los_Angeles', '2026-11-01', '01:30', '2026-11-01T08:30:00.000Z'],
    ['America/Los_Angeles', '2026-03-08', '02:30', '2026-03-08T10:30:00.000Z'],
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'],
    ['Asia/Kolkata', '2026-04-05', '21:00', '2026-04-05T15:30:00.000Z'],
  ])('in %s, %s %s is %s (repeated times: the first; skipped ones: moved past the gap)', (zone, day, time, instant) => {
    expect(wallTimeToUtc(day, time, zone).toISOString()).toBe(instant);
  });

  it('tells real calendar days from impossible ones', () => {
    expect(['2026-02-28', '2028-02-29', '2026-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '2026-01-01T00:00', ''].some(isCalendarDate)).toBe(false);
  });

  it('takes the ISO week, Monday to Sunday', () => {
    expect(isoWeekOf('2026-03-29')).toEqual({ from: '2026-03-23', to: '2026-03-29' });
    expect(isoWeekOf('2026-03-30')).toEqual({ from: '2026-03-30', to: '2026-04-05' });
    expect(isoWeekOf('2026-12-31')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
});

describe('the window of a request', () => {
  it("takes today and this week in the person's zone", () => {
    // Sunday 16:30 in Los Angeles is already Monday in London, Kolkata and Auckland.
    const now = at('2026-03-29T23:30:00Z');
    expect(resolveWindow({ kind: 'today' }, now, 'America/Los_Angeles')).toMatchObject({ from: '2026-03-29', to: '2026-03-29' });
    expect(resolveWindow({ kind: 'week' }, now, 'America/Los_Angeles')).toMatchObject({ from: '2026-03-23', to: '2026-03-29' });
    for (const zone of ['Europe/London', 'Asia/Kolkata', 'Pacific/Auckland']) {
      expect(resolveWindow({ kind: 'today' }, now, zone)).toMatchObject({ today: '2026-03-30', from: '2026-03-30', to: '2026-03-30' });
      expect(resolveWindow({ kind: 'week' }, now, zone)).toMatchObject({ from: '2026-03-30', to: '2026-04-05' });
    }
  });

  it('runs "upcoming" from now for 30 days of 24 hours, whatever DST does meanwhile', () => {
    // 23:30 PST; 720 hours later the clocks have sprung forward: 00:30 PDT, 31 local days on.
    const now = at('2026-02-28T07:30:00Z');
    const window = resolveWindow({ kind: 'upcoming' }, now, 'America/Los_Angeles');
    expect(window).toMatchObject({
      today: '2026-02-27',
      from: '2026-02-27',
      to: '2026-03-30',
      fetchFrom: '2026-02-27',
      fetchTo: '2026-03-30',
      instants: { notBefore: now.getTime(), before: Date.parse('2026-03-30T07:30:00Z') },
    });
  });

  it('defaults a range to today and 30 days on, and names each variant apart', () => {
    const now = at('2026-04-04T11:00:00Z');
    expect(resolveWindow({ kind: 'range' }, now, 'Pacific/Auckland')).toMatchObject({ from: '2026-04-05', to: '2026-05-05' });
    const typed = resolveWindow({ kind: 'range', from: '2026-04-01', types: ['new_episode', 'season_finale'] }, now, 'UTC');
    expect(typed).toMatchObject({ from: '2026-04-01', to: '2026-05-01', variant: 'range:2026-04-01:2026-05-01:new_episode,season_finale' });
    expect(resolveWindow({ kind: 'week' }, now, 'UTC').variant).toBe('week:all');
  });

  it('allows 366 days at most, ends included, and never backwards', () => {
    expect(rangeProblem('2028-01-01', '2028-12-31')).toBeNull();
    expect(rangeProblem('2026-05-01', '2026-05-01')).toBeNull();
    expect(rangeProblem('2026-01-01', '2027-01-02')).toMatchObject({ field: 'to' });
    expect(rangeProblem('2026-05-02', '2026-05-01')).toMatchObject({ field: 'to' });
    expect(() => resolveWindow({ kind: 'range', to: '2026-01-01' }, at('2026-06-01T00:00:00Z'), 'UTC')).toThrow(/before from/);
  });
});

describe('the per-person finish of cached events', () => {
  const event = (id: string, showId: string, extra: Partial<CachedEvent> = {}): CachedEvent => ({
    id,
    event_type: 'new_episode',
    title: id,
    description: null,
    show: { id: showId, title: showId, media_type: 'tv', poster_url: null },
    season_number: 1,
    episode_number: 1,
    episode_id: null,
    all_day: false,
    starts_at: '2026-03-01T12:00:00.000Z',
    date: '2026-03-01',
    local_time: '12:00',
    ...extra,
  });

  it('keeps "upcoming" to events from now on, all-day ones from today', () => {
    const now = at('2026-03-01T12:00:00Z');
    const window = resolveWindow({ kind: 'upcoming' }, now, 'UTC');
    const cached = [
      event('started', 's', { starts_at: '2026-03-01T11:59:00.000Z' }),
      event('now', 's', { starts_at: '2026-03-01T12:00:00.000Z' }),
      event('today', 's', { all_day: true, starts_at: null, local_time: null }),
      event('last', 's', { starts_at: '2026-03-31T11:59:00.000Z', date: '2026-03-31' }),
      event('too late', 's', { starts_at: '2026-03-31T12:00:00.000Z', date: '2026-03-31' }),
      event('too late all-day', 's', { all_day: true, starts_at: null, date: '2026-04-01' }),
    ];
    expect(cached.filter((item) => inWindow(item, window)).map((item) => item.id)).toEqual(['now', 'today', 'last']);
  });
});
