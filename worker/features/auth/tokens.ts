// Access tokens (short-lived JWTs), push action tokens (a JWT that allows one
// action on one notification) and refresh tokens (opaque random strings
// stored only as SHA-256 hashes).
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { sha256Hex } from '../../lib/cache.ts';
import { unauthorized } from '../../lib/errors.ts';
import { toBase64Url } from './password.ts';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;
/**
 * How long a rotated refresh token may still be presented without counting as
 * reuse. Two tabs opened together, or a reload that aborts a refresh whose
 * response (and new cookie) never reached the browser, present the same token
 * twice within moments; that is the owner, not a thief. Past this window a
 * replay revokes the family.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;
const ISSUER = 'showtracker';
const ALGORITHM = 'HS256';

const encoder = new TextEncoder();
const UUID_PATTERN = /^[0-9a-f-]{36}$/i;

/** What tells one kind of token from another, and what its failures say. */
interface TokenKind {
  typ: string;
  audience: string;
  ttlSeconds: number;
  /** Claims beyond sub, exp and iat that a valid token must carry. */
  requiredClaims: string[];
  expired: string;
  invalid: string;
}

/**
 * The HMAC key for a secret, imported on every call. Not cached across
 * requests: a pending promise kept in module state belongs to the request
 * that created it, and workerd never resolves it for another request once
 * that one is gone, so every later sign and verify would hang (and hold the
 * request's database connection). The import costs microseconds.
 */
function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

async function signToken(kind: TokenKind, userId: string, claims: JWTPayload, secret: string, now: number): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: kind.typ })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(kind.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + kind.ttlSeconds)
    .sign(await hmacKey(secret));
}

/** The claims of a valid token of this kind, whose subject is a user id; throws a 401 ApiError otherwise. */
async function verifyToken(kind: TokenKind, token: string, secret: string): Promise<JWTPayload & { sub: string }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await hmacKey(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: kind.audience,
      typ: kind.typ,
      requiredClaims: ['sub', 'exp', 'iat', ...kind.requiredClaims],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthorized(kind.expired, 'token_expired');
    throw unauthorized(kind.invalid);
  }
  if (!payload.sub || !UUID_PATTERN.test(payload.sub)) throw unauthorized(kind.invalid);
  return payload as JWTPayload & { sub: string };
}

// RFC 9068: access tokens are typed, so no other JWT signed with the key passes.
const ACCESS: TokenKind = {
  typ: 'at+jwt',
  audience: 'showtracker-api',
  ttlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  requiredClaims: [],
  expired: 'The access token has expired; refresh it.',
  invalid: 'The access token is invalid.',
};

/** `sessionId`, the refresh-token family it was issued to, becomes the `sid` claim (OpenID Connect's name for it). */
export async function signAccessToken(userId: string, secret: string, now = Date.now(), sessionId?: string): Promise<string> {
  return signToken(ACCESS, userId, { jti: crypto.randomUUID(), ...(sessionId ? { sid: sessionId } : {}) }, secret, now);
}

/** The person and session of a valid access token; throws a 401 ApiError otherwise. */
export async function verifyAccessSession(token: string, secret: string): Promise<{ userId: string; sessionId: string | undefined }> {
  const payload = await verifyToken(ACCESS, token, secret);
  return { userId: payload.sub, sessionId: typeof payload.sid === 'string' && UUID_PATTERN.test(payload.sid) ? payload.sid : undefined };
}

/** Returns the user id of a valid access token; throws a 401 ApiError otherwise. */
export async function verifyAccessToken(token: string, secret: string): Promise<string> {
  return (await verifyAccessSession(token, secret)).userId;
}

/**
 * A push message's action token: the service worker has no access token (the
 * PWA keeps it in page memory), so the message carries this instead. Its own
 * type and audience keep it from ever passing as an access token, and back.
 */
const ACTION: TokenKind = {
  typ: 'action+jwt',
  audience: 'showtracker-push-action',
  ttlSeconds: 14 * 24 * 60 * 60,
  requiredClaims: ['nid', 'act'],
  expired: "This notification's action has expired; open the app to do it there.",
  invalid: 'The action token is invalid.',
};
export type PushAction = 'watched';

export async function signActionToken(
  grant: { userId: string; notificationId: string; action: PushAction },
  secret: string,
  now = Date.now(),
): Promise<string> {
  return signToken(ACTION, grant.userId, { nid: grant.notificationId, act: grant.action }, secret, now);
}

/** Whether a bearer token claims to be an action token; only picks the verifier, which checks the type itself. */
export function looksLikeActionToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === ACTION.typ;
  } catch {
    return false;
  }
}

/** Returns the user id of a valid action token for exactly this action on this notification; throws a 401 ApiError otherwise. */
export async function verifyActionToken(
  token: string,
  secret: string,
  expected: { notificationId: string; action: PushAction },
): Promise<string> {
  const payload = await verifyToken(ACTION, token, secret);
  if (payload.nid !== expected.notificationId || payload.act !== expected.action) {
    throw unauthorized('This action token is for another notification or action.');
  }
  return payload.sub;
}

export function newRefreshToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export const hashRefreshToken = (token: string): Promise<string> => sha256Hex(token);
