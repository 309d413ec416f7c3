// Importing and exporting on a phone, in real Chromium against `npm start`:
// from Settings to Import & export, upload a Trakt data export (a ZIP made
// here, on the stand-in catalog), read the preview, confirm, see what was
// added, undo it; then download the JSON export.
import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, signUpInUi } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

let context: BrowserContext;
let page: Page;
let username: string;

const openContext = chromiumPerFile();

beforeAll(async () => {
  context = await openContext('phone', 'Europe/London');
  page = await context.newPage();
});

const BREAKING_BAD = { title: 'Breaking Bad', year: 2008, ids: { trakt: 1388, slug: 'breaking-bad', tvdb: 81189, imdb: 'tt0903747', tmdb: 1396 } };
const INCEPTION = { title: 'Inception', year: 2010, ids: { trakt: 16662, slug: 'inception-2010', imdb: 'tt1375666', tmdb: 27205 } };
const LAST_OF_US = { title: 'The Last of Us', year: 2023, ids: { trakt: 158947, slug: 'the-last-of-us', tvdb: 392256, imdb: null, tmdb: null } };

const play = (id: number, season: number, number: number, at: string) => ({
  id,
  watched_at: at,
  action: 'watch',
  type: 'episode',
  episode: { season, number, title: `Episode ${number}`, ids: { trakt: id, tvdb: null, imdb: null, tmdb: null } },
  show: BREAKING_BAD,
});

/** Trakt's data export: two episodes of Breaking Bad and Inception watched, The Last of Us on the watchlist. */
const traktExport = () =>
  Buffer.from(
    zipSync({
      'watched-history.json': strToU8(
        JSON.stringify([
          play(9001, 1, 1, '2024-01-05T20:00:00.000Z'),
          play(9002, 1, 2, '2024-01-06T20:00:00.000Z'),
          { id: 9003, watched_at: '2024-02-10T19:30:00.000Z', action: 'scrobble', type: 'movie', movie: INCEPTION },
        ]),
      ),
      'lists-watchlist.json': strToU8(
        JSON.stringify([{ rank: 1, id: 1, listed_at: '2024-04-01T10:00:00.000Z', notes: null, type: 'show', show: LAST_OF_US }]),
      ),
    }),
  );

async function noWiderThanTheWindow(name: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
}

describe('importing on a phone', () => {
  it('uploads a Trakt export from Settings and shows what it holds before anything changes', async () => {
    ({ username } = await signUpInUi(page));
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Import or export your data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import & export' }).waitFor();
    await page.getByText('No imports yet').waitFor();

    await page.getByLabel('Export file').setInputFiles({ name: 'trakt-export.zip', mimeType: 'application/zip', buffer: traktExport() });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    const card = page.getByRole('region', { name: 'trakt-export.zip' });
    await card.getByRole('button', { name: 'Confirm and import' }).waitFor({ timeout: 60_000 });
    expect(await card.locator('dl').first().innerText()).toMatch(/Episodes watched\s+2\s+2 matched[\s\S]*Movies watched\s+1\s+1 matched[\s\S]*Watchlist\s+1\s+1 matched/);
    expect(await card.innerText()).toContain('3 titles: 3 matched.');
    await noWiderThanTheWindow('the preview');
    await screenshot(page, 'phone-import-preview');
  });

  it('confirms, shows what was added, and undoes it', async () => {
    const card = page.getByRole('region', { name: 'trakt-export.zip' });
    await card.getByRole('button', { name: 'Confirm and import' }).click();
    await card.getByText(/^Imported on /).waitFor({ timeout: 60_000 });
    expect(await card.locator('dl').innerText()).toMatch(/Watches added\s+3[\s\S]*Added to your watchlist\s+1/);
    const past = page.getByRole('region', { name: 'Past imports' });
    await past.getByText('Imported', { exact: true }).waitFor();
    await noWiderThanTheWindow('the outcome');
    await screenshot(page, 'phone-import-outcome');

    await card.getByRole('button', { name: 'Undo this import…' }).click();
    await card.getByRole('button', { name: 'Undo this import', exact: true }).click();
    await card.getByText(/everything this import added was removed/).waitFor();
    await past.getByText('Undone', { exact: true }).waitFor();
  });

  it('downloads the JSON export with the token, as a file', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^showtracker-export-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(readFileSync(await file.path(), 'utf8')) as { version: number; account: { username: string } };
    expect(document.version).toBe(1);
    expect(document.account.username).toBe(username);
  });
});
