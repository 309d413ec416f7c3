// Refuses text the app cannot store or echo: a NUL character (Postgres
// rejects U+0000 in text, which used to surface as a 500), an unpaired UTF-16
// surrogate, or bytes that are not UTF-8. Checked once, before any route, in
// the path, the query string and a JSON body (its keys and its string values
// at any depth); the answer is a 400 `invalid_text` naming where the bad
// character was. Headers are left to the runtime, which refuses NUL in them.
import { matchedRoutes } from 'hono/route';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
/** A run of percent-encoded bytes, decoded together so multi-byte UTF-8 stays whole. */
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const BAD_CHARACTER = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * What a JSON text must contain for a parsed string to hold a NUL or a lone
 * surrogate: a \u escape of one (a raw NUL is not valid JSON, and decoding the
 * body as UTF-8 can give no surrogate). Bodies without it are never parsed here.
 */
const SUSPECT_ESCAPE = /\\u(?:0000|d[89a-f])/i;

function describeCharacter(text: string): string | undefined {
  const match = BAD_CHARACTER.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  return code === 0
    ? 'contains a NUL character (U+0000)'
    : `contains an unpaired surrogate (U+${code.toString(16).toUpperCase()}), which is not Unicode text`;
}

/** Shows a name with its bad characters as \u escapes, so it can sit in a message. */
const printable = (text: string) =>
  text.replace(new RegExp(BAD_CHARACTER.source, 'g'), (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * Decodes one percent-encoded URL component. `problem` says why it is not
 * acceptable text; `text` is the best reading of it for naming it in a message
 * (undecodable runs are left as they were sent, the way Hono leaves them).
 */
function decodeComponent(raw: string, plusIsSpace: boolean): { text: string; problem?: string } {
  const spaced = plusIsSpace ? raw.replace(/\+/g, ' ') : raw;
  let undecodable: string | undefined;
  const text = spaced.replace(PERCENT_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      undecodable ??= run;
      return run;
    }
  });
  if (undecodable) return { text, problem: `has percent-encoded bytes that are not UTF-8 text (${undecodable})` };
  return { text, problem: describeCharacter(text) };
}

interface Finding {
  /** The `fields` key, as validation errors name fields. */
  field: string;
  /** Where, for the message: `query parameter "q"`. */
  where: string;
  /** What is wrong with it: `contains a NUL character (U+0000)`. */
  problem: string;
}

/** The name a route gives the path segment at `index`, from the most specific route that matched. */
function pathParamName(c: Context, index: number): string | undefined {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const segment = routes[i]!.path.split('/')[index];
    if (segment?.startsWith(':')) return segment.slice(1).replace(/\{.*$/, '').replace(/\?$/, '');
  }
  return undefined;
}

function checkUrl(c: Context, findings: Finding[]): void {
  const url = c.req.url;
  const pathStart = url.indexOf('/', url.indexOf('://') + 3);
  let end = url.indexOf('#', pathStart);
  if (end === -1) end = url.length;
  const queryStart = url.indexOf('?', pathStart);
  const pathEnd = queryStart === -1 || queryStart > end ? end : queryStart;

  const segments = url.slice(pathStart, pathEnd).split('/');
  segments.forEach((raw, index) => {
    const { problem } = decodeComponent(raw, false);
    if (!problem) return;
    const name = pathParamName(c, index);
    findings.push(name ? { field: name, where: `path parameter "${name}"`, problem } : { field: 'path', where: 'the path', problem });
  });

  if (queryStart === -1 || queryStart > end) return;
  for (const pair of url.slice(queryStart + 1, end).split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals), true);
    const value = equals === -1 ? undefined : decodeComponent(pair.slice(equals + 1), true);
    const shown = printable(name.text);
    if (name.problem) findings.push({ field: shown, where: `the name of query parameter "${shown}"`, problem: name.problem });
    else if (value?.problem) findings.push({ field: shown, where: `query parameter "${shown}"`, problem: value.problem });
  }
}

/**
 * Walks parsed JSON in document order without recursion (a 64 KiB body can
 * nest thousands deep): children are pushed in reverse and popped in order.
 */
function checkJson(body: unknown, findings: Finding[]): void {
  const pending: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    const field = path.join('.') || 'body';
    if (typeof value === 'string') {
      const problem = describeCharacter(value);
      if (problem) findings.push({ field, where: path.length ? `body field "${field}"` : 'the body', problem });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], path: [...path, String(i)] });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const keyPath = [...path, printable(key)];
        const problem = describeCharacter(key);
        if (problem) {
          const name = keyPath.join('.');
          findings.push({ field: name, where: `the key of body field "${name}"`, problem });
        }
        pending.push({ value: child, path: keyPath });
      }
    }
  }
}

/**
 * Reads a JSON body as bytes through Hono's body cache (so the route's
 * validator, through c.req.json(), reads the same cached bytes and parses them
 * once) and decodes them strictly as UTF-8: c.req.json() would quietly turn
 * bad bytes into U+FFFD. The body is parsed here only when its text has a \u
 * escape of a NUL or a surrogate; one that does not parse is left for the
 * validator to answer with `malformed_json`.
 */
async function checkBody(c: Context, findings: Finding[]): Promise<void> {
  if (!c.req.raw.body) return;
  const mediaType = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim();
  if (!JSON_MEDIA_TYPE.test(mediaType)) return;
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    findings.push({ field: 'body', where: 'the body', problem: 'has bytes that are not UTF-8 text' });
    return;
  }
  if (!SUSPECT_ESCAPE.test(text)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  checkJson(parsed, findings);
}

/**
 * The middleware. `body: false` skips the body, for paths that take none and
 * have no body-size limit in front of them (the calendar feed).
 */
export function rejectInvalidText(options: { body?: boolean } = {}): MiddlewareHandler<AppEnv> {
  const checkBodies = options.body ?? true;
  return async (c, next) => {
    const findings: Finding[] = [];
    checkUrl(c, findings);
    if (checkBodies) await checkBody(c, findings);
    if (findings.length > 0) {
      const fields: Record<string, string> = {};
      for (const { field, problem } of findings) fields[field] ??= problem;
      const summary = findings.map(({ where, problem }) => `${where} ${problem}`).join('; ');
      throw new ApiError(
        400,
        'invalid_text',
        `Text may not contain NUL characters, unpaired surrogates or bytes that are not UTF-8: ${summary}.`,
        { fields },
      );
    }
    await next();
  };
}
