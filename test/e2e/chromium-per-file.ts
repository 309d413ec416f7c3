// One Chromium per e2e test file, launched before its tests and closed after,
// opening contexts on the app `npm start` serves for the run.
import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, newContext, type ViewportName } from './browser.ts';

export function chromiumPerFile(): (size: ViewportName, timezoneId?: string, locale?: string) => Promise<BrowserContext> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return (size, timezoneId, locale) => newContext(browser!, inject('appUrl'), size, timezoneId, locale);
}
