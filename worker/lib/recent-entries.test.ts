import { describe, expect, it } from 'vitest';
import { RecentEntries } from './recent-entries.ts';

describe('RecentEntries', () => {
  it('answers until the expiry it was given, then forgets', () => {
    const recent = new RecentEntries<string>(100);
    recent.set('a', 'A', 10, 1_000);
    expect(recent.get('a', 999)).toBe('A');
    expect(recent.get('a', 1_000)).toBeUndefined();
    expect(recent.size).toBe(0);
  });

  it('keeps at most its size, evicting the least recently used first', () => {
    const recent = new RecentEntries<string>(30);
    recent.set('a', 'A', 10, Infinity);
    recent.set('b', 'B', 10, Infinity);
    recent.set('c', 'C', 10, Infinity);
    expect(recent.get('a', 0)).toBe('A'); // a is now the most recent
    recent.set('d', 'D', 10, Infinity);
    expect(recent.get('b', 0)).toBeUndefined();
    expect([recent.get('a', 0), recent.get('c', 0), recent.get('d', 0)]).toEqual(['A', 'C', 'D']);
    expect(recent.size).toBe(30);
  });

  it('never holds an entry bigger than all it may hold, and replaces one under the same key', () => {
    const recent = new RecentEntries<string>(30);
    recent.set('huge', 'H', 31, Infinity);
    expect(recent.get('huge', 0)).toBeUndefined();
    recent.set('a', 'A', 10, Infinity);
    recent.set('a', 'A2', 20, Infinity);
    expect(recent.get('a', 0)).toBe('A2');
    expect(recent.size).toBe(20);
  });
});
