import { describe, expect, it } from 'vitest';
import { queueNames, readWranglerConfig, stripJsonc } from './wrangler-config.ts';

describe('wrangler.jsonc as the local runtime reads it', () => {
  it('drops comments outside strings and trailing commas, and keeps // and /* inside strings', () => {
    const text = '{\n  // a comment\n  "url": "https://example.com/a//b", /* block */\n  "list": ["/*x*/", 1,],\n}\n';
    expect(JSON.parse(stripJsonc(text))).toEqual({ url: 'https://example.com/a//b', list: ['/*x*/', 1] });
  });

  it('keeps escaped quotes inside strings', () => {
    expect(JSON.parse(stripJsonc('{"a": "say \\"hi\\" // not a comment"}'))).toEqual({ a: 'say "hi" // not a comment' });
  });

  it('names the three queues, the dead-letter queue included, once each', () => {
    expect(queueNames(readWranglerConfig()).sort()).toEqual(['showtracker-dead-letter', 'showtracker-dispatch', 'showtracker-sync']);
  });
});
