// The settings screen's calendar feed against the real API: the address is
// shown with subscribe links, and making a new one retires the old address.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@solidjs/testing-library';
import { createQueryClient } from '../src/lib/query-client.ts';
import { CalendarFeed } from '../src/screens/settings-calendar.tsx';
import { eventually, freshAccount, renderScreen } from './helpers.tsx';

afterEach(() => cleanup());

const feedPath = (url: string) => new URL(url).pathname;
// The feed may be cached for 5 minutes (Cache-Control: private, max-age=300); ask the server itself.
const fetchFeed = (url: string) => fetch(feedPath(url), { cache: 'no-store' });

describe('CalendarFeed', () => {
  it('shows the private address with Google and Apple links, and rotating it retires the old one', async () => {
    await freshAccount();
    renderScreen(createQueryClient(), CalendarFeed);
    const input = (await screen.findByLabelText('Your feed address', {}, { timeout: 10_000 })) as HTMLInputElement;
    const first = input.value;
    expect(first).toMatch(/\/cal\/[A-Za-z0-9_-]+\.ics$/);
    expect(screen.getByRole('link', { name: 'Add to Apple Calendar' }).getAttribute('href')).toMatch(/^webcal:\/\//);
    expect(screen.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href')).toMatch(
      /^https:\/\/calendar\.google\.com\/calendar\/render\?cid=webcal/,
    );
    const feed = await fetchFeed(first);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    fireEvent.click(screen.getByRole('button', { name: 'Make a new address…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Make a new address' }));
    await eventually(() => expect((screen.getByLabelText('Your feed address') as HTMLInputElement).value).not.toBe(first));
    const second = (screen.getByLabelText('Your feed address') as HTMLInputElement).value;
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
  });
});
