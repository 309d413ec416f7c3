// Staying signed in across reloads and tabs. Each page load trades the
// refresh cookie for an access token, and the token rotates on every use, so
// the owner can present one token twice: two tabs opening together, or a
// reload that cut off a refresh whose new cookie never arrived. Neither may
// sign the person out (CI caught the keyboard test signed out this way).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signUpInUi } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

const openContext = chromiumPerFile();

/** Settings loads the calendar feed address, which only a live session can read. */
async function expectSignedIn(page: Page): Promise<void> {
  await page.goto('/settings');
  await page.getByLabel('Your feed address').waitFor();
  expect(new URL(page.url()).pathname).toBe('/settings');
  expect(await page.getByLabel('Your feed address').inputValue()).toMatch(/\/cal\/[^/]+\.ics$/);
}

describe('the session', () => {
  it('survives a reload that cut off the refresh after the server had rotated the token', async () => {
    const context = await openContext('desktop');
    const page = await context.newPage();
    await signUpInUi(page);

    // The next refresh reaches the server, which rotates the token, but its
    // answer (and the new cookie) never reaches the page.
    let cutOff = 0;
    await page.route('**/api/v1/auth/refresh', async (route) => {
      const request = route.request();
      const server = await fetch(request.url(), { method: 'POST', headers: await request.allHeaders(), body: request.postData() });
      expect(server.status).toBe(200);
      cutOff += 1;
      await route.abort('connectionreset');
    });
    await page.reload();
    await expect.poll(() => cutOff).toBeGreaterThan(0);
    await page.unroute('**/api/v1/auth/refresh');

    await expectSignedIn(page);
    await context.close();
  });

  it('keeps two tabs opened at the same moment both signed in', async () => {
    const context = await openContext('desktop');
    const first = await context.newPage();
    await signUpInUi(first);
    const second = await context.newPage();
    await Promise.all([first.goto('/settings'), second.goto('/settings')]);
    await expectSignedIn(first);
    await expectSignedIn(second);
    await context.close();
  });

  it('signs every tab out when the person signs out in one, and follows a sign-in as someone else', async () => {
    const context = await openContext('desktop');
    const here = await context.newPage();
    const account = await signUpInUi(here);
    const other = await context.newPage();
    await other.goto('/my-shows');
    await other.getByRole('heading', { level: 1, name: 'My shows' }).waitFor();

    await expectSignedIn(here);
    await here.getByRole('button', { name: 'Sign out', exact: true }).click();
    // The other tab did nothing, yet it is signed out: no private screen stays on show.
    await other.waitForURL('**/signin?next=%2Fmy-shows');
    await other.getByRole('link', { name: 'Sign in', exact: true }).waitFor();
    expect(await other.getByRole('link', { name: 'My shows' }).count()).toBe(0);

    // Signing in again in the first tab brings the second along.
    await here.goto('/signin');
    await here.getByLabel('Email').fill(account.email);
    await here.getByLabel('Password').fill(account.password);
    await here.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('link', { name: 'My shows' }).waitFor();
    await expectSignedIn(other);
    await context.close();
  });
});
