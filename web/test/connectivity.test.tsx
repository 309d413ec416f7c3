// The offline banner follows what the app's own requests find, not only
// navigator.onLine, which stays true on a network that reaches nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@solidjs/testing-library';
import { OfflineBanner } from '../src/components/ui.tsx';
import { noteApiOutcome } from '../src/lib/connectivity.ts';
import { FROM_CACHE_HEADER } from '../src/lib/push-message.ts';

afterEach(() => {
  noteApiOutcome(new Response('{}'));
  cleanup();
});

const banner = () => screen.queryByText(/You're offline/);

describe('the offline banner', () => {
  it('shows when a request got no answer although the device says it is online, and goes once the server answers', () => {
    expect(navigator.onLine).toBe(true);
    render(() => <OfflineBanner />);
    expect(banner()).toBeNull();
    noteApiOutcome(null);
    expect(banner()).not.toBeNull();
    noteApiOutcome(new Response('{}', { status: 200 }));
    expect(banner()).toBeNull();
  });

  it("shows when the service worker answered from its cache, and an error answer from the server still counts as reachable", () => {
    render(() => <OfflineBanner />);
    noteApiOutcome(new Response('{}', { status: 200, headers: { [FROM_CACHE_HEADER]: '1' } }));
    expect(banner()).not.toBeNull();
    noteApiOutcome(new Response('{"error":{}}', { status: 503 }));
    expect(banner()).toBeNull();
  });

  it('believes the device when it says it is back online', () => {
    render(() => <OfflineBanner />);
    noteApiOutcome(null);
    window.dispatchEvent(new Event('online'));
    expect(banner()).toBeNull();
  });
});
