import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredProviderKeys } from './metadata.ts';

function devVars(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'metadata-')), '.dev.vars');
  writeFileSync(path, text);
  return path;
}

describe('configuredProviderKeys', () => {
  it('is empty without keys, so npm start uses the stand-ins', () => {
    expect(configuredProviderKeys(devVars('JWT_SECRET=x\nTMDB_API_TOKEN=\nOMDB_API_KEY=""\n'), {})).toEqual([]);
    expect(configuredProviderKeys('/nonexistent/.dev.vars', { TMDB_API_BASE: 'http://x' })).toEqual([]);
  });

  it('finds keys in the shell or in .dev.vars', () => {
    expect(configuredProviderKeys(devVars('export TVDB_API_KEY=abc\n'), { OMDB_API_KEY: 'k' })).toEqual(['TVDB_API_KEY', 'OMDB_API_KEY']);
  });
});
