// Real Chromium for the end-to-end tests, at the two sizes people use:
// a phone (360 × 740 CSS px, touch) and a desktop window.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../dev/lib/paths.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';

export const SCREENSHOTS = join(ROOT, '.artifacts', 'screenshots');

export const VIEWPORTS = {
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

export async function newContext(
  browser: Browser,
  baseURL: string,
  size: ViewportName,
  timezoneId = 'Europe/London',
  locale = 'en-GB',
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...VIEWPORTS[size], baseURL, timezoneId, locale });
  await context.grantPermissions(['notifications'], { origin: baseURL });
  return context;
}

let counter = 0;

/**
 * Signs up through the UI, as a person would; lands on search. `origin` is for
 * a page without a baseURL (bench:pwa's Chromium, reached over CDP).
 */
export async function signUpInUi(page: Page, origin = ''): Promise<{ email: string; username: string; password: string }> {
  const id = `${Date.now().toString(36)}${(counter += 1)}`;
  const account = { email: `e2e-${id}@example.com`, username: `e2e_${id}`, password: 'correct horse battery' };
  await page.goto(`${origin}/signup`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  // Wait on the API's answer first, so a failure says whether the server
  // refused, never answered, or the page did not move on.
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/register'));
  await page.getByRole('button', { name: 'Create account' }).click();
  const response = await answered;
  if (response.status() !== 201) throw new Error(`sign-up answered ${response.status()}: ${await response.text()}`);
  await page.waitForURL('**/search');
  return account;
}

/**
 * How long a title's first page view may take: it fetches the title's details
 * (every season) from the providers, through the rate limiter every browser
 * test and, on a shared PostgreSQL, the worker tests share.
 */
export const FIRST_VIEW_MS = 60_000;

/** Search, open the first result and track it. */
export async function trackFromSearch(page: Page, query: string, title: RegExp, origin = ''): Promise<string> {
  await page.goto(`${origin}/search`);
  await page.getByRole('searchbox').fill(query);
  await page.getByRole('link', { name: title }).first().click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: FIRST_VIEW_MS });
  await page.getByRole('button', { name: 'Track', exact: true }).click();
  await page.getByRole('button', { name: 'Untrack' }).waitFor();
  return new URL(page.url()).pathname.split('/').pop()!;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let lazy images and fonts settle so the picture is what a person sees.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
