// VAPID (RFC 8292) as a push service checks it: `Authorization: vapid t=<JWT>,
// k=<key>`, an ES256 JWT signed by k, for this push service's origin, not
// expired and at most 24 hours ahead, with a contact `sub`; and when the
// subscription was restricted to an application server key, k must be it.
//
// The audience is the receiver's origin. Its https form is accepted too:
// @block65/webcrypto-web-push (the worker's sender) refuses to sign for an
// http endpoint, so against this plain-http stand-in the worker signs for the
// https twin of the same host and port, as it would for a real service behind
// TLS. Another host or port is still a 403.
//
// Statuses follow RFC 8292 §4.2: 401 when the authentication is absent, 403
// when it is present but invalid (Apple and FCM answer 403 too).
import { createPublicKey, verify } from 'node:crypto';

export interface VapidClaims {
  sub: string;
  aud: string;
  exp: number;
}

export type VapidResult = { ok: true; claims: VapidClaims; publicKey: string } | { ok: false; status: 401 | 403; reason: string };

const MAX_LIFETIME_SECONDS = 24 * 60 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const refuse = (status: 401 | 403, reason: string): VapidResult => ({ ok: false, status, reason });

function parseHeader(header: string): { t?: string; k?: string } {
  const params: Record<string, string> = {};
  for (const part of header.replace(/^vapid\s+/i, '').split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name) params[name.trim().toLowerCase()] = value.join('=').trim();
  }
  return params;
}

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `audiences` are the push service's origins; `pinnedKey` the subscription's applicationServerKey, if any. */
export function checkVapid(authorization: string | undefined, audiences: string[], pinnedKey: string | null, nowSeconds: number): VapidResult {
  if (!authorization) return refuse(401, 'no Authorization header');
  if (!/^vapid\s/i.test(authorization)) return refuse(401, 'Authorization scheme is not vapid');
  const { t, k } = parseHeader(authorization);
  if (!t || !k) return refuse(403, 'vapid authorization needs both t= and k=');

  const keyBytes = BASE64URL.test(k) ? Buffer.from(k, 'base64url') : Buffer.alloc(0);
  if (keyBytes.length !== 65 || keyBytes[0] !== 0x04) return refuse(403, 'k is not an uncompressed P-256 public key in base64url');
  if (pinnedKey !== null && Buffer.compare(keyBytes, Buffer.from(pinnedKey, 'base64url')) !== 0) {
    return refuse(403, 'k is not the application server key this subscription was created with');
  }

  const segments = t.split('.');
  if (segments.length !== 3 || !segments.every((s) => BASE64URL.test(s))) return refuse(403, 't is not a compact JWS');
  const [headerSegment, claimsSegment, signature] = segments as [string, string, string];
  const header = decodeJson(headerSegment);
  const claims = decodeJson(claimsSegment);
  if (header?.alg !== 'ES256') return refuse(403, 'JWT alg must be ES256');
  if (!claims) return refuse(403, 'JWT claims are not a JSON object');

  let signed: boolean;
  try {
    const key = createPublicKey({
      format: 'jwk',
      key: { kty: 'EC', crv: 'P-256', x: keyBytes.subarray(1, 33).toString('base64url'), y: keyBytes.subarray(33).toString('base64url') },
    });
    // JWS carries ES256 signatures as raw r||s, not DER.
    signed = verify('sha256', Buffer.from(`${headerSegment}.${claimsSegment}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  } catch {
    signed = false;
  }
  if (!signed) return refuse(403, 'JWT signature does not verify with k');

  const { aud, exp, sub } = claims;
  if (typeof aud !== 'string' || !audiences.includes(aud)) return refuse(403, `JWT aud must be ${audiences.join(' or ')}, got ${JSON.stringify(aud)}`);
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return refuse(403, 'JWT exp is missing');
  if (exp <= nowSeconds) return refuse(403, 'JWT has expired');
  if (exp > nowSeconds + MAX_LIFETIME_SECONDS) return refuse(403, 'JWT exp is more than 24 hours ahead');
  if (typeof sub !== 'string' || !/^(mailto:|https:)/.test(sub)) return refuse(403, 'JWT sub must be a mailto: or https: URL');
  return { ok: true, claims: { sub, aud, exp }, publicKey: k };
}
