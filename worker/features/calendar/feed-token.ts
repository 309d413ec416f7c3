// Calendar feed tokens: 32 bytes, base64url, derived as
// HMAC-SHA256(K, "<user id>:<generation>") with K derived from JWT_SECRET by
// HKDF (its own label, so K is never the key that signs access tokens).
//
// Why derived rather than random: only the token's SHA-256 is stored (a
// database dump reveals no working feed URL), yet GET /calendar/feed-url must
// show the URL again. Deriving it lets the API recompute it, with no
// ciphertext at rest and no extra secret to provision; rotating bumps the
// generation. Whoever holds JWT_SECRET can forge access tokens anyway, so a
// feed token is no weaker than the sessions beside it. Changing JWT_SECRET
// changes the URL the API shows; see calendar.service.ts.
import { sha256Hex } from '../../lib/cache.ts';
import { toBase64Url } from '../auth/password.ts';

const encoder = new TextEncoder();
const LABEL = 'showtracker calendar feed token v1';
/** 32 bytes in unpadded base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The feed-token key, derived from the secret on every call: a promise cached
 * in module state would belong to the request that created it (see
 * auth/tokens.ts hmacKey), and the derivation costs microseconds.
 */
async function feedKey(secret: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode(LABEL), info: encoder.encode(LABEL) },
    base,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
}

export async function feedToken(secret: string, userId: string, generation: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await feedKey(secret), encoder.encode(`${userId}:${generation}`));
  return toBase64Url(new Uint8Array(mac));
}

export const hashFeedToken = (token: string): Promise<string> => sha256Hex(token);

export const isFeedToken = (text: string): boolean => TOKEN_PATTERN.test(text);
