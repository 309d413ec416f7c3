// Access tokens (short-lived JWTs), push action tokens (a JWT that allows one
// action on one notification) and refresh tokens (opaque random strings
// stored only as SHA-256 hashes).
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
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
const AUDIENCE = 'showtracker-api';
const ALGORITHM = 'HS256';
// RFC 9068: access tokens are typed, so no other JWT signed with the key passes.
const TYPE = 'at+jwt';

const encoder = new TextEncoder();

export async function signAccessToken(userId: string, secret: string, now = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .setJti(crypto.randomUUID())
    .sign(encoder.encode(secret));
}

/** Returns the user id of a valid access token; throws a 401 ApiError otherwise. */
export async function verifyAccessToken(token: string, secret: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TYPE,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (!payload.sub || !/^[0-9a-f-]{36}$/i.test(payload.sub)) throw new errors.JWTClaimValidationFailed('bad sub', payload);
    return payload.sub;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthorized('The access token has expired; refresh it.', 'token_expired');
    throw unauthorized('The access token is invalid.');
  }
}

/**
 * A push message's action token: the service worker has no access token (the
 * PWA keeps it in page memory), so the message carries this instead. Its own
 * type and audience keep it from ever passing as an access token, and back.
 */
const ACTION_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
const ACTION_AUDIENCE = 'showtracker-push-action';
const ACTION_TYPE = 'action+jwt';
export type PushAction = 'watched';

export async function signActionToken(
  grant: { userId: string; notificationId: string; action: PushAction },
  secret: string,
  now = Date.now(),
): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ nid: grant.notificationId, act: grant.action })
    .setProtectedHeader({ alg: ALGORITHM, typ: ACTION_TYPE })
    .setSubject(grant.userId)
    .setIssuer(ISSUER)
    .setAudience(ACTION_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACTION_TOKEN_TTL_SECONDS)
    .sign(encoder.encode(secret));
}

/** Whether a bearer token claims to be an action token; only picks the verifier, which checks the type itself. */
export function looksLikeActionToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === ACTION_TYPE;
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
  let payload;
  try {
    ({ payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: ACTION_AUDIENCE,
      typ: ACTION_TYPE,
      requiredClaims: ['sub', 'exp', 'iat', 'nid', 'act'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw unauthorized("This notification's action has expired; open the app to do it there.", 'token_expired');
    }
    throw unauthorized('The action token is invalid.');
  }
  if (!payload.sub || !/^[0-9a-f-]{36}$/i.test(payload.sub)) throw unauthorized('The action token is invalid.');
  if (payload.nid !== expected.notificationId || payload.act !== expected.action) {
    throw unauthorized('This action token is for another notification or action.');
  }
  return payload.sub;
}

export function newRefreshToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export const hashRefreshToken = (token: string): Promise<string> => sha256Hex(token);
