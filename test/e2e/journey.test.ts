// The journey the issue names, in real Chromium against `npm start`: sign
// up, search, track, see it on the timeline, go offline and reload to find
// the cached timeline, then a push delivered to the service worker through
// the DevTools protocol, shown as a notification with the show's poster.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { signUpInUi, trackFromSearch } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

let context: BrowserContext;
let page: Page;
const appUrl = inject('appUrl');

const openContext = chromiumPerFile();

beforeAll(async () => {
  context = await openContext('phone', 'America/New_York');
  page = await context.newPage();
});

describe('a new person on a phone', () => {
  let showId: string;

  it('signs up, finds a show, tracks it, and sees tonight’s episode in their zone', async () => {
    await signUpInUi(page);
    showId = await trackFromSearch(page, 'the last of us', /The Last of Us/);

    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByText('times in America/New York').waitFor();

    // HBO airs it at 21:00 US Eastern: that is the time a New Yorker sees,
    // whatever the UTC date (the stand-ins air one episode on today's UTC day).
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('button', { name: 'Upcoming' }).click();
    const next = page.getByRole('link', { name: /The Last of Us/ }).first();
    await next.waitFor();
    expect(await next.textContent()).toMatch(/S03E\d\d.*21:00/);
  });

  it('opens offline after a reload, showing the saved timeline and saying it is offline', async () => {
    // The service worker has installed and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    await page.getByRole('link', { name: /The Last of Us/ }).first().waitFor();
    // Let the persister write the timeline (it batches writes once a second).
    await page.waitForFunction(() => {
      const saved = JSON.parse(localStorage.getItem('showtracker:query-cache') ?? 'null') as {
        clientState: { queries: { queryKey: unknown[]; state: { data?: { events?: { show: { title: string } }[] } } }[] };
      } | null;
      return saved?.clientState.queries.some(
        (query) => query.queryKey[0] === 'timeline' && query.state.data?.events?.some((event) => event.show.title === 'The Last of Us'),
      );
    });

    await context.setOffline(true);
    await page.reload();
    await page.getByText("You're offline").waitFor();
    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
    expect(await page.getByRole('link', { name: /The Last of Us/ }).first().textContent()).toMatch(/21:00/);
    // Another screen opens offline too, from the app shell and its saved data.
    await page.getByRole('link', { name: 'My shows' }).click();
    await page.getByRole('link', { name: /The Last of Us/ }).waitFor();
    await context.setOffline(false);
  });

  it('shows a push as a notification with the poster and Open / Mark watched actions', async () => {
    const cdp = await context.newCDPSession(page);
    const registrations = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
        const mine = list.find((item: { scopeURL: string; isDeleted: boolean }) => item.scopeURL.startsWith(appUrl) && !item.isDeleted);
        if (mine) resolve(mine.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registrations;
    // The show's real poster, as the dispatcher sends it (the stand-ins serve it
    // on 127.0.0.1): Chromium loads the icon before it shows the notification,
    // and an unreachable host here can stall that for longer than the test waits.
    const poster = (await (await fetch(`${appUrl}/api/v1/shows/${showId}`)).json()).poster_url as string;
    const payload = {
      id: crypto.randomUUID(),
      title: 'The Last of Us',
      body: 'S03E03 · tonight 21:00 · Episode 3',
      show_id: showId,
      event_type: 'new_episode',
      season_number: 3,
      episode_number: 3,
      url: `/shows/${showId}`,
      icon: poster,
      image: poster,
      tag: `show-${showId}`,
      actions_token: 'a.b.c',
    };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(appUrl).origin, registrationId, data: JSON.stringify(payload) });

    // The service worker shows it asynchronously, after Chromium has loaded its icon, which on 2
    // cores shared with the rest of the suite can take well over 15 s: ask until it is there.
    // (waitForFunction does not await an async predicate: its promise counts as truthy.)
    const readShown = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        const [notification] = await registration.getNotifications();
        if (!notification) return null;
        return {
          title: notification.title,
          body: notification.body,
          icon: notification.icon,
          tag: notification.tag,
          actions: (notification as Notification & { actions: { action: string; title: string }[] }).actions.map((action) => action.title),
          data: notification.data as { url: string; id: string },
        };
      });
    await expect.poll(readShown, { timeout: 45_000 }).not.toBeNull();
    const notification = await readShown();
    expect(notification).toMatchObject({
      title: 'The Last of Us',
      body: 'S03E03 · tonight 21:00 · Episode 3',
      icon: poster,
      tag: `show-${showId}`,
      actions: ['Open', 'Mark watched'],
      data: { url: `/shows/${showId}`, id: payload.id },
    });
  });
});
