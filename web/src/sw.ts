/// <reference lib="webworker" />
// The service worker (vite-plugin-pwa, injectManifest), with the design's
// strategies (docs/design.md#service-worker): the app shell precached and served cache-first, the API
// network-first with a cache fallback, posters stale-while-revalidate. It
// also shows web pushes, with "Open" and "Mark watched" actions.
import { hc } from 'hono/client';
import { clientsClaim } from 'workbox-core';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { API_CACHE, FROM_CACHE_HEADER, IMAGE_CACHE, notificationFromPush, planClick, type NotificationData, type PushPayload } from './lib/push-message.ts';

// Types only: none of the worker's code reaches the service worker.
import type { AppType } from '../../worker/app.ts';

/** api.ts's STATE_HEADER (not imported: api.ts would bring the page's session code into the service worker). */
const STATE_HEADER = 'X-ShowTracker-State';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Every in-app address opens the app shell, online or not; the API and the
// calendar feed are not the app.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/cal\//] }));

// NetworkFirst reads its cache only when the network did not answer: such an
// answer says so, and the page shows it is offline (web/src/lib/connectivity.ts).
const markedFromCache = {
  cachedResponseWillBeUsed: async ({ cachedResponse }: { cachedResponse?: Response }) => {
    if (!cachedResponse) return cachedResponse;
    const headers = new Headers(cachedResponse.headers);
    headers.set(FROM_CACHE_HEADER, '1');
    return new Response(cachedResponse.body, { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};

// The API: fresh when the network answers (within 4 s), the last answer when it does not.
// Auth is never cached, and the cache is emptied when someone signs out.
// The network leg fetches the page's own Request, every header kept
// (Authorization, and X-ShowTracker-State for read-your-writes).
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin && url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/v1/auth/') && request.method === 'GET',
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: 4,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 7 * 24 * 3600 }),
      markedFromCache,
    ],
  }),
);

// Posters and stills, from TMDB's image CDN or anywhere else.
registerRoute(
  ({ request }) => request.destination === 'image',
  new StaleWhileRevalidate({
    cacheName: IMAGE_CACHE,
    plugins: [new CacheableResponsePlugin({ statuses: [0, 200] }), new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true })],
  }),
);

// The page's "Reload" button on the update prompt.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

self.addEventListener('push', (event) => {
  let payload: PushPayload;
  try {
    payload = (event.data?.json() ?? {}) as PushPayload;
  } catch {
    payload = { title: 'ShowTracker', body: event.data?.text() ?? '' };
  }
  const { title, options } = notificationFromPush(payload, self.location.origin);
  event.waitUntil(
    Promise.all([
      self.registration.showNotification(title, options),
      // Open pages refresh their unread badge and inbox.
      self.clients.matchAll({ type: 'window' }).then((pages) => pages.forEach((page) => page.postMessage({ type: 'push-received' }))),
    ]),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const plan = planClick(event.action, event.notification.data as NotificationData | null, self.location.origin);
  event.waitUntil(plan.kind === 'watched' ? markWatched(plan.id, plan.token, plan.url) : openPage(plan.url));
});

/** "Mark watched" from the notification, with the one-purpose token the push carried. */
async function markWatched(id: string, token: string, url: string): Promise<void> {
  // The push's one-purpose token, not a session: hc without the page's api.ts (no refresh, no session state here).
  const response = await hc<AppType>(self.location.origin)
    .api.v1.notifications[':id'].watched.$post({ param: { id } }, { headers: { Authorization: `Bearer ${token}` } })
    .catch(() => null);
  const pages = await self.clients.matchAll({ type: 'window' });
  // The state version that includes this write, first, so the lists pages refetch on 'watched' are not pre-write cached reads.
  const version = response?.ok ? response.headers.get(STATE_HEADER) : null;
  if (version) for (const page of pages) page.postMessage({ type: 'state', version });
  for (const page of pages) page.postMessage({ type: response?.ok ? 'watched' : 'watched-failed', id });
  // An expired token (after 14 days) or a show no longer tracked: the show page says the rest.
  if (response && (response.status === 401 || response.status === 409)) return openPage(url);
  if (!response?.ok) {
    await self.registration.showNotification('Could not mark it watched', {
      body: 'Open ShowTracker to update your progress.',
      icon: '/icons/icon-192.png',
      tag: `watched-failed-${id}`,
      data: { url: '/notifications' },
    });
  }
}

async function openPage(url: string): Promise<void> {
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = pages.find((page) => page.url === url) ?? pages[0];
  if (same) {
    await same.focus();
    if (same.url !== url) await (same as WindowClient).navigate(url).catch(() => undefined);
    return;
  }
  await self.clients.openWindow(url);
}
