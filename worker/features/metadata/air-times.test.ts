import { describe, expect, it } from 'vitest';
import { wallTimeToUtc } from '../../lib/local-time.ts';
import { resolveAirTime, zoneForCountry } from './air-times.ts';

describe('wall time to UTC', () => {
  it.each([
    // US Eastern, standard time and daylight time, and the evening of the DST change.
    ['2026-01-15', '21:00', 'America/New_York', '2026-01-16T02:00:00.000Z'],
    ['2026-07-15', '21:00', 'America/New_York', '2026-07-16T01:00:00.000Z'],
    ['2026-03-08', '21:00', 'America/New_York', '2026-03-09T01:00:00.000Z'],
    ['2026-11-01', '21:00', 'America/New_York', '2026-11-02T02:00:00.000Z'],
    ['2026-10-25', '21:00', 'Europe/London', '2026-10-25T21:00:00.000Z'],
    ['2026-06-01', '21:00', 'Europe/London', '2026-06-01T20:00:00.000Z'],
    ['2026-04-05', '20:30', 'Australia/Sydney', '2026-04-05T10:30:00.000Z'],
    ['2026-03-01', '22:00', 'Asia/Seoul', '2026-03-01T13:00:00.000Z'],
    ['2026-09-27', '20:00', 'Pacific/Auckland', '2026-09-27T07:00:00.000Z'],
    // Zones ahead of UTC on the day their clocks go back (NZ, 2026-04-05 03:00 → 02:00).
    ['2026-04-05', '00:00', 'Pacific/Auckland', '2026-04-04T11:00:00.000Z'],
    ['2026-04-04', '20:00', 'Pacific/Auckland', '2026-04-04T07:00:00.000Z'],
    ['2026-04-05', '20:00', 'Pacific/Auckland', '2026-04-05T08:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, expected) => {
    expect(wallTimeToUtc(date, time, zone).toISOString()).toBe(expected);
  });

  it('places a time skipped by spring-forward just after the gap', () => {
    // 02:30 does not exist in New York on 2026-03-08; 03:30 EDT is 07:30 UTC.
    expect(wallTimeToUtc('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads the first of two repeated fall-back times', () => {
    expect(wallTimeToUtc('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('resolveAirTime', () => {
  const episode = { seasonNumber: 2, episodeNumber: 5, airDate: '2026-07-15' };

  it("prefers TVmaze's airstamp", () => {
    const result = resolveAirTime(episode, {
      tvmaze: [{ seasonNumber: 2, episodeNumber: 5, airDate: '2026-07-15', airsAt: '2026-07-16T01:00:00.000Z' }],
      tvdb: { airDates: new Map(), airsTime: '20:00', zone: 'America/New_York' },
    });
    expect(result).toEqual({ airDate: '2026-07-15', airsAt: new Date('2026-07-16T01:00:00.000Z'), airsAtSource: 'tvmaze' });
  });

  it('keeps a streaming drop (matched on TVmaze, no time) date-only', () => {
    const result = resolveAirTime(episode, {
      tvmaze: [{ seasonNumber: 2, episodeNumber: 5, airDate: '2026-07-15', airsAt: null }],
      tvdb: { airDates: new Map(), airsTime: '20:00', zone: 'America/New_York' },
    });
    expect(result).toEqual({ airDate: '2026-07-15', airsAt: null, airsAtSource: 'date_only' });
  });

  it("falls back to TheTVDB's airsTime in the network's zone", () => {
    const result = resolveAirTime(episode, { tvmaze: null, tvdb: { airDates: new Map(), airsTime: '21:00', zone: 'Europe/London' } });
    expect(result).toEqual({ airDate: '2026-07-15', airsAt: new Date('2026-07-15T20:00:00.000Z'), airsAtSource: 'thetvdb' });
  });

  it('takes the day from TheTVDB when TMDB has none', () => {
    const result = resolveAirTime(
      { ...episode, airDate: null },
      { tvdb: { airDates: new Map([['2:5', '2026-08-01']]), airsTime: null, zone: 'America/New_York' } },
    );
    expect(result).toEqual({ airDate: '2026-08-01', airsAt: null, airsAtSource: 'date_only' });
  });

  it('knows nothing about an episode no source dates', () => {
    expect(resolveAirTime({ ...episode, airDate: null }, {})).toEqual({ airDate: null, airsAt: null, airsAtSource: null });
  });

  it('maps TheTVDB countries to the zone air times are given in', () => {
    expect(zoneForCountry('usa')).toBe('America/New_York');
    expect(zoneForCountry('GBR')).toBe('Europe/London');
    expect(zoneForCountry('xyz')).toBeNull();
    expect(zoneForCountry(null)).toBeNull();
  });
});
