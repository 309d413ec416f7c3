// Every screen at phone and desktop width (plus the dark theme), written to
// .artifacts/screenshots/ (git-ignored) for people to look at. Each shot
// also checks that the screen rendered its heading, and that nothing is
// wider than the window.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signUpInUi, trackFromSearch, VIEWPORTS, type ViewportName } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

const openContext = chromiumPerFile();

async function shoot(page: Page, name: string, heading: string | RegExp) {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.locator('.skeleton').first().waitFor({ state: 'detached' }).catch(() => undefined);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
  await screenshot(page, name);
}

describe.each(Object.keys(VIEWPORTS) as ViewportName[])('every screen on a %s', (size) => {
  it('renders and is captured', async () => {
    const context = await openContext(size, 'Europe/London');
    const page = await context.newPage();
    await page.goto('/');
    // Signed out, the catalog is open: trending on the welcome page, search, a show.
    await page.locator('.grid .card').first().waitFor();
    await shoot(page, `${size}-01-welcome`, 'Never miss an episode');
    await page.goto('/search?q=severance');
    await page.getByRole('link', { name: /Severance/ }).first().click();
    await page.getByRole('link', { name: 'Sign in to track' }).waitFor();
    await shoot(page, `${size}-01b-show-signed-out`, 'Severance');
    await page.goto('/signin');
    await shoot(page, `${size}-02-sign-in`, 'Sign in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your email').waitFor();
    await shoot(page, `${size}-03-sign-in-errors`, 'Sign in');

    await signUpInUi(page);
    const showId = await trackFromSearch(page, 'the last of us', /The Last of Us/);
    await trackFromSearch(page, 'stranger things', /Stranger Things/);
    await page.getByRole('button', { name: '☆ Favorite' }).click();
    await trackFromSearch(page, 'avengers', /Avengers/);

    await page.goto('/search?q=the');
    await page.getByRole('link', { name: /The Office|The Boys|The Last of Us/ }).first().waitFor();
    await shoot(page, `${size}-04-search`, 'Search');
    await page.goto('/search');
    await page.getByRole('heading', { name: 'Trending this week' }).waitFor();
    await shoot(page, `${size}-05-search-empty-box`, 'Search');
    await page.goto(`/shows/${showId}`);
    await page.locator('.episode').first().waitFor();
    await page.getByText('Notifications', { exact: true }).click();
    await shoot(page, `${size}-06-show`, 'The Last of Us');
    await page.getByRole('button', { name: 'Mark season watched' }).click();
    await page.getByText(/\d+ marked/).waitFor();
    await page.getByLabel(/^More for S\d\dE01$/).click();
    await shoot(page, `${size}-06b-show-watched`, 'The Last of Us');
    await page.goto('/');
    await shoot(page, `${size}-07-home`, 'Tonight');
    await page.goto('/my-shows');
    await page.getByRole('link', { name: /Stranger Things/ }).waitFor();
    await shoot(page, `${size}-08-my-shows`, 'My shows');
    await page.getByRole('link', { name: 'What you watched' }).click();
    await page.locator('.history-row').first().waitFor();
    await page.getByRole('button', { name: /^Edit date of / }).first().click();
    await shoot(page, `${size}-08b-history`, 'History');
    await page.goto('/timeline?view=upcoming');
    await page.getByRole('link', { name: /The Last of Us/ }).first().waitFor();
    await shoot(page, `${size}-09-timeline-upcoming`, 'Timeline');
    await page.goto('/timeline?view=month');
    await page.getByRole('grid').waitFor();
    await shoot(page, `${size}-10-timeline-month`, 'Timeline');
    await page.goto('/notifications');
    await shoot(page, `${size}-11-notifications`, 'Notifications');
    await page.goto('/settings');
    await page.getByLabel('Your feed address').waitFor();
    await shoot(page, `${size}-12-settings`, 'Settings');
    await page.goto('/nowhere');
    await shoot(page, `${size}-13-not-found`, 'Page not found');

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await shoot(page, `${size}-14-home-dark`, 'Tonight');
    await page.goto(`/shows/${showId}`);
    await page.locator('.episode').first().waitFor();
    await shoot(page, `${size}-15-show-dark`, 'The Last of Us');

    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.goto('/timeline?view=upcoming');
    await page.getByRole('link', { name: /The Last of Us/ }).first().waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.getByText("You're offline").waitFor();
    await shoot(page, `${size}-16-offline-timeline`, 'Timeline');
    await context.close();
  });
});
