// Builds the Hono app: request context, body rules, features, the OpenAPI
// document, and the one place errors become JSON.
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Context, MiddlewareHandler } from 'hono';
import { kvServerTiming, type KvCount } from './lib/kv-count.ts';
import { ConfigError, type AppEnv } from './env.ts';
import { openServices, type Services } from './services.ts';
import { accountRoutes } from './features/auth/account.routes.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { calendarRoutes, feedRoutes } from './features/calendar/calendar.routes.ts';
import { catchUpRoutes } from './features/catch-up/catch-up.routes.ts';
import { historyRoutes } from './features/history/history.routes.ts';
import { healthRoutes } from './features/internal/health.routes.ts';
import { requireInternalToken } from './features/internal/internal.guard.ts';
import { pushTestRoutes } from './features/internal/push-test.routes.ts';
import { syncRoutes } from './features/internal/sync.routes.ts';
import { notificationsRoutes } from './features/notifications/notifications.routes.ts';
import { vapidRoutes } from './features/notifications/vapid.routes.ts';
import { showsRoutes } from './features/shows/shows.routes.ts';
import { statsRoutes } from './features/stats/stats.routes.ts';
import { trackingRoutes } from './features/tracking/tracking.routes.ts';
import { timelineRoutes } from './features/timeline/timeline.routes.ts';
import { upNextRoutes } from './features/up-next/up-next.routes.ts';
import { exportRoutes } from './features/exports/export.routes.ts';
import { importsRoutes, MAX_UPLOAD_BYTES, UPLOAD_PATH } from './features/imports/imports.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { watchlistRoutes } from './features/watchlist/watchlist.routes.ts';
import { ApiError, isDatabaseUnreachable, type ErrorCode } from './lib/errors.ts';
import { createLogger, describeError } from './lib/logger.ts';
import { createRouter } from './lib/openapi.ts';
import { rejectInvalidText } from './lib/text-input.ts';
import { stateAfterWrites } from './lib/person-state.http.ts';

const MAX_BODY_BYTES = 64 * 1024;
/** The one route whose body is a file, not JSON: an import's upload (features/imports). */
const isUpload = (c: Context<AppEnv>) => c.req.method === 'POST' && c.req.path === UPLOAD_PATH;
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

function errorJson(c: Context<AppEnv>, error: ApiError) {
  for (const [name, value] of Object.entries(error.options.headers ?? {})) c.header(name, value);
  return c.json(
    {
      error: {
        code: error.code,
        message: error.message,
        requestId: c.var.requestId,
        ...(error.options.fields ? { fields: error.options.fields } : {}),
      },
    },
    error.status,
  );
}

const httpExceptionCodes: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException && error.status < 500) {
    const malformed = /Malformed JSON/i.test(error.message);
    return new ApiError(
      error.status as 400,
      malformed ? 'malformed_json' : (httpExceptionCodes[error.status] ?? 'bad_request'),
      malformed ? 'The request body is not valid JSON.' : error.message || 'Bad request.',
    );
  }
  return undefined;
}

export function createApp() {
  const app = createRouter();

  app.use('*', requestId({ headerName: 'X-Request-Id' }));

  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const type = c.req.header('Content-Type');
    if (type && c.req.method !== 'GET' && !isUpload(c) && !JSON_MEDIA_TYPE.test(type.split(';')[0]!.trim())) {
      throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
    }
    await next();
  });

  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
    },
  });
  const uploadLimit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB.`);
    },
  });
  app.use('/api/*', (c, next) => (isUpload(c) ? uploadLimit : jsonLimit)(c, next));

  // NUL, unpaired surrogates and non-UTF-8 bytes in the path, query or JSON body: 400 invalid_text.
  // An upload's body is a file, read by its importer.
  const checkText = rejectInvalidText();
  const checkUploadText = rejectInvalidText({ body: false });
  app.use('/api/*', (c, next) => (isUpload(c) ? checkUploadText : checkText)(c, next));
  app.use('/cal/*', rejectInvalidText({ body: false }));

  // Logger, configuration, database, cache and providers for the API and the
  // calendar feed: one request's services (services.ts).
  const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
    const logger = createLogger({ requestId: c.var.requestId });
    c.set('logger', logger);
    // This request's KV operations, counted for its Server-Timing header.
    const kv: KvCount = { reads: 0, writes: 0 };
    let services: Services;
    try {
      services = openServices(c.env, { logger, kvCount: kv });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      logger.error('worker misconfigured', { problems: error.problems });
      throw new ApiError(503, 'service_unavailable', 'The service is not configured yet; see the server log.');
    }
    c.set('services', services);
    c.set('config', services.config);
    c.set('db', services.db);
    try {
      await next();
    } finally {
      c.header('Server-Timing', kvServerTiming(kv), { append: true });
      c.executionCtx.waitUntil(services.close());
    }
  };
  app.use('/api/*', requestContext);
  app.use('/cal/*', requestContext);
  // Every accepted write answers with the state version that includes it (lib/person-state.ts).
  app.use('/api/v1/*', stateAfterWrites);

  app.use('/api/internal/*', requireInternalToken);

  // One chained expression, so its type carries every route: AppType below.
  const routes = app
    .route('/api/v1/auth', authRoutes)
    .route('/api/v1/me', usersRoutes)
    .route('/api/v1/me', accountRoutes)
    .route('/api/v1/shows', showsRoutes)
    .route('/api/v1/tracking', trackingRoutes)
    .route('/api/v1/watchlist', watchlistRoutes)
    .route('/api/v1/history', historyRoutes)
    .route('/api/v1/up-next', upNextRoutes)
    .route('/api/v1/catch-up', catchUpRoutes)
    .route('/api/v1/stats', statsRoutes)
    .route('/api/v1/notifications', notificationsRoutes)
    .route('/api/v1/push', vapidRoutes)
    .route('/api/v1/timeline', timelineRoutes)
    .route('/api/v1/calendar', calendarRoutes)
    .route(UPLOAD_PATH, importsRoutes)
    .route('/api/v1/export', exportRoutes)
    .route('/api/internal', healthRoutes)
    .route('/api/internal', syncRoutes)
    .route('/api/internal', pushTestRoutes)
    .route('/cal', feedRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Access token from /api/v1/auth/login, /register or /refresh (15 minutes).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'internal', {
    type: 'http',
    scheme: 'bearer',
    description: 'INTERNAL_API_TOKEN, for /api/internal/* only.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'ShowTracker API',
      version: '1.0.0',
      description:
        'Track shows and movies, see a personal timeline in your time zone, get web push before episodes air. Every error is { "error": { "code", "message", "requestId" } }.',
    },
  });

  app.notFound((c) => errorJson(c, new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`)));

  app.onError((error, c) => {
    const apiError = toApiError(error);
    if (apiError) return errorJson(c, apiError);
    const logger = c.var.logger ?? createLogger({ requestId: c.var.requestId });
    if (isDatabaseUnreachable(error)) {
      logger.error('database unreachable', describeError(error));
      return errorJson(
        c,
        new ApiError(503, 'service_unavailable', 'The database is unreachable right now. Try again shortly.', {
          headers: { 'Retry-After': '5' },
        }),
      );
    }
    logger.error('unhandled error', describeError(error));
    return errorJson(c, new ApiError(500, 'internal_error', 'Something went wrong on our side. Try again shortly.'));
  });

  return routes;
}

/**
 * Every route with its method, path, input and answers: the PWA's typed
 * client (`hc<AppType>` from hono/client) is built on it, so a call to a
 * route that does not exist, or a field it does not have, is a type error.
 */
export type AppType = ReturnType<typeof createApp>;
