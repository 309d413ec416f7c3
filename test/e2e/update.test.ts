// A new deployment while the app is open: the service worker of the new
// build waits, the page offers "Reload", and reloading runs the new build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { build } from 'vite';
import { ROOT } from '../../dev/lib/paths.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

const appUrl = inject('appUrl');
const served = join(inject('appDataDir'), 'web');

/**
 * Builds the PWA into the folder npm start serves, as a deploy would replace
 * it (old hashed files stay, as on a CDN), then waits until the server
 * answers with the new service worker: wrangler dev picks up changed assets
 * a moment after they are written.
 */
async function deploy(version: string) {
  process.env.VITE_APP_VERSION = version;
  try {
    await build({ root: join(ROOT, 'web'), configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: served, emptyOutDir: false } });
  } finally {
    delete process.env.VITE_APP_VERSION;
  }
  const built = readFileSync(join(served, 'sw.js'), 'utf8');
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${appUrl}/sw.js`, { cache: 'no-store' });
    if ((response.headers.get('Content-Type') ?? '').includes('javascript') && (await response.text()) === built) return;
    if (attempt > 300) throw new Error('npm start never served the new build');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const openContext = chromiumPerFile();

describe('a new version', () => {
  it('is offered with a Reload button and runs after it', async () => {
    const context = await openContext('phone');
    const page = await context.newPage();
    await page.goto('/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const scriptOf = () => page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')!.src);
    const before = await scriptOf();

    await deploy(`e2e-update-${Date.now()}`);
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())!.update();
    });
    await page.getByText('A new version of ShowTracker is available.').waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction((old) => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src !== old, before);
    expect(await scriptOf()).not.toBe(before);
    await page.getByRole('heading', { level: 1, name: 'Never miss an episode' }).waitFor();
    await context.close();
  });
});
