// The one error type of the API. Handlers and services throw it; app.onError
// is the only place that turns it (or anything else) into the error envelope
// { "error": { "code", "message", "requestId" } }.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'malformed_json'
  | 'invalid_text'
  | 'unauthorized'
  | 'token_expired'
  | 'invalid_credentials'
  | 'refresh_token_reused'
  // Re-entering the password for an account change: it was not the right one (403, so a client never takes it for an ended session).
  | 'wrong_password'
  // A password reset link that is unknown, used or expired.
  | 'invalid_reset_token'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'not_an_episode'
  | 'not_aired'
  | 'no_target_date'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal_error'
  | 'service_unavailable'
  | 'push_unavailable'
  | 'mail_unavailable'
  // An import file that cannot be read (features/imports).
  | 'unknown_format'
  | 'malformed_file'
  | 'malformed_archive'
  | 'password_protected'
  | 'too_many_files'
  | 'empty_file';

export interface ApiErrorOptions {
  /** Per-field messages for validation failures, keyed by dotted path. */
  fields?: Record<string, string>;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly options: ApiErrorOptions;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.options = options;
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new ApiError(400, 'bad_request', message, { fields });
export const unauthorized = (message = 'Sign in to continue.', code: ErrorCode = 'unauthorized') =>
  new ApiError(401, code, message, { headers: { 'WWW-Authenticate': 'Bearer' } });
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new ApiError(409, 'conflict', message, { fields });
export const rateLimited = (retryAfterSeconds: number, message: string) =>
  new ApiError(429, 'rate_limited', message, {
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

/** Postgres SQLSTATE of an error thrown by the driver, possibly wrapped by drizzle. */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: candidate.constraint };
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * A failure to reach Postgres at all (connection refused, dropped, timed
 * out), as opposed to Postgres rejecting a statement, which carries a SQLSTATE.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (pgErrorOf(error)) return false;
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    // The Neon driver reports a dead WebSocket as an ErrorEvent, not an Error.
    if (typeof ErrorEvent !== 'undefined' && current instanceof ErrorEvent) return true;
    const message = current instanceof Error ? current.message : String(current);
    if (/connect|terminated|websocket|network|ECONNREFUSED|ECONNRESET|timeout|socket/i.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export const isUniqueViolation = (error: unknown) => pgErrorOf(error)?.code === '23505';
