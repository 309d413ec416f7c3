// The PWA's refresh token lives in an HttpOnly, Secure, SameSite=Strict cookie
// that only the auth routes ever receive.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { REFRESH_TOKEN_TTL_SECONDS } from './tokens.ts';

const NAME = 'st_refresh';
const OPTIONS = { path: '/api/v1/auth', secure: true, httpOnly: true, sameSite: 'Strict' } as const;

export const setRefreshCookie = (c: Context, token: string) =>
  setCookie(c, NAME, token, { ...OPTIONS, maxAge: REFRESH_TOKEN_TTL_SECONDS });

export const readRefreshCookie = (c: Context) => getCookie(c, NAME);

export const clearRefreshCookie = (c: Context) => deleteCookie(c, NAME, OPTIONS);
