import { describe, expect, it } from 'vitest';
import { addDays, dayLabel, episodeCode, fullDate, hasAired, statusLabel, timeLabel, watchedText, watchWhen } from '../src/lib/format.ts';
import { groupByWatchDay } from '../src/screens/history.tsx';
import { monthGrid } from '../src/screens/timeline.tsx';
import type { HistoryEntry } from '../src/lib/types.ts';

describe('format', () => {
  it('writes episode codes and local times', () => {
    expect(episodeCode(2, 5)).toBe('S02E05');
    expect(timeLabel({ all_day: false, local_time: '21:00' }, false)).toBe('21:00');
    expect(timeLabel({ all_day: true, local_time: null })).toBe('all day');
    expect(dayLabel('2026-11-25', '2026-11-24')).toBe('Tomorrow');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('writes dates and provider statuses as people read them', () => {
    expect(fullDate('2023-01-15')).toBe('15 Jan 2023');
    expect(statusLabel('returning')).toBe('Returning');
    expect(statusLabel('in_production')).toBe('In production');
    expect(statusLabel('Ended')).toBe('Ended');
  });

  it('lays a month out Monday first, whole weeks', () => {
    const grid = monthGrid('2026-11');
    expect(grid[0]).toBe('2026-10-26');
    expect(grid.length % 7).toBe(0);
    expect(grid.at(-1)).toBe('2026-12-06');
  });

  it('says how often and when something was watched, in the person\'s zone', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(watchedText({ plays: 1, last_watched_at: '2026-12-03T23:30:00Z', last_watched_on: null }, 'Europe/Berlin', now)).toBe('Watched 4 Dec');
    expect(watchedText({ plays: 2, last_watched_at: null, last_watched_on: '2026-12-03' }, 'UTC', now)).toBe('Watched twice, last 3 Dec');
    expect(watchedText({ plays: 3, last_watched_at: null, last_watched_on: '2025-01-02' }, 'UTC', now)).toBe('Watched 3 times, last 2 Jan 2025');
    expect(watchedText({ plays: 1, last_watched_at: null, last_watched_on: null }, 'UTC', now)).toBe('Watched, date unknown');
    expect(watchWhen({ watched_at: '2026-12-03T20:04:00Z', watched_on: null }, 'Europe/London', false)).toEqual({ day: '2026-12-03', time: '20:04' });
    expect(watchWhen({ watched_at: null, watched_on: '2026-12-03' }, 'Europe/London')).toEqual({ day: '2026-12-03', time: 'all day' });
    expect(watchWhen({ watched_at: null, watched_on: null }, 'Europe/London')).toEqual({ day: null, time: 'date unknown' });
    expect(hasAired({ airs_at: null, air_date: '2026-12-07' }, 'UTC', now)).toBe(true);
    expect(hasAired({ airs_at: '2026-12-07T20:00:00Z', air_date: '2026-12-07' }, 'UTC', now)).toBe(false);
    expect(hasAired({ airs_at: null, air_date: null }, 'UTC', now)).toBe(false);
  });

  it('groups the history by local day, unknown days last', () => {
    const watch = (watched_at: string | null, watched_on: string | null) => ({ watched_at, watched_on }) as HistoryEntry;
    const groups = groupByWatchDay(
      [watch('2026-12-07T01:00:00Z', null), watch('2026-12-06T22:00:00Z', null), watch(null, '2026-12-06'), watch(null, null)],
      'America/New_York',
    );
    expect(groups.map((group) => [group.day, group.watches.length])).toEqual([
      ['2026-12-06', 3],
      [null, 1],
    ]);
  });
});
