// The PWA built for serving: `npm start` builds its own copy (.data/web),
// `npm run services` and `npm run deploy` the deploy build (dist/web, the
// assets wrangler.jsonc names). Same config as `npm run build:web`.
import { join, relative } from 'node:path';
import { build } from 'vite';
import { ROOT } from './paths.ts';

export const DEPLOY_WEB_DIR = join(ROOT, 'dist', 'web');

export async function buildWeb(outDir: string = DEPLOY_WEB_DIR): Promise<void> {
  console.log(`Building the web app into ${relative(ROOT, outDir) || outDir}…`);
  await build({
    root: join(ROOT, 'web'),
    configFile: join(ROOT, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}
