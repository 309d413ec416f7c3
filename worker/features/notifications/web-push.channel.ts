// The one production push channel: RFC 8291 aes128gcm + RFC 8292 VAPID with
// @block65/webcrypto-web-push, POSTed to the subscription's push service.
// Endpoints are checked again at send time and redirects are not followed, so
// a stored URL can never turn the worker into a request forwarder.
import { buildPushPayload, type PushMessage } from '@block65/webcrypto-web-push';
import type { Config } from '../../env.ts';
import { ApiError } from '../../lib/errors.ts';
import { retryAfterMs } from '../../lib/http.ts';
import { fromBase64Url, toBase64Url } from '../auth/password.ts';
import { parseAllowlist, pushEndpointProblem } from '../users/push-endpoint.ts';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface VapidConfig {
  subject: string;
  publicKey: string;
  privateKey: string;
}

export type PushOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'gone'; status: number }
  | { kind: 'rejected'; status: number | null; error: string }
  | { kind: 'retry'; status: number | null; retryAfterMs: number | null; error: string };

export interface PushChannel {
  send(target: PushTarget, message: PushMessage): Promise<PushOutcome>;
}

const TIMEOUT_MS = 10_000;

const pushUnavailable = (message: string) => new ApiError(503, 'push_unavailable', message);

/**
 * The VAPID identity push is sent with, checked whole: all three variables
 * set, and VAPID_PUBLIC_KEY the base64url (unpadded) uncompressed P-256 point,
 * 65 bytes, because it is both the key a browser subscribes with
 * (`pushManager.subscribe`'s applicationServerKey) and the `k=` the library
 * sends verbatim with every push request. Without a whole identity no push can
 * be sent, so no key is handed out and the dispatcher sends nothing. Takes the
 * configuration (env.ts), where the three are optional so that a server without
 * an identity still serves everything else.
 */
export function vapidConfig(config: Pick<Config, 'VAPID_PUBLIC_KEY' | 'VAPID_PRIVATE_KEY' | 'VAPID_SUBJECT'>): VapidConfig {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = config;
  if (!publicKey || !privateKey || !subject) {
    const missing = Object.entries({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject })
      .filter(([, value]) => !value)
      .map(([name]) => name);
    throw pushUnavailable(
      `Web push is not set up on this server: it needs a VAPID identity (VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT); ${missing.join(', ')} not set.`,
    );
  }
  let point: Uint8Array;
  try {
    point = fromBase64Url(publicKey);
  } catch {
    point = new Uint8Array();
  }
  if (point.length !== 65 || point[0] !== 0x04 || toBase64Url(point) !== publicKey) {
    throw pushUnavailable(
      'Web push is misconfigured on this server: VAPID_PUBLIC_KEY is not an unpadded base64url uncompressed P-256 public key (65 bytes).',
    );
  }
  return { subject, publicKey, privateKey };
}

export function createWebPushChannel(vapid: VapidConfig, allowlist: string | undefined): PushChannel {
  const allowed = parseAllowlist(allowlist);
  return {
    async send(target, message) {
      const problem = pushEndpointProblem(target.endpoint, allowed);
      if (problem) return { kind: 'rejected', status: null, error: `endpoint refused: ${problem}` };
      let response: Response;
      try {
        const payload = await buildPushPayload(
          message,
          // The library signs only for https origins; a plain-http endpoint can
          // only be an allow-listed loopback receiver (local runs and tests),
          // which accepts the https form of its origin as the VAPID audience.
          { endpoint: target.endpoint.replace(/^http:/, 'https:'), expirationTime: null, keys: { p256dh: target.p256dh, auth: target.auth } },
          vapid,
        );
        response = await fetch(target.endpoint, { ...payload, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        // Bad keys fail while encrypting: that subscription can never work.
        if (/key|point|curve|invalid/i.test(text) && !/fetch|network|timeout|abort/i.test(text)) {
          return { kind: 'rejected', status: null, error: `cannot encrypt for this subscription: ${text}` };
        }
        return { kind: 'retry', status: null, retryAfterMs: null, error: `network: ${text}` };
      }
      const status = response.status;
      const body = (await response.text().catch(() => '')).slice(0, 300);
      if (status >= 200 && status < 300) return { kind: 'delivered', status };
      if (status === 404 || status === 410) return { kind: 'gone', status };
      if (status === 429 || status >= 500) {
        return { kind: 'retry', status, retryAfterMs: retryAfterMs(response.headers.get('Retry-After')) ?? null, error: `HTTP ${status} ${body}`.trim() };
      }
      // 400, 401/403 (our VAPID identity), 413, redirects: retrying the same message cannot help.
      return { kind: 'rejected', status, error: `HTTP ${status} ${body}`.trim() };
    },
  };
}
