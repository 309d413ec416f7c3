import { describe, expect, it } from 'vitest';
import { lockScreenText, whenText, type NotificationFacts } from './message-text.ts';

const episode = (overrides: Partial<NotificationFacts> = {}): NotificationFacts => ({
  showTitle: 'Severance',
  eventType: 'new_episode',
  seasonNumber: 2,
  episodeNumber: 5,
  episodeTitle: "Trojan's Horse",
  allDay: false,
  eventDate: new Date('2026-02-14T02:00:00Z'),
  airDate: '2026-02-13',
  description: 'Severance S02E05',
  ...overrides,
});

describe('lock-screen text', () => {
  it('says when it airs in the person’s zone: "S02E05 · tonight 21:00 · title"', () => {
    const now = new Date('2026-02-13T20:00:00Z'); // 15:00 in New York
    expect(lockScreenText(episode(), 'America/New_York', now)).toEqual({
      title: 'Severance',
      body: "S02E05 · tonight 21:00 · Trojan's Horse",
    });
  });

  it('uses the person’s own day: the same instant is tomorrow morning in Kolkata', () => {
    const now = new Date('2026-02-13T20:00:00Z'); // 01:30 on the 14th in Kolkata
    expect(whenText(episode(), 'Asia/Kolkata', now)).toBe('today 07:30');
    expect(whenText(episode(), 'Asia/Kolkata', new Date('2026-02-13T12:00:00Z'))).toBe('tomorrow 07:30');
  });

  it('names the weekday within a week and the date beyond', () => {
    expect(whenText(episode(), 'UTC', new Date('2026-02-10T12:00:00Z'))).toBe('Sat 02:00');
    expect(whenText(episode(), 'UTC', new Date('2026-01-20T12:00:00Z'))).toBe('Sat 14 Feb 02:00');
  });

  it('keeps date-only episodes to their day', () => {
    const drop = episode({ allDay: true, eventDate: null, airDate: '2026-02-13' });
    expect(whenText(drop, 'Pacific/Auckland', new Date('2026-02-12T12:00:00Z'))).toBe('today');
    expect(whenText(drop, 'America/Los_Angeles', new Date('2026-02-12T12:00:00Z'))).toBe('tomorrow');
  });

  it('labels premieres and finales, and words status changes and releases', () => {
    const now = new Date('2026-02-13T20:00:00Z');
    expect(lockScreenText(episode({ eventType: 'season_premiere', episodeNumber: 1, episodeTitle: 'S02E01' }), 'America/New_York', now).body).toBe(
      'Season premiere · S02E01 · tonight 21:00',
    );
    expect(lockScreenText(episode({ eventType: 'status_change', description: 'Severance is now ended (was returning)' }), 'UTC', now).body).toBe(
      'Severance is now ended (was returning)',
    );
    const movie = episode({ eventType: 'movie_release', seasonNumber: null, episodeNumber: null, allDay: true, eventDate: null, airDate: '2026-02-13' });
    expect(lockScreenText(movie, 'UTC', now).body).toBe('Out today');
    expect(lockScreenText({ ...movie, airDate: '2026-02-18' }, 'UTC', now).body).toBe('Out Wed');
    expect(lockScreenText({ ...movie, airDate: '2026-02-20' }, 'UTC', now).body).toBe('Out Fri 20 Feb');
  });
});
