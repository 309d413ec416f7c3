// A new deployment while the app is open: the service worker of the new
// build waits, the page offers "Reload", and reloading runs the new build.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { ROOT } from '../../dev/lib/paths.ts';
import { launchChromium, newContext } from './browser.ts';

let browser: Browser;
const appUrl = inject('appUrl');
const served = join(inject('appDataDir'), 'web');

/** Builds the PWA into the folder npm start serves, as a deploy would replace it. */
async function deploy(version: string) {
  process.env.VITE_APP_VERSION = version;
  try {
    await build({ root: join(ROOT, 'web'), configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: served, emptyOutDir: true } });
  } finally {
    delete process.env.VITE_APP_VERSION;
  }
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('a new version', () => {
  it('is offered with a Reload button and runs after it', async () => {
    const context = await newContext(browser, appUrl, 'phone');
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
