// Dates and times people read right (issue 15): the year on other years'
// dates, the future tense for what is still ahead, the 12- or 24-hour clock,
// Home's seven days, and the time zones offered, all at fixed instants.
import { afterEach, describe, expect, it } from 'vitest';
import { clockPreference, localeUses12h, setClockPreference, uses12h } from '../src/lib/clock.ts';
import { airDay, airsLabel, airsText, clockTime, dayLabel, nextSevenDays, premiereWord, timeLabel, watchWhen } from '../src/lib/format.ts';
import { canonicalZone, canonicalZones, searchZones, zoneCity, zoneOffset, zoneOptions } from '../src/lib/zones.ts';

afterEach(() => setClockPreference('auto'));

describe('dates', () => {
  it('name the year of a day outside the current one, and only then', () => {
    expect(dayLabel('2023-01-16', '2026-12-07')).toBe('Mon 16 Jan 2023');
    expect(dayLabel('2027-01-04', '2026-12-07')).toBe('Mon 4 Jan 2027');
    expect(dayLabel('2026-11-30', '2026-12-07')).toBe('Mon 30 Nov');
    expect(dayLabel('2027-01-01', '2026-12-31')).toBe('Tomorrow');
    const now = new Date('2026-12-07T12:00:00Z');
    expect(airDay({ airs_at: null, air_date: '2027-03-02' }, 'UTC', now)).toBe('Tue 2 Mar 2027');
    expect(airDay({ airs_at: '2026-12-15T02:00:00Z', air_date: null }, 'America/Los_Angeles', now)).toBe('Mon 14 Dec');
  });

  it('read in the future tense while the day or the instant is still ahead in the person’s zone', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(premiereWord('movie', '2026-12-30', 'UTC', now)).toBe('Releases');
    expect(premiereWord('movie', '2026-12-07', 'UTC', now)).toBe('Released');
    expect(premiereWord('tv', '2026-12-30', 'UTC', now)).toBe('Premieres');
    expect(premiereWord('tv', '2023-01-16', 'UTC', now)).toBe('Premiered');
    // 05:00 UTC on the 7th is still the 6th in Honolulu: the 7th is ahead there.
    expect(premiereWord('tv', '2026-12-07', 'Pacific/Honolulu', new Date('2026-12-07T05:00:00Z'))).toBe('Premieres');
    expect(premiereWord('tv', '2026-12-07', 'UTC', new Date('2026-12-07T05:00:00Z'))).toBe('Premiered');
    const episode = { airs_at: '2026-12-07T20:00:00Z', air_date: '2026-12-07' };
    expect(airsText(episode, 'UTC', now, false)).toBe('Airs Today 20:00');
    expect(airsText(episode, 'UTC', new Date('2026-12-07T21:00:00Z'), false)).toBe('Aired Today 20:00');
  });

  it('give Home the seven days from today, across a week’s end', () => {
    // Sunday 6 December: Monday and the rest of the next week are in.
    expect(nextSevenDays('2026-12-06')).toEqual({ from: '2026-12-06', to: '2026-12-12' });
    expect(nextSevenDays('2026-12-28')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
});

describe('times', () => {
  it('read on a 12- or 24-hour clock', () => {
    expect(clockTime('21:05', false)).toBe('21:05');
    expect(clockTime('21:05', true)).toBe('9:05 PM');
    expect(clockTime('00:30', true)).toBe('12:30 AM');
    expect(clockTime('12:00', true)).toBe('12:00 PM');
    expect(clockTime('07:00', true)).toBe('7:00 AM');
    expect(timeLabel({ all_day: false, local_time: '21:00' }, true)).toBe('9:00 PM');
    expect(timeLabel({ all_day: true, local_time: null }, true)).toBe('all day');
    const now = new Date('2026-12-07T12:00:00Z');
    expect(airsLabel({ airs_at: '2026-12-08T02:00:00Z', air_date: null }, 'America/New_York', now, true)).toBe('Today 9:00 PM');
    expect(watchWhen({ watched_at: '2026-12-03T20:04:00Z', watched_on: null }, 'Europe/London', true).time).toBe('8:04 PM');
  });

  it('follow the locale on "auto", the setting otherwise, kept on this device', () => {
    expect(localeUses12h('en-US')).toBe(true);
    expect(localeUses12h('en-GB')).toBe(false);
    expect(localeUses12h('de-DE')).toBe(false);
    expect(uses12h('auto')).toBe(localeUses12h());
    setClockPreference('12h');
    expect(clockPreference()).toBe('12h');
    expect(localStorage.getItem('showtracker:clock')).toBe('12h');
    expect(clockTime('21:00')).toBe('9:00 PM');
    setClockPreference('24h');
    expect(clockTime('21:00')).toBe('21:00');
    setClockPreference('auto');
    expect(localStorage.getItem('showtracker:clock')).toBeNull();
  });
});

describe('time zones', () => {
  it('are canonical names only, legacy ones mapped to theirs', () => {
    const zones = canonicalZones(['Asia/Calcutta', 'Asia/Kolkata', 'Europe/Kiev', 'America/Buenos_Aires', 'Europe/London']);
    expect(zones).toEqual(['America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Europe/Kyiv', 'Europe/London', 'UTC']);
    const all = canonicalZones();
    expect(all).toContain('Asia/Kolkata');
    expect(all).not.toContain('Asia/Calcutta');
    expect(all).not.toContain('Asia/Saigon');
    expect(new Set(all).size).toBe(all.length);
    expect(canonicalZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });

  it('show the offset in force on the day, across DST changes', () => {
    expect(zoneOffset('Europe/London', new Date('2026-01-15T12:00:00Z'))).toBe('UTC');
    expect(zoneOffset('Europe/London', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+01:00');
    // London springs forward at 01:00 UTC on 29 March 2026.
    expect(zoneOffset('Europe/London', new Date('2026-03-29T00:59:00Z'))).toBe('UTC');
    expect(zoneOffset('Europe/London', new Date('2026-03-29T01:00:00Z'))).toBe('UTC+01:00');
    expect(zoneOffset('America/New_York', new Date('2026-11-01T05:59:00Z'))).toBe('UTC−04:00');
    expect(zoneOffset('America/New_York', new Date('2026-11-01T06:00:00Z'))).toBe('UTC−05:00');
    expect(zoneOffset('Asia/Kolkata', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+05:30');
    expect(zoneOffset('Australia/Sydney', new Date('2026-01-15T12:00:00Z'))).toBe('UTC+11:00');
  });

  it('put the browser’s zone first and are found by city, former name or offset', () => {
    const now = new Date('2026-07-15T12:00:00Z');
    const options = zoneOptions('Asia/Calcutta', now);
    expect(options[0]).toMatchObject({ zone: 'Asia/Kolkata', city: 'Kolkata', offset: 'UTC+05:30' });
    expect(options[1]!.offset).toBe('UTC−11:00');
    expect(options.at(-1)!.offset).toBe('UTC+14:00');
    expect(searchZones(options, 'calcutta').map((option) => option.zone)).toEqual(['Asia/Kolkata']);
    expect(searchZones(options, 'new york').map((option) => option.zone)).toEqual(['America/New_York']);
    expect(searchZones(options, 'UTC-04:00').map((option) => option.zone)).toContain('America/New_York');
    expect(searchZones(options, 'port-au').map((option) => option.zone)).toEqual(['America/Port-au-Prince']);
    expect(searchZones(options, '')).toHaveLength(options.length);
  });
});
