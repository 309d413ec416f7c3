// POST /api/internal/push/test (service token only): one test web push to
// every active device of a person, to verify a deployment.
import { createRoute, z } from '@hono/zod-openapi';
import { authErrors, commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { createWebPushChannel, vapidConfig } from '../notifications/web-push.channel.ts';
import { EmailSchema } from '../users/users.schemas.ts';
import { sendTestPush } from './push-test.service.ts';

const PushTestSchema = z.object({ email: EmailSchema }).strict().openapi('PushTest');

const PushTestDeviceSchema = z
  .object({
    id: z.uuid(),
    platform: z.string(),
    user_agent: z.string().nullable().openapi({ description: 'The browser that registered the device, if it said.' }),
    push_service: z.string().nullable().openapi({ description: "The push service's host, e.g. fcm.googleapis.com." }),
    outcome: z.enum(['delivered', 'gone', 'rejected', 'retry']).openapi({
      description:
        'delivered: the push service accepted it (2xx); gone: 404/410, the subscription is dead and the device was deactivated; rejected: refused for good (endpoint not allowed, bad keys, 4xx); retry: a network error, 429 or 5xx.',
    }),
    status: z.number().nullable().openapi({ description: "The push service's HTTP status, or null when no answer came." }),
    error: z.string().optional(),
  })
  .openapi('PushTestDevice');

const pushTestRoute = createRoute({
  method: 'post',
  path: '/push/test',
  tags: ['internal'],
  summary: "Send a test web push to every active device of one person",
  description:
    'Through the production push channel, with the same VAPID identity and endpoint allow-list as notifications. Nothing is recorded as a notification. A device whose push service answers 404/410 is deactivated, as the dispatcher does.',
  security: [{ internal: [] }],
  request: jsonBody(PushTestSchema),
  responses: {
    200: jsonResponse(z.object({ devices: z.array(PushTestDeviceSchema) }).openapi('PushTestResult'), 'Sent; one outcome per device.'),
    404: errorResponse('No account with this email.'),
    409: errorResponse('The account has no active push device.'),
    503: errorResponse('Web push is not configured on this server (push_unavailable).'),
    ...authErrors,
    ...commonErrors,
  },
});

export const pushTestRoutes = createRouter().openapi(pushTestRoute, async (c) => {
  const channel = createWebPushChannel(vapidConfig(c.var.config), c.var.config.PUSH_ENDPOINT_ALLOWLIST);
  const devices = await sendTestPush(c.var.db, channel, c.req.valid('json').email);
  return c.json({ devices }, 200);
});
