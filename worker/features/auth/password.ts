// Password hashing: PBKDF2-HMAC-SHA256 through WebCrypto, in a self-describing
// format "pbkdf2-sha256$<iterations>$<salt>$<hash>" (base64url parts) so the
// cost can be raised later: a stored hash below the current cost is re-hashed
// at the next successful sign-in. See README "Security" for why PBKDF2 and why
// 100,000 iterations.

/**
 * Workers' WebCrypto rejects PBKDF2 above 100,000 iterations in production,
 * while workerd locally accepts more: never configure past it.
 */
export const WORKERS_PBKDF2_MAX_ITERATIONS = 100_000;
const ITERATIONS = 100_000;
const SALT_BYTES = 16;
const KEY_BITS = 256;
const SCHEME = 'pbkdf2-sha256';

if (ITERATIONS > WORKERS_PBKDF2_MAX_ITERATIONS) {
  throw new Error(`PBKDF2 iterations ${ITERATIONS} exceed the Workers limit of ${WORKERS_PBKDF2_MAX_ITERATIONS}`);
}

const encoder = new TextEncoder();

export const toBase64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

export const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (char) => char.charCodeAt(0));

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  if (iterations > WORKERS_PBKDF2_MAX_ITERATIONS) {
    throw new Error(`PBKDF2 iterations ${iterations} exceed the Workers limit`);
  }
  const key = await crypto.subtle.importKey('raw', encoder.encode(password.normalize('NFKC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, KEY_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, ITERATIONS);
  return [SCHEME, ITERATIONS, toBase64Url(salt), toBase64Url(hash)].join('$');
}

function parse(stored: string): { iterations: number; salt: Uint8Array<ArrayBuffer>; hash: Uint8Array } | undefined {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== SCHEME || !salt || !hash || !/^\d+$/.test(iterations ?? '')) return undefined;
  return { iterations: Number(iterations), salt: fromBase64Url(salt), hash: fromBase64Url(hash) };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.iterations);
  return crypto.subtle.timingSafeEqual(candidate, parsed.hash);
}

export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.iterations < ITERATIONS;
}

/**
 * A real hash of nothing, so a sign-in for an unknown account costs as much as
 * a real one. The finished hash is kept, never the pending promise (workerd
 * ties a pending promise to the request that made it; see auth/tokens.ts).
 */
let decoy: string | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  decoy ??= await hashPassword('decoy password that never matches');
  await verifyPassword(password, decoy);
}
