// Where the local runtime keeps its files, relative to the repository root
// (npm runs scripts there, but `node dev/start.ts` may be run from anywhere).
import { join, resolve } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
/** Where npm start keeps its state: `.data`, or SHOWTRACKER_DATA_DIR (the end-to-end tests use a throwaway one). */
export const DATA_DIR = process.env.SHOWTRACKER_DATA_DIR ? resolve(process.env.SHOWTRACKER_DATA_DIR) : join(ROOT, '.data');
export const PGLITE_DIR = join(DATA_DIR, 'pglite');
export const PGLITE_LOCK = join(DATA_DIR, 'pglite.lock');
/** The PWA as npm start builds and serves it: its own copy, so a test run or a deploy build (dist/web) never swaps files under a running app. */
export const WEB_BUILD_DIR = join(DATA_DIR, 'web');
/** wrangler dev's local KV, queue and Durable Object state. */
export const WRANGLER_STATE = join(DATA_DIR, 'wrangler');
export const DEV_VARS = join(ROOT, '.dev.vars');
export const WRANGLER_CLI = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
