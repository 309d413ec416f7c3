import { describe, expect, it } from 'vitest';
import { cronMatches, readCrons } from './cron-ticker.ts';

describe('the local cron ticker', () => {
  it("reads wrangler.jsonc's four crons", () => {
    expect(readCrons()).toEqual(['* * * * *', '0 * * * *', '0 */6 * * *', '0 3 * * *']);
  });

  it.each([
    ['* * * * *', '2026-11-24T10:17:00Z', true],
    ['0 * * * *', '2026-11-24T10:00:00Z', true],
    ['0 * * * *', '2026-11-24T10:01:00Z', false],
    ['0 */6 * * *', '2026-11-24T12:00:00Z', true],
    ['0 */6 * * *', '2026-11-24T13:00:00Z', false],
    ['0 3 * * *', '2026-11-24T03:00:00Z', true],
    ['0 3 * * *', '2026-11-24T04:00:00Z', false],
  ])('%s at %s: %s', (cron, at, expected) => {
    expect(cronMatches(cron, new Date(at))).toBe(expected);
  });
});
