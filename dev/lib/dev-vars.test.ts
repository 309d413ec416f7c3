import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDevVars, removeServicesBlock, removeStaleServicesBlock, writeServicesBlock } from './dev-vars.ts';
import { configuredProviderKeys } from './metadata.ts';

const devVars = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'dev-vars-')), '.dev.vars');
  writeFileSync(path, text);
  return path;
};

describe("the block npm run services writes into .dev.vars", () => {
  it("is replaced on every start and removed on stop, leaving the developer's lines exactly as they were", () => {
    const mine = '# mine\nJWT_SECRET=abc\nexport FOO="bar"';
    const path = devVars(mine);
    writeServicesBlock(path, { DATABASE_WS_PROXY: '127.0.0.1:8790' });
    writeServicesBlock(path, { DATABASE_WS_PROXY: '127.0.0.1:8791', TMDB_API_TOKEN: 'stand-in' });
    const written = readFileSync(path, 'utf8');
    expect(written.startsWith(`${mine}\n`)).toBe(true);
    expect(written.match(/DATABASE_WS_PROXY=/g)).toHaveLength(1);
    expect(written).toContain('DATABASE_WS_PROXY=127.0.0.1:8791\nTMDB_API_TOKEN=stand-in\n');
    removeServicesBlock(path);
    expect(readFileSync(path, 'utf8')).toBe(`${mine}\n`);
  });

  it("does not count the stand-ins' keys it holds as real provider keys, so npm start still uses the stand-ins", () => {
    const path = devVars('JWT_SECRET=abc\n');
    writeServicesBlock(path, { TMDB_API_TOKEN: 'stand-in-tmdb-token', OMDB_API_KEY: 'stand-in-omdb-key' });
    expect(configuredProviderKeys(path, {})).toEqual([]);
  });

  it('is created with the file when there is none', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dev-vars-')), '.dev.vars');
    writeServicesBlock(path, { DATABASE_URL: 'postgres://x' });
    expect(readFileSync(path, 'utf8')).toMatch(/^# >>> written by `npm run services`.*\nDATABASE_URL=postgres:\/\/x\n# <<< npm run services\n$/);
  });
});

describe('a leftover block', () => {
  it('is removed once its npm run services is gone, and kept while it runs', () => {
    const path = devVars('JWT_SECRET=abc\n');
    writeServicesBlock(path, { TMDB_API_BASE: 'http://127.0.0.1:8788/tmdb/3' });
    removeStaleServicesBlock(path);
    expect(readFileSync(path, 'utf8')).toContain('TMDB_API_BASE=');
    writeFileSync(path, readFileSync(path, 'utf8').replace(`(pid ${process.pid})`, '(pid 2147483646)'));
    removeStaleServicesBlock(path);
    expect(readFileSync(path, 'utf8')).toBe('JWT_SECRET=abc\n');
  });
});

describe('the local secrets', () => {
  it('are generated for keys left empty, as in a copied .dev.vars.example, and kept where set', () => {
    const path = devVars('JWT_SECRET=mine-0123456789abcdefghijklmnopqrstuvwxyz\nINTERNAL_API_TOKEN=\nVAPID_PUBLIC_KEY=\nVAPID_PRIVATE_KEY=""\n');
    expect(ensureDevVars(path).sort()).toEqual(['INTERNAL_API_TOKEN', 'VAPID_PRIVATE_KEY', 'VAPID_PUBLIC_KEY', 'VAPID_SUBJECT']);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/\nINTERNAL_API_TOKEN=\S{20,}\n/);
    expect(text.match(/^JWT_SECRET=/gm)).toHaveLength(1);
    expect(ensureDevVars(path)).toEqual([]);
  });
});
