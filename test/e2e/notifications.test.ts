// The notification screen in real Chromium against `npm start`, with
// notifications made by the real pipeline: tracking shows with a week's
// notice schedules one for each episode airing within the week, and the
// dispatch cron (fired here rather than waited for) delivers them, to no
// device, so they land in the inbox as unread. Marking one read must stick
// (the PWA once sent POST to a PATCH route: a 404 hidden by the optimistic
// update until the next refetch), and the badge must agree with the list,
// also after a reload restores a badge saved before they arrived.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { signUpInUi } from './browser.ts';
import { chromiumPerFile } from './chromium-per-file.ts';

interface InboxRow {
  id: string;
  title: string;
  status: string;
  scheduled_for: string;
}

interface Inbox {
  has_more: boolean;
  unread: number;
  notifications: InboxRow[];
}

const appUrl = inject('appUrl');
const openContext = chromiumPerFile();

// Weekly shows whose next episode airs within 7 days, whatever the time of day
// the run starts (the stand-ins' air dates hang off today).
const SHOWS = [
  { query: 'the last of us', title: 'The Last of Us' },
  { query: 'the simpsons', title: 'The Simpsons' },
  { query: 'knight of the seven kingdoms', title: 'A Knight of the Seven Kingdoms' },
];

let context: BrowserContext;
let page: Page;
let token: string;
let delivered: InboxRow[];

/** The API as the same person, from Node, for what the test arranges and checks. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${appUrl}/api/v1${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function pending(): Promise<InboxRow[]> {
  const rows: InboxRow[] = [];
  for (let number = 1; ; number += 1) {
    const inbox = await call<Inbox>('GET', `/notifications?status=pending&page=${number}`);
    rows.push(...inbox.notifications);
    if (!inbox.has_more) return rows;
  }
}

const dots = () => page.locator('.inbox .unread-dot');
const row = (title: string) => page.locator('.inbox-item', { hasText: title });
/** The nav's Alerts tab, named with its badge ("Alerts , 3 unread": the label and its hidden count are two spans) or without one. */
const alertsTab = (unread: number) =>
  page.getByRole('link', { name: unread > 0 ? new RegExp(`^Alerts\\s*, ${unread} unread$`) : /^Alerts$/ });

async function expectInboxShows(unread: number): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await row(delivered[0]!.title).waitFor();
  await expect.poll(() => dots().count()).toBe(unread);
  await alertsTab(unread).waitFor();
}

beforeAll(async () => {
  context = await openContext('desktop');
  page = await context.newPage();
});

describe('the notification screen', () => {
  it('shows what arrived while a badge of 0 was saved, and the badge agrees after a reload', async () => {
    const account = await signUpInUi(page);
    // The badge has been fetched (0) and saved on this device, as for anyone
    // who opened the app before their notifications arrived.
    await page.waitForFunction(() => {
      const saved = JSON.parse(localStorage.getItem('showtracker:query-cache') ?? 'null') as {
        clientState: { queries: { queryKey: unknown[]; state: { data?: { unread?: number } } }[] };
      } | null;
      return saved?.clientState.queries.some((query) => query.queryKey[0] === 'notifications-count' && query.state.data?.unread === 0);
    });

    ({ access_token: token } = await call<{ access_token: string }>('POST', '/auth/login', {
      email: account.email,
      password: account.password,
      token_transport: 'body',
    }));
    for (const show of SHOWS) {
      const { results } = await call<{ results: { id: string; title: string }[] }>('GET', `/shows/search?q=${encodeURIComponent(show.query)}`);
      const found = results.find((result) => result.title === show.title);
      if (!found) throw new Error(`the stand-ins have no "${show.title}"`);
      await call('POST', '/tracking', { show_id: found.id, notify_hours_before: 168 });
    }
    const due = (await pending()).filter((item) => Date.parse(item.scheduled_for) <= Date.now());
    expect(due.length).toBeGreaterThanOrEqual(2);

    const fired = await fetch(`${appUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
    expect(fired.ok).toBe(true);
    await expect
      .poll(async () => (await call<Inbox>('GET', '/notifications')).notifications.map((item) => item.id), { timeout: 60_000 })
      .toEqual(expect.arrayContaining(due.map((item) => item.id)));
    delivered = (await call<Inbox>('GET', '/notifications')).notifications;
    expect(delivered.every((item) => item.status === 'failed' || item.status === 'sent')).toBe(true);

    await page.goto('/notifications');
    // What the server delivered: every one due before the cron fired, and any that came due
    // between that count and the dispatch (the tracked shows' reminders are a week ahead of air).
    await expectInboxShows(delivered.length);
    expect(await page.getByRole('button', { name: 'Mark all read' }).isEnabled()).toBe(true);
  });

  it('marks one read: the dot stays gone after the refetch and a reload, and the server agrees', async () => {
    const [first] = delivered;
    const isInbox = (url: string) => new URL(url).pathname === '/api/v1/notifications';
    const marked = page.waitForResponse((response) => response.url().endsWith(`/api/v1/notifications/${first!.id}/read`));
    // The refetch that follows the read: the first inbox request after the click.
    const refetched = page.waitForResponse((response) => isInbox(response.url()) && response.request().method() === 'GET');
    await page.getByRole('button', { name: `Mark “${first!.title}” read` }).click();

    const answer = await marked;
    expect(answer.request().method()).toBe('PATCH');
    expect(answer.status()).toBe(200);
    await refetched;
    await expect.poll(() => row(first!.title).locator('.unread-dot').count()).toBe(0);
    await expectInboxShows(delivered.length - 1);

    const server = await call<Inbox>('GET', '/notifications');
    expect(server.notifications.find((item) => item.id === first!.id)?.status).toBe('read');
    expect(server.unread).toBe(delivered.length - 1);
    expect(await call('GET', '/notifications/unread-count')).toEqual({ unread: delivered.length - 1 });

    await page.reload();
    await expectInboxShows(delivered.length - 1);
    expect(await row(first!.title).locator('.unread-dot').count()).toBe(0);
  });

  it('marks all read: no dots, no badge, nothing left to mark, after a reload too', async () => {
    const markedAll = page.waitForResponse((response) => response.url().endsWith('/api/v1/notifications/read-all'));
    await page.getByRole('button', { name: 'Mark all read' }).click();
    expect((await markedAll).status()).toBe(200);
    await expectInboxShows(0);
    await expect.poll(() => page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    expect(await call('GET', '/notifications/unread-count')).toEqual({ unread: 0 });

    await page.reload();
    await expectInboxShows(0);
    await expect.poll(() => page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    expect((await call<Inbox>('GET', '/notifications')).notifications.map((item) => item.status)).toEqual(delivered.map(() => 'read'));
  });
});
