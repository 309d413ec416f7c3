// GET/PATCH/DELETE /api/v1/me, and the push devices under /api/v1/me/devices.
// The password, e-mail and sessions are features/auth/account.routes.ts.
import { $, createRoute, z } from '@hono/zod-openapi';
import { requireUser } from '../auth/auth.middleware.ts';
import { checkCurrentPassword } from '../auth/account.service.ts';
import { clearRefreshCookie } from '../auth/refresh-cookie.ts';
import {
  authErrors,
  commonErrors,
  createRouter,
  errorResponse,
  jsonBody,
  jsonResponse,
  UuidParam,
} from '../../lib/openapi.ts';
import { deleteDevice, listDevices, registerDevice } from './devices.service.ts';
import { DeleteAccountSchema, DeviceSchema, RegisterDeviceSchema, UpdateProfileSchema, UserSchema } from './users.schemas.ts';
import { deleteAccount, getProfile, updateProfile } from './users.service.ts';

const security = [{ bearer: [] }];
const errors = { ...authErrors, ...commonErrors };

const getMe = createRoute({
  method: 'get',
  path: '/',
  tags: ['me'],
  summary: 'The signed-in person',
  security,
  responses: { 200: jsonResponse(UserSchema, 'The profile.'), ...errors },
});

const patchMe = createRoute({
  method: 'patch',
  path: '/',
  tags: ['me'],
  summary: 'Change username, time zone or the hide-spoilers setting',
  description: 'The e-mail address changes through POST /api/v1/me/email, with the password.',
  security,
  request: jsonBody(UpdateProfileSchema),
  responses: {
    200: jsonResponse(UserSchema, 'The updated profile.'),
    409: errorResponse('Email or username already taken.'),
    ...errors,
  },
});

const deleteMe = createRoute({
  method: 'delete',
  path: '/',
  tags: ['me'],
  summary: 'Delete the account and everything it owns',
  description: 'Needs the current password.',
  security,
  request: jsonBody(DeleteAccountSchema),
  responses: {
    204: { description: 'Deleted.' },
    403: errorResponse('current_password is not the password (wrong_password).'),
    429: errorResponse('Too many wrong passwords; see Retry-After.'),
    ...errors,
  },
});

const listDevicesRoute = createRoute({
  method: 'get',
  path: '/devices',
  tags: ['me'],
  summary: 'Push devices of the signed-in person',
  security,
  responses: { 200: jsonResponse(z.object({ devices: z.array(DeviceSchema) }), 'The devices.'), ...errors },
});

const registerDeviceRoute = createRoute({
  method: 'post',
  path: '/devices',
  tags: ['me'],
  summary: 'Register a Web Push subscription (the same endpoint again updates it)',
  security,
  request: jsonBody(RegisterDeviceSchema, 'PushSubscription.toJSON(), plus the platform'),
  responses: {
    201: jsonResponse(DeviceSchema, 'Registered.'),
    200: jsonResponse(DeviceSchema, 'Already registered; updated.'),
    ...errors,
  },
});

const deleteDeviceRoute = createRoute({
  method: 'delete',
  path: '/devices/{id}',
  tags: ['me'],
  summary: 'Unregister a device',
  security,
  request: { params: z.object({ id: UuidParam('id') }) },
  responses: { 204: { description: 'Removed.' }, 404: errorResponse('No such device.'), ...errors },
});

export const usersRoutes = $(createRouter().use('*', requireUser))
  .openapi(getMe, async (c) => c.json(await getProfile(c.var.db, c.var.userId), 200))
  .openapi(patchMe, async (c) => c.json(await updateProfile(c.var.db, c.var.userId, c.req.valid('json')), 200))
  .openapi(deleteMe, async (c) => {
    await checkCurrentPassword(c.var.db, c.var.userId, c.req.valid('json').current_password);
    await deleteAccount(c.var.db, c.var.userId);
    clearRefreshCookie(c);
    return c.body(null, 204);
  })
  .openapi(listDevicesRoute, async (c) => c.json({ devices: await listDevices(c.var.db, c.var.userId) }, 200))
  .openapi(registerDeviceRoute, async (c) => {
    const { device, created } = await registerDevice(c.var.db, c.var.userId, c.req.valid('json'), {
      allowlist: c.var.config.PUSH_ENDPOINT_ALLOWLIST,
      userAgent: c.req.header('User-Agent'),
    });
    return c.json(device, created ? 201 : 200);
  })
  .openapi(deleteDeviceRoute, async (c) => {
    await deleteDevice(c.var.db, c.var.userId, c.req.valid('param').id);
    return c.body(null, 204);
  });
