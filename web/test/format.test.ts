import { describe, expect, it } from 'vitest';
import { addDays, dayLabel, episodeCode, fullDate, statusLabel, timeLabel } from '../src/lib/format.ts';
import { monthGrid } from '../src/screens/timeline.tsx';

describe('format', () => {
  it('writes episode codes and local times', () => {
    expect(episodeCode(2, 5)).toBe('S02E05');
    expect(timeLabel({ all_day: false, local_time: '21:00' })).toBe('21:00');
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
});
