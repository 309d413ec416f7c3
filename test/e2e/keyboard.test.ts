// Keyboard use: the skip link first, visible focus, and the main actions
// reachable and operable without a pointer.
import { describe, expect, it } from 'vitest';
import { FIRST_VIEW_MS, signUpInUi } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

const openContext = chromiumPerFile();

describe('with the keyboard alone', () => {
  it('skips to content, shows where focus is, and tracks a show', async () => {
    const context = await openContext('desktop');
    const page = await context.newPage();
    await signUpInUi(page);

    await page.goto('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Every focused control draws a visible outline.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');

    // Search, open the first result and track it, by keys only.
    await page.goto('/search');
    await page.getByRole('searchbox').focus();
    await page.keyboard.type('severance');
    const result = page.getByRole('link', { name: /Severance/ }).first();
    await result.waitFor();
    await result.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Severance' }).waitFor({ timeout: FIRST_VIEW_MS });
    // Focus moved to the new screen's heading, so the next Tab starts there.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const track = page.getByRole('button', { name: 'Track', exact: true });
    for (let presses = 0; presses < 40 && !(await track.evaluate((element) => element === document.activeElement)); presses += 1) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Untrack' }).waitFor();
    await context.close();
  });
});
