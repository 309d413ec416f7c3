// Zod building blocks that accept the providers' documented quirks (empty
// strings for dates, nulls, "N/A", numbers as strings with commas) and turn
// them into clean domain values, plus the one way provider JSON is read.
import { z } from 'zod';
import { ProviderError, type CallOptions, type ProviderHttp } from '../../../lib/http.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { ProviderName } from '../../../ratelimit/gate-client.ts';

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** "YYYY-MM-DD" or null ("" and "N/A" included). */
export const isoDate = z.unknown().transform((value): string | null => {
  if (typeof value !== 'string') return null;
  const day = value.trim().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  // A real calendar day only ("2024-02-30" would make Postgres reject the row).
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : null;
});

/** A number from a number or a string ("1,234,567", "8.7"), else null. */
export const looseNumber = z.unknown().transform((value): number | null => {
  if (blank(value) || value === 'N/A') return null;
  const parsed = typeof value === 'number' ? value : Number(String(value).replaceAll(',', ''));
  return Number.isFinite(parsed) ? parsed : null;
});

/** Trimmed text, or null for missing, empty or "N/A". */
export const text = z.unknown().transform((value): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === 'N/A' ? null : trimmed;
});

export const stringList = z
  .unknown()
  .transform((value): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []));

export interface ReadContext {
  http: ProviderHttp;
  logger: Logger;
}

/**
 * Fetches and parses one provider document. 404 → null (the thing does not
 * exist there); a body that is not JSON or does not fit the schema is a
 * logged provider error, never a crash.
 */
export async function readJson<S extends z.ZodType>(
  context: ReadContext,
  provider: ProviderName,
  url: string,
  schema: S,
  init?: RequestInit,
  options?: CallOptions,
): Promise<z.infer<S> | null> {
  const response = await context.http.fetch(provider, url, init, options);
  if (response.status === 404) {
    await response.body?.cancel();
    return null;
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new ProviderError(provider, 'unauthorized', `refused our credentials (HTTP ${response.status})`, response.status);
  }
  const body = await response.text();
  if (!response.ok) {
    context.logger.error('provider answered an error', { provider, status: response.status, body: body.slice(0, 300) });
    throw new ProviderError(provider, 'bad_response', `HTTP ${response.status}`, response.status);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    context.logger.error('provider sent malformed JSON', { provider, body: body.slice(0, 300) });
    throw new ProviderError(provider, 'bad_response', 'malformed JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    context.logger.error('provider response did not parse', {
      provider,
      issues: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    });
    throw new ProviderError(provider, 'bad_response', 'unexpected response shape');
  }
  return parsed.data;
}
