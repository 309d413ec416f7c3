// /api/v1/push: what a browser needs before it can subscribe to web push.
// Public: the VAPID public key is the same for everyone and secret to no one.
import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors, createRouter, errorResponse, jsonResponse } from '../../lib/openapi.ts';
import { vapidConfig } from './web-push.channel.ts';

const ONE_DAY_SECONDS = 24 * 60 * 60;

const VapidPublicKeySchema = z
  .object({
    public_key: z.string().openapi({
      description: "base64url of the uncompressed P-256 public key (65 bytes): pushManager.subscribe's applicationServerKey",
      example: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
    }),
  })
  .openapi('VapidPublicKey');

const vapidKeyRoute = createRoute({
  method: 'get',
  path: '/vapid-public-key',
  tags: ['push'],
  summary: 'The VAPID public key to subscribe with',
  responses: {
    200: jsonResponse(VapidPublicKeySchema, 'The key; cacheable for a day.'),
    503: errorResponse('`push_unavailable`: this server has no (valid) VAPID identity, so it cannot send web push.'),
    ...commonErrors,
  },
});

export const vapidRoutes = createRouter().openapi(vapidKeyRoute, (c) => {
  const { publicKey } = vapidConfig(c.var.config);
  c.header('Cache-Control', `public, max-age=${ONE_DAY_SECONDS}`);
  return c.json({ public_key: publicKey }, 200);
});
