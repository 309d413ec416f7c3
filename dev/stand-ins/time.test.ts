import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localToUtc, tvmazeStamp, weekday } from './time.ts';

describe('localToUtc', () => {
  it('follows US Eastern across the March change', () => {
    expect(localToUtc('2026-03-07', '21:00', 'America/New_York').toISOString()).toBe('2026-03-08T02:00:00.000Z');
    expect(localToUtc('2026-03-08', '21:00', 'America/New_York').toISOString()).toBe('2026-03-09T01:00:00.000Z');
  });

  it('follows London and Sydney, whose clocks change on other days and the other way', () => {
    expect(localToUtc('2026-03-28', '21:00', 'Europe/London').toISOString()).toBe('2026-03-28T21:00:00.000Z');
    expect(localToUtc('2026-03-29', '21:00', 'Europe/London').toISOString()).toBe('2026-03-29T20:00:00.000Z');
    expect(localToUtc('2026-04-04', '07:00', 'Australia/Sydney').toISOString()).toBe('2026-04-03T20:00:00.000Z');
    expect(localToUtc('2026-04-05', '07:00', 'Australia/Sydney').toISOString()).toBe('2026-04-04T21:00:00.000Z');
    // The evening before Sydney's clocks go back: still daylight time (UTC+11).
    expect(localToUtc('2026-04-04', '20:00', 'Australia/Sydney').toISOString()).toBe('2026-04-04T09:00:00.000Z');
  });

  it('crosses the date line for late and early slots', () => {
    expect(localToUtc('2026-01-10', '23:30', 'America/New_York').toISOString()).toBe('2026-01-11T04:30:00.000Z');
    expect(localToUtc('2026-01-10', '23:00', 'Asia/Tokyo').toISOString()).toBe('2026-01-10T14:00:00.000Z');
    expect(localToUtc('2026-01-10', '00:10', 'Asia/Tokyo').toISOString()).toBe('2026-01-09T15:10:00.000Z');
  });
});

describe('calendar helpers', () => {
  it('add days, count them and name weekdays in UTC', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(daysBetween('2026-03-01', '2026-03-15')).toBe(14);
    expect(weekday('2026-03-04')).toBe('wednesday');
    expect(tvmazeStamp(new Date('2026-03-05T02:00:00Z'))).toBe('2026-03-05T02:00:00+00:00');
  });
});
