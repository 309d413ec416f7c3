// Hide spoilers in real Chromium against `npm start`: with the setting on,
// the title of an unwatched episode (Succession's finale, "With Open Eyes";
// The Last of Us's coming episodes, "Episode N") is nowhere in the page's
// HTML on the timeline, Home's Up next or the show page until Reveal is
// pressed, with the mouse or the keyboard; watched episodes keep their titles.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { signUpInUi, trackFromSearch } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

const FINALE = 'With Open Eyes';

let context: BrowserContext;
let page: Page;
let showId: string;

const openContext = chromiumPerFile();

beforeAll(async () => {
  context = await openContext('desktop');
  page = await context.newPage();
});

describe('hide spoilers', () => {
  it('is turned on in Settings after watching Succession up to its last episode but one', async () => {
    await signUpInUi(page);
    await trackFromSearch(page, 'the last of us', /The Last of Us/);
    showId = await trackFromSearch(page, 'succession', /Succession/);
    // The show page opens on the latest season, 4: mark up to S04E09.
    await page.locator('summary[aria-label="More for S04E09"]').click();
    const marked = page.waitForResponse((response) => response.url().includes(`/api/v1/history/shows/${showId}/up-to`) && response.ok());
    await page.getByRole('button', { name: 'Watched up to here' }).click();
    await marked;

    await page.goto('/settings');
    const toggle = page.getByRole('switch', { name: 'Hide spoilers' });
    expect(await toggle.isChecked()).toBe(false);
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH');
    await toggle.click();
    expect((await (await saved).json()).hide_spoilers).toBe(true);
    await page.getByText('Saved.').waitFor();
  });

  it('keeps the coming episodes’ titles out of the timeline until Reveal is clicked', async () => {
    await page.goto('/timeline?view=upcoming');
    const reveal = page.getByRole('button', { name: /^Reveal the title of The Last of Us S03E\d\d$/ }).first();
    await reveal.waitFor();
    expect(await page.locator('main').textContent()).toContain('Episode title hidden');
    expect(await page.content()).not.toMatch(/Episode \d/);

    await reveal.click();
    await page.getByText(/^Episode \d$/).first().waitFor();
    expect(await page.content()).toMatch(/Episode \d/);
  });

  it('keeps the finale’s title out of Up next until Reveal is clicked', async () => {
    await page.goto('/');
    const reveal = page.getByRole('button', { name: 'Reveal the title of Succession S04E10' });
    await reveal.waitFor();
    expect(await page.getByRole('list', { name: 'Up next' }).textContent()).toContain('S04E10 · Episode title hidden');
    expect(await page.content()).not.toContain(FINALE);

    await reveal.click();
    await page.getByText(FINALE).waitFor();
    expect(await page.content()).toContain(FINALE);
  });

  it('on the show page, shows the watched episodes’ titles, not the finale’s, until Reveal is pressed with the keyboard', async () => {
    // A new page load: what was revealed on Home is hidden again.
    await page.goto(`/shows/${showId}`);
    const reveal = page.getByRole('button', { name: 'Reveal the title of S04E10' });
    await reveal.waitFor();
    await page.getByText('Episode 9', { exact: true }).waitFor();
    const html = await page.content();
    expect(html).not.toContain(FINALE);
    expect(html).toContain('Episode title hidden');

    await reveal.focus();
    await page.keyboard.press('Enter');
    await page.getByText(FINALE).waitFor();
    expect(await page.content()).toContain(FINALE);
    // Focus went to the revealed title, not back to the top of the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(FINALE);
  });
});
