// Under /api/v1/me: the password, the e-mail address and the sessions
// (POST /password, POST /email, GET|DELETE /sessions, DELETE /sessions/{id}).
import { $, createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { outboxOf } from '../mail/mailer.ts';
import { UserSchema } from '../users/users.schemas.ts';
import { requireUser } from './auth.middleware.ts';
import { AccountSessionSchema, ChangeEmailSchema, ChangePasswordSchema } from './auth.schemas.ts';
import { changeEmail, changePassword } from './account.service.ts';
import { listSessions, revokeAllSessions, revokeSession } from './sessions.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };
const passwordErrors = {
  403: errorResponse('current_password is not the password (wrong_password).'),
  429: errorResponse('Too many wrong passwords; see Retry-After.'),
};

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: ['me'],
  summary: 'Change the password',
  description: 'Needs the current password. Every other session is signed out; this one stays.',
  security,
  request: jsonBody(ChangePasswordSchema),
  responses: { 204: { description: 'Changed.' }, ...passwordErrors, ...errors },
});

const changeEmailRoute = createRoute({
  method: 'post',
  path: '/email',
  tags: ['me'],
  summary: 'Change the e-mail address',
  description: 'Needs the current password. The old address gets a notice of the change.',
  security,
  request: jsonBody(ChangeEmailSchema),
  responses: {
    200: jsonResponse(UserSchema, 'The updated profile.'),
    409: errorResponse('That address already has an account.'),
    503: errorResponse('E-mail is not set up on this server (mail_unavailable).'),
    ...passwordErrors,
    ...errors,
  },
});

const listSessionsRoute = createRoute({
  method: 'get',
  path: '/sessions',
  tags: ['me'],
  summary: 'Signed-in sessions (one per sign-in), the most recently used first',
  security,
  responses: { 200: jsonResponse(z.object({ sessions: z.array(AccountSessionSchema) }), 'The live sessions.'), ...errors },
});

const revokeAllRoute = createRoute({
  method: 'delete',
  path: '/sessions',
  tags: ['me'],
  summary: 'Sign out everywhere, this session included',
  description: 'Revokes every refresh token; access tokens already handed out lapse within 15 minutes.',
  security,
  responses: { 204: { description: 'Signed out everywhere.' }, ...errors },
});

const revokeOneRoute = createRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags: ['me'],
  summary: 'Sign one session out',
  security,
  request: { params: z.object({ id: UuidParam('id') }) },
  responses: { 204: { description: 'Signed out.' }, 404: errorResponse('No such session.'), ...errors },
});

export const accountRoutes = $(createRouter().use('*', requireUser))
  .openapi(changePasswordRoute, async (c) => {
    await changePassword(c.var.db, c.var.userId, c.var.sessionId, c.req.valid('json'));
    return c.body(null, 204);
  })
  .openapi(changeEmailRoute, async (c) =>
    c.json(await changeEmail(c.var.db, c.var.userId, c.req.valid('json'), outboxOf(c)), 200),
  )
  .openapi(listSessionsRoute, async (c) => c.json({ sessions: await listSessions(c.var.db, c.var.userId, c.var.sessionId) }, 200))
  .openapi(revokeAllRoute, async (c) => {
    await revokeAllSessions(c.var.db, c.var.userId);
    return c.body(null, 204);
  })
  .openapi(revokeOneRoute, async (c) => {
    await revokeSession(c.var.db, c.var.userId, c.req.valid('param').id);
    return c.body(null, 204);
  });
