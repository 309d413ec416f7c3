// POST /api/v1/auth/register | login | refresh | logout | password-reset | password-reset/confirm
import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { unauthorized } from '../../lib/errors.ts';
import { authErrors, commonErrors, errorResponse, jsonBody, jsonResponse, createRouter } from '../../lib/openapi.ts';
import { appOrigin, outboxOf } from '../mail/mailer.ts';
import {
  LoginSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  RefreshSchema,
  RegisterSchema,
  SessionSchema,
} from './auth.schemas.ts';
import { confirmPasswordReset, requestPasswordReset, RESET_TOKEN_TTL_MINUTES } from './password-reset.service.ts';
import * as auth from './auth.service.ts';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './tokens.ts';

type Transport = 'cookie' | 'body';

const throttled = { 429: errorResponse('Too many attempts; see Retry-After.') };

const registerRoute = createRoute({
  method: 'post',
  path: '/register',
  tags: ['auth'],
  summary: 'Create an account and sign in',
  request: jsonBody(RegisterSchema),
  responses: {
    201: jsonResponse(SessionSchema, 'The account and its first session.'),
    409: errorResponse('Email or username already taken.'),
    ...throttled,
    ...commonErrors,
  },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password',
  request: jsonBody(LoginSchema),
  responses: {
    200: jsonResponse(SessionSchema, 'A new session.'),
    ...authErrors,
    ...throttled,
    ...commonErrors,
  },
});

const refreshRoute = createRoute({
  method: 'post',
  path: '/refresh',
  tags: ['auth'],
  summary: 'Rotate the refresh token and get a new access token',
  description: 'Reads the refresh cookie, or `refresh_token` in the body. A token reused more than 30 s after its rotation revokes its whole family; within 30 s (two tabs, an interrupted reload) it gets a sibling token.',
  request: { body: { content: { 'application/json': { schema: RefreshSchema } }, required: false } },
  responses: { 200: jsonResponse(SessionSchema, 'The rotated session.'), ...authErrors, ...commonErrors },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End this session (revokes its refresh token family)',
  request: { body: { content: { 'application/json': { schema: RefreshSchema } }, required: false } },
  responses: { 204: { description: 'Signed out.' }, ...commonErrors },
});

const passwordResetRoute = createRoute({
  method: 'post',
  path: '/password-reset',
  tags: ['auth'],
  summary: 'E-mail a password reset link',
  description: `The same 202 whether or not the address has an account. The link (\`/reset-password?token=…\` on the PWA) works once, for ${RESET_TOKEN_TTL_MINUTES} minutes. Three per address an hour, ten per client address.`,
  request: jsonBody(PasswordResetRequestSchema),
  responses: {
    202: { description: 'If the address has an account, a link is on its way.' },
    503: errorResponse('E-mail is not set up on this server (mail_unavailable).'),
    ...throttled,
    ...commonErrors,
  },
});

const passwordResetConfirmRoute = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  tags: ['auth'],
  summary: "Set a new password with a reset link's token",
  description: 'Spends the token (every other reset link of the person stops working too) and signs out every session: sign in with the new password.',
  request: jsonBody(PasswordResetConfirmSchema),
  responses: { 204: { description: 'The password is set; every session is signed out.' }, ...commonErrors },
});

function sessionContext(c: Context<AppEnv>): auth.SessionContext {
  return {
    jwtSecret: c.var.config.JWT_SECRET,
    clientAddress: c.req.header('CF-Connecting-IP') ?? 'unknown',
    addressLimits: { register: c.var.config.REGISTER_RATE_LIMIT, login: c.var.config.LOGIN_RATE_LIMIT },
    userAgent: c.req.header('User-Agent'),
  };
}

function sessionBody(c: Context<AppEnv>, session: auth.Session, transport: Transport): z.infer<typeof SessionSchema> {
  if (transport === 'cookie') {
    setRefreshCookie(c, session.refreshToken);
  }
  return {
    user: session.user,
    access_token: session.accessToken,
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    ...(transport === 'body' ? { refresh_token: session.refreshToken } : {}),
  };
}

/** The presented refresh token and how it came: the body wins over the cookie. */
function presentedToken(c: Context<AppEnv>, body: { refresh_token?: string } | undefined) {
  if (body?.refresh_token) return { token: body.refresh_token, transport: 'body' as const };
  const cookie = readRefreshCookie(c);
  return cookie ? { token: cookie, transport: 'cookie' as const } : undefined;
}

export const authRoutes = createRouter()
  .openapi(registerRoute, async (c) => {
    const { token_transport, ...input } = c.req.valid('json');
    const session = await auth.register(c.var.db, input, sessionContext(c));
    return c.json(sessionBody(c, session, token_transport), 201);
  })
  .openapi(loginRoute, async (c) => {
    const { token_transport, ...input } = c.req.valid('json');
    const session = await auth.login(c.var.db, input, sessionContext(c));
    return c.json(sessionBody(c, session, token_transport), 200);
  })
  .openapi(refreshRoute, async (c) => {
    const presented = presentedToken(c, c.req.valid('json'));
    if (!presented) throw unauthorized('No refresh token: sign in again.');
    try {
      const session = await auth.refresh(c.var.db, presented.token, sessionContext(c));
      return c.json(sessionBody(c, session, presented.transport), 200);
    } catch (error) {
      if (presented.transport === 'cookie') clearRefreshCookie(c);
      throw error;
    }
  })
  .openapi(logoutRoute, async (c) => {
    const presented = presentedToken(c, c.req.valid('json'));
    if (presented) await auth.logout(c.var.db, presented.token);
    clearRefreshCookie(c);
    return c.body(null, 204);
  })
  .openapi(passwordResetRoute, async (c) => {
    await requestPasswordReset(c.var.db, c.req.valid('json').email, {
      clientAddress: sessionContext(c).clientAddress,
      appOrigin: appOrigin(c),
      outbox: outboxOf(c),
    });
    return c.body(null, 202);
  })
  .openapi(passwordResetConfirmRoute, async (c) => {
    await confirmPasswordReset(c.var.db, c.req.valid('json'));
    return c.body(null, 204);
  });
