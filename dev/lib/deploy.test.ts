import { describe, expect, it } from 'vitest';
import { FREE_PLAN_LIMIT_BYTES, missingQueues, parseUploadSize } from './deploy.ts';

describe('npm run deploy reading wrangler', () => {
  it("reads a dry run's upload size in bytes", () => {
    const output = '✨ Read 28 files from the assets directory\nTotal Upload: 1668.04 KiB / gzip: 328.84 KiB\nYour Worker has access to';
    expect(parseUploadSize(output)).toEqual({ raw: 1_708_073, gzip: 336_732 });
    expect(parseUploadSize('no size here')).toBeNull();
    expect(FREE_PLAN_LIMIT_BYTES).toBe(3_145_728);
  });

  it('finds the queues a `wrangler queues list` table lacks, not fooled by longer names', () => {
    const table = [
      '┌──────────┬──────────────────────────┬──────────┐',
      '│ id       │ name                     │ consumers │',
      '├──────────┼──────────────────────────┼──────────┤',
      '│ 1a2b     │ showtracker-sync         │ 1        │',
      '│ 3c4d     │ showtracker-dispatch-old │ 0        │',
      '└──────────┴──────────────────────────┴──────────┘',
    ].join('\n');
    expect(missingQueues(table, ['showtracker-sync', 'showtracker-dispatch', 'showtracker-dead-letter'])).toEqual([
      'showtracker-dispatch',
      'showtracker-dead-letter',
    ]);
  });
});
