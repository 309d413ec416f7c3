// Turning a push payload (sent by the dispatcher) into the notification the
// service worker shows. Kept apart from sw.ts so it can be tested.

export const API_CACHE = 'showtracker-api';
export const IMAGE_CACHE = 'showtracker-images';
/** Set by the service worker on an API answer it took from API_CACHE because the network did not answer. */
export const FROM_CACHE_HEADER = 'X-ShowTracker-From-Cache';

/** What a push carries, as the worker writes it; every field read as possibly absent, since a push is untrusted input. */
export type PushPayload = Partial<import('../../../worker/features/notifications/push-payload.ts').PushPayload>;

export function notificationFromPush(payload: PushPayload, origin: string): { title: string; options: NotificationOptions & { actions?: { action: string; title: string }[]; image?: string; renotify?: boolean; timestamp?: number } } {
  const url = new URL(payload.url ?? (payload.show_id ? `/shows/${payload.show_id}` : '/'), origin);
  // Only same-origin pages: a payload cannot send someone elsewhere.
  const safeUrl = url.origin === origin ? url.pathname + url.search : '/';
  const actions = [{ action: 'open', title: 'Open' }];
  if (payload.actions_token && payload.id) actions.push({ action: 'watched', title: 'Mark watched' });
  return {
    title: payload.title || 'ShowTracker',
    options: {
      body: payload.body ?? '',
      icon: payload.icon || '/icons/icon-192.png',
      ...(payload.icon ? { image: payload.icon } : {}),
      badge: '/icons/badge-96.png',
      tag: payload.tag ?? (payload.show_id ? `show-${payload.show_id}` : payload.id),
      renotify: true,
      timestamp: Date.now(),
      data: { id: payload.id, url: safeUrl, show_id: payload.show_id ?? null, actions_token: payload.actions_token ?? null },
      actions,
    },
  };
}

export interface NotificationData {
  id?: string | null;
  url?: string | null;
  actions_token?: string | null;
}

export type ClickPlan = { kind: 'watched'; id: string; token: string; url: string } | { kind: 'open'; url: string };

/** What a click on the notification (or one of its actions) does. */
export function planClick(action: string, data: NotificationData | null, origin: string): ClickPlan {
  const url = new URL(data?.url ?? '/', origin);
  const safe = url.origin === origin ? url.href : new URL('/', origin).href;
  if (action === 'watched' && data?.id && data.actions_token) return { kind: 'watched', id: data.id, token: data.actions_token, url: safe };
  return { kind: 'open', url: safe };
}
