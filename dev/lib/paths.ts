// Where the local runtime keeps its files, relative to the repository root
// (npm runs scripts there, but `node dev/start.ts` may be run from anywhere).
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const DATA_DIR = join(ROOT, '.data');
export const PGLITE_DIR = join(DATA_DIR, 'pglite');
export const PGLITE_LOCK = join(DATA_DIR, 'pglite.lock');
export const DEV_VARS = join(ROOT, '.dev.vars');
export const WRANGLER_CLI = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
