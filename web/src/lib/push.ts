// Web push on this device: permission (asked only from a click), the
// subscription with the API's VAPID key, and the device record the
// dispatcher sends to. The device's id is remembered here so "disable"
// removes exactly this device.
import { api, json, publicApi } from './api.ts';
import type { Device } from './types.ts';

const DEVICE_KEY = 'showtracker:push-device';

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

export const pushSupported = () =>
  typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let index = 0; index < raw.length; index += 1) bytes[index] = raw.charCodeAt(index);
  return bytes;
}

async function registration(): Promise<ServiceWorkerRegistration> {
  const ready = navigator.serviceWorker.ready;
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('The app is still installing its service worker. Reload the page and try again.')), 10_000),
  );
  return Promise.race([ready, timeout]);
}

export async function currentPushState(): Promise<PushState> {
  if (!pushSupported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const existing = await (await registration()).pushManager.getSubscription();
  return existing && localStorage.getItem(DEVICE_KEY) ? 'on' : 'off';
}

export const thisDeviceId = () => localStorage.getItem(DEVICE_KEY);

/** Call from a click handler: asks permission, subscribes and registers this device. */
export async function enablePush(): Promise<Device> {
  if (!pushSupported()) throw new Error('This browser cannot receive web push notifications.');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new Error(
      permission === 'denied'
        ? 'Notifications are blocked for this site. Allow them in your browser’s site settings, then try again.'
        : 'Notifications were not allowed.',
    );
  }
  const { public_key } = await json(publicApi.push['vapid-public-key'].$get());
  const worker = await registration();
  let subscription = await worker.pushManager.getSubscription();
  const key = base64UrlToBytes(public_key);
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  try {
    subscription ??= await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (error) {
    throw new Error(
      `This browser could not subscribe to push notifications (${(error as Error).message}). Private windows and browsers without a push service cannot; otherwise check your connection and try again.`,
    );
  }
  const { endpoint, expirationTime, keys } = subscription.toJSON();
  // A subscription pushManager made always has them; its JSON type leaves them optional.
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('This browser gave a push subscription without its address or keys. Try again.');
  const device = await json(
    api.me.devices.$post({ json: { endpoint, expirationTime, keys: { p256dh: keys.p256dh, auth: keys.auth }, platform: 'web' } }),
  );
  localStorage.setItem(DEVICE_KEY, device.id);
  return device;
}

/** Unsubscribe this browser and remove its device record. */
export async function disablePush(): Promise<void> {
  const id = localStorage.getItem(DEVICE_KEY);
  await endLocalSubscription();
  if (id) await api.me.devices[':id'].$delete({ param: { id } }).catch((error: { status?: number }) => {
    if (error.status !== 404) throw error;
  });
  localStorage.removeItem(DEVICE_KEY);
}

/** Ends this browser's push subscription and forgets its device, asking the server nothing (after the account is deleted, its devices are gone too). */
export async function endLocalSubscription(): Promise<void> {
  if (pushSupported()) {
    const subscription = await (await registration()).pushManager.getSubscription();
    await subscription?.unsubscribe();
  }
  localStorage.removeItem(DEVICE_KEY);
}

function sameKey(current: ArrayBuffer | null, wanted: Uint8Array): boolean {
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === wanted.length && bytes.every((byte, index) => byte === wanted[index]);
}
