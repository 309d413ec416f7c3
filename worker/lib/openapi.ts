// Router factory shared by every feature: one validation hook turns zod
// failures into the standard 400, and the OpenAPI document is generated from
// the same route definitions.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

const targetNames: Record<string, string> = { json: 'request body', param: 'path', query: 'query string' };

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const fields: Record<string, string> = {};
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.') || result.target;
        fields[path] ??= issue.message;
      }
      const summary = Object.entries(fields)
        .map(([path, message]) => `${path}: ${message}`)
        .join('; ');
      const where = targetNames[result.target] ?? result.target;
      throw new ApiError(400, 'validation_failed', `Invalid ${where}: ${summary}`, { fields });
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      requestId: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The error responses every route can give, merged into each route's responses. */
export const commonErrors = {
  400: errorResponse('The request is malformed or fails validation.'),
  413: errorResponse('The body is larger than 64 KiB.'),
  415: errorResponse('The body is not JSON.'),
  500: errorResponse('An unexpected server error.'),
};

export const authErrors = {
  401: errorResponse('Missing, invalid or expired access token.'),
};

export { errorResponse };

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  body: { content: { 'application/json': { schema } }, required: true, description },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const UuidParam = (name: string) =>
  z.uuid({ message: `${name} must be a UUID` }).openapi({ param: { name, in: 'path' } });
