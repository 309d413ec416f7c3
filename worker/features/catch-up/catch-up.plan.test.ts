// The catch-up planner's arithmetic, with fixed days: episodes a week, the
// session days and how the episodes are shared out.
import { describe, expect, it } from 'vitest';
import { planCatchUp, sessionDays, sessionLabel, type LeftEpisode } from './catch-up.plan.ts';

const episodes = (count: number, runtime: number | null = 30, season = 1): LeftEpisode[] =>
  Array.from({ length: count }, (_, i) => ({ id: `e${i + 1}`, season_number: season, episode_number: i + 1, runtime_minutes: runtime }));

// 2026-12-07 is a Monday.
const MONDAY = '2026-12-07';

describe('planCatchUp', () => {
  it('needs 4 episodes a week for 10 episodes in 3 weeks, and 2 h a week for their 5 hours (rounded up)', () => {
    const plan = planCatchUp({ today: MONDAY, target: '2026-12-28', weekdays: [1, 2, 3, 4, 5, 6, 7], episodes: episodes(10) });
    expect(plan.days_left).toBe(21);
    expect(plan.weeks_left).toBe(3);
    expect(plan.episodes_per_week).toBe(4);
    expect(plan.minutes_per_week).toBe(100);
  });

  it('shares 10 episodes over three Saturdays as 4, 3 and 3, in order, labelled by their codes', () => {
    const plan = planCatchUp({ today: MONDAY, target: '2026-12-28', weekdays: [6], episodes: episodes(10, 45) });
    expect(plan.sessions.map((session) => [session.date, session.label, session.minutes])).toEqual([
      ['2026-12-12', 'S01E01–S01E04', 180],
      ['2026-12-19', 'S01E05–S01E07', 135],
      ['2026-12-26', 'S01E08–S01E10', 135],
    ]);
    expect(plan.sessions.flatMap((session) => session.episodes.map((episode) => episode.id))).toEqual(episodes(10).map((e) => e.id));
  });

  it('with more session days than episodes, puts one a session spread out from today, and never on the target day', () => {
    const plan = planCatchUp({ today: MONDAY, target: '2026-12-17', weekdays: [1, 2, 3, 4, 5, 6, 7], episodes: episodes(2) });
    expect(plan.sessions.map((session) => [session.date, session.label])).toEqual([
      ['2026-12-07', 'S01E01'],
      ['2026-12-12', 'S01E02'],
    ]);
    expect(plan.episodes_per_week).toBe(2);
  });

  it('leaves unknown runtimes out of the minutes and has no session when no chosen weekday comes before the target', () => {
    const plan = planCatchUp({ today: MONDAY, target: '2026-12-10', weekdays: [6, 7], episodes: episodes(3, null) });
    expect(plan.sessions).toEqual([]);
    expect(plan.minutes_per_week).toBe(0);
    expect(plan.episodes_per_week).toBe(7);
  });

  it('refuses a target that is not after today', () => {
    expect(() => planCatchUp({ today: MONDAY, target: MONDAY, weekdays: [1], episodes: episodes(1) })).toThrow(RangeError);
  });
});

describe('sessionDays and sessionLabel', () => {
  it('lists the chosen ISO weekdays from today (included) to the target (excluded)', () => {
    expect(sessionDays(MONDAY, '2026-12-21', [1, 7])).toEqual(['2026-12-07', '2026-12-13', '2026-12-14', '2026-12-20']);
  });

  it('names a range across seasons by its first and last code', () => {
    expect(sessionLabel([...episodes(1, 30, 1).map((e) => ({ ...e, episode_number: 9 })), ...episodes(2, 30, 2)])).toBe('S01E09–S02E02');
  });
});
