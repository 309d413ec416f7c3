// Dates and times people read right (issue 15), in real Chromium against
// `npm start`, for a person in New York whose browser speaks American
// English (a 12-hour clock): other years' dates name their year, what is
// still ahead reads in the future tense, times follow the locale or the
// Clock setting, the time-zone picker is a searchable list of canonical
// zones, and Home on a Sunday evening shows the week ahead. The stand-ins
// place the catalog around the run's date: The Last of Us's first season is
// fixed in January 2023 (Sundays, 21:00 in New York), its third weekly
// around today, and Avengers: Doomsday comes out 24 days from today.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, isoWeekday, isoWeekOf, localDate, wallTimeToUtc } from '../../worker/lib/local-time.ts';
import { screenshot, signUpInUi, trackFromSearch, type ViewportName } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

const ZONE = 'America/New_York';

const openContext = chromiumPerFile();

let context: BrowserContext;
let page: Page;
let showId: string;
let movieId: string;

async function signedUpTracking(size: ViewportName) {
  const opened = await openContext(size, ZONE, 'en-US');
  const tab = await opened.newPage();
  await signUpInUi(tab);
  const tlou = await trackFromSearch(tab, 'the last of us', /The Last of Us/);
  const avengers = await trackFromSearch(tab, 'avengers', /Avengers/);
  return { opened, tab, tlou, avengers };
}

beforeAll(async () => {
  ({ opened: context, tab: page, tlou: showId, avengers: movieId } = await signedUpTracking('desktop'));
});

describe('dates and times', () => {
  it('name the year of a date in another year: The Last of Us began on Sun 15 Jan 2023', async () => {
    await page.goto(`/shows/${showId}`);
    await page.getByRole('button', { name: 'Season 1', exact: true }).click();
    const first = page.locator('.episode', { hasText: 'S01E01' }).locator('.episode-when');
    await first.waitFor();
    expect(await first.textContent()).toContain('Sun 15 Jan 2023 9:00 PM');
    await screenshot(page, 'dates-desktop-show-other-year');
  });

  it('read a release still ahead in the future tense, on the movie’s page and in My shows', async () => {
    await page.goto(`/shows/${movieId}`);
    await page.locator('dt', { hasText: /^Releases$/ }).waitFor();
    await page.getByText(/^Releases \d{1,2} \w{3} \d{4}$/).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/Released|Out \d/);
    await screenshot(page, 'dates-desktop-movie-releases');

    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: 'Next 7 days' }).waitFor();
    await screenshot(page, 'dates-desktop-home');

    await page.goto('/my-shows');
    const row = page.getByRole('link', { name: /Avengers/ }).first();
    await row.waitFor();
    expect(await page.locator('main').textContent()).toMatch(/Releases \w+/);
  });

  it('follow the browser’s 12-hour clock, until the Clock setting says 24-hour', async () => {
    await page.goto('/timeline?view=upcoming');
    const event = page.getByRole('link', { name: /The Last of Us/ }).first();
    await event.waitFor();
    expect(await event.textContent()).toMatch(/9:00 PM/);

    await page.goto('/settings');
    await page.getByRole('radio', { name: /^Automatic/ }).waitFor();
    expect(await page.getByRole('radio', { name: /^Automatic/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /^24-hour/ }).check();
    await page.goto('/timeline?view=upcoming');
    await event.waitFor();
    expect(await event.textContent()).toMatch(/21:00/);
    expect(await event.textContent()).not.toMatch(/PM/);
    // Kept on this device: a reload still reads 24-hour.
    await page.reload();
    await event.waitFor();
    expect(await event.textContent()).toMatch(/21:00/);

    await page.goto('/settings');
    await page.getByRole('radio', { name: /^Automatic/ }).check();
  });

  it('offer canonical time zones only, searchable by city, the browser’s first, picked with the keyboard', async () => {
    await page.goto('/settings');
    const combobox = page.getByRole('combobox', { name: 'Your time zone' });
    await combobox.click();
    const listbox = page.getByRole('listbox', { name: 'Time zones' });
    await listbox.waitFor();
    const options = listbox.getByRole('option');
    expect(await options.first().textContent()).toMatch(/New York.*this device.*America\/New York.*UTC−0[45]:00/);
    const names = await options.allTextContents();
    expect(names.length).toBeGreaterThan(300);
    for (const legacy of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'America/Buenos Aires']) {
      expect(names.filter((name) => name.includes(legacy))).toEqual([]);
    }
    await screenshot(page, 'dates-desktop-settings-zone-picker');

    await combobox.fill('calcutta');
    expect(await options.allTextContents()).toEqual([expect.stringMatching(/^Kolkata.*Asia\/Kolkata.*UTC\+05:30$/)]);
    await combobox.fill('kolkata');
    await combobox.press('ArrowDown');
    expect(await combobox.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'));
    const saved = page.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH');
    await combobox.press('Enter');
    expect((await (await saved).json()).timezone).toBe('Asia/Kolkata');
    await page.getByText('Now: Kolkata').waitFor();
    expect(await listbox.isHidden()).toBe(true);

    // Back to this device's zone, for what follows.
    const restored = page.waitForResponse((response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Use America/New York' }).click();
    expect((await (await restored).json()).timezone).toBe(ZONE);
  });
});

describe('Home on a Sunday evening', () => {
  it('shows the episodes of the days after it, where the calendar week would end', async () => {
    // Its own person and browser, whose clock is moved to a Sunday evening.
    const { opened, tab, avengers } = await signedUpTracking('phone');
    const answered = tab.waitForResponse((response) => response.url().includes('/api/v1/timeline/upcoming') && response.ok());
    await tab.goto('/timeline?view=upcoming');
    const upcoming = (await (await answered).json()) as { events: { date: string; show: { title: string } }[] };
    // An event after this calendar week, on a weekday other than Sunday: the
    // Sunday before it, Home must show it; the calendar week would not.
    const today = localDate(new Date(), ZONE);
    const later = upcoming.events.find((event) => event.date > isoWeekOf(today).to && isoWeekday(event.date) !== 7);
    expect(later, 'an event after this week').toBeDefined();
    const sunday = addDays(isoWeekOf(later!.date).from, -1);
    await opened.clock.install({ time: wallTimeToUtc(sunday, '20:00', ZONE) });

    const home = await opened.newPage();
    await home.goto('/');
    const week = home.getByRole('region', { name: 'Next 7 days' });
    await week.getByRole('region', { name: /^(Tomorrow|\w{3} \d{1,2} \w{3})$/ }).first().waitFor();
    expect(await week.textContent()).toContain(later!.show.title);
    expect(await week.textContent()).not.toContain('Nothing else');
    await screenshot(home, 'dates-phone-home-sunday-evening');

    await home.goto(`/shows/${avengers}`);
    await home.locator('dt', { hasText: /^Releases$/ }).waitFor();
    await screenshot(home, 'dates-phone-movie-releases');

    await home.goto('/settings');
    await home.getByRole('combobox', { name: 'Your time zone' }).click();
    await home.getByRole('listbox', { name: 'Time zones' }).waitFor();
    await screenshot(home, 'dates-phone-settings-zone-picker');
    await opened.close();
  });
});
