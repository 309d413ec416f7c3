// Bad text is a 400, never a 500: a NUL or an unpaired surrogate (or bytes
// that are not UTF-8) in any path parameter, query parameter or JSON body
// string of any operation of the OpenAPI document answers 400 invalid_text in
// the error envelope. The operations come from the document itself, so a new
// route is covered the day it is added.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, signUp, TEST_ENV, type CallResult } from './test-helpers.ts';

type Schema = Record<string, any>;

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema?: Schema }[];
  body?: Schema;
  security: string[];
}

/** What a bad string looks like in a URL (no encodeURIComponent: it throws on a lone surrogate). */
const BAD_IN_URL = [
  ['a NUL', 'a%00b'],
  ['a lone surrogate', '%ED%A0%80'],
] as const;

/** And in a JSON body: JSON.stringify writes these as \u0000 and \ud800 escapes. */
const BAD_IN_JSON = [
  ['a NUL', 'a\u0000b'],
  ['a lone high surrogate', 'x\ud800'],
  ['a lone low surrogate', '\udc00y'],
] as const;

let doc: Schema;
let operations: Operation[];
let userToken: string;
const internalToken = (TEST_ENV as unknown as { INTERNAL_API_TOKEN: string }).INTERNAL_API_TOKEN;

function resolve(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current?.$ref && depth < 10; depth++) {
    current = doc.components.schemas[String(current.$ref).replace('#/components/schemas/', '')];
  }
  return current;
}

const isString = (schema: Schema) =>
  schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));

/**
 * Every path to a string in a body of this schema, as keys and array indexes
 * ('0'); a record's values sit under the key 'k'.
 */
function stringPaths(input: Schema | undefined, path: string[] = [], seen = new Set<Schema>()): string[][] {
  const schema = resolve(input);
  if (!schema || seen.has(schema)) return [];
  const inner = new Set(seen).add(schema);
  const found: string[][] = isString(schema) ? [path] : [];
  for (const variant of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    found.push(...stringPaths(variant, path, inner));
  }
  for (const [key, property] of Object.entries<Schema>(schema.properties ?? {})) {
    found.push(...stringPaths(property, [...path, key], inner));
  }
  if (schema.items) found.push(...stringPaths(schema.items, [...path, '0'], inner));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    found.push(...stringPaths(schema.additionalProperties, [...path, 'k'], inner));
  }
  const unique = new Map(found.map((entry) => [JSON.stringify(entry), entry]));
  return [...unique.values()];
}

/** A body holding `value` at `path` and nothing else; the check comes before validation. */
function bodyWith(path: string[], value: unknown): unknown {
  let body = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]!;
    body = key === '0' ? [body] : { [key]: body };
  }
  return body;
}

function fillPath(operation: Operation, bad?: { name: string; value: string }): string {
  return operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    if (bad?.name === name) return bad.value;
    const schema = resolve(operation.parameters.find((p) => p.in === 'path' && p.name === name)?.schema);
    if (schema?.format === 'uuid') return crypto.randomUUID();
    if (schema?.type === 'integer' || schema?.type === 'number') return '1';
    return name === 'feed' ? 'token.ics' : 'x';
  });
}

function send(operation: Operation, path: string, json?: unknown): Promise<CallResult> {
  const token = operation.security.includes('internal')
    ? internalToken
    : operation.security.includes('bearer')
      ? userToken
      : undefined;
  return call(operation.method.toUpperCase(), path, { token, json });
}

function expectInvalidText(result: CallResult, field: string, label: string): void {
  try {
    expectErrorEnvelope(result, 400, 'invalid_text');
    expect(result.body.error.fields).toHaveProperty([field]);
  } catch (error) {
    throw new Error(`${label}: expected 400 invalid_text naming "${field}", got ${result.status} ${JSON.stringify(result.body)}`, {
      cause: error,
    });
  }
}

beforeAll(async () => {
  const response = await call('GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  doc = response.body;
  operations = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, operation] of Object.entries<Schema>(item)) {
      if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        method,
        path,
        parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
        body: operation.requestBody?.content?.['application/json']?.schema,
        security: (operation.security ?? []).flatMap((entry: Schema) => Object.keys(entry)),
      });
    }
  }
  userToken = (await signUp()).accessToken;
});

describe('bad text in any operation of the OpenAPI document', () => {
  it('is a 400 invalid_text in every path parameter, query parameter and JSON body string', async () => {
    const counts = { operations: 0, path: 0, query: 0, body: 0, requests: 0 };
    const operationsWithStringInput = new Set<string>();

    for (const operation of operations) {
      counts.operations++;
      const label = `${operation.method.toUpperCase()} ${operation.path}`;
      const body = operation.body ? {} : undefined;

      for (const parameter of operation.parameters) {
        if (parameter.in !== 'path' && parameter.in !== 'query') continue;
        operationsWithStringInput.add(label);
        for (const [what, bad] of BAD_IN_URL) {
          const path =
            parameter.in === 'path'
              ? fillPath(operation, { name: parameter.name, value: parameter.name === 'feed' ? `${bad}.ics` : bad })
              : `${fillPath(operation)}?${parameter.name}=${bad}`;
          expectInvalidText(await send(operation, path, body), parameter.name, `${label}, ${what} in ${parameter.in} ${parameter.name}`);
          counts[parameter.in]++;
          counts.requests++;
        }
      }

      if (operation.body) {
        const paths = stringPaths(operation.body);
        if (paths.length > 0) operationsWithStringInput.add(label);
        for (const path of paths) {
          for (const [what, bad] of BAD_IN_JSON) {
            const field = path.join('.');
            expectInvalidText(await send(operation, fillPath(operation), bodyWith(path, bad)), field, `${label}, ${what} in body ${field}`);
            counts.body++;
            counts.requests++;
          }
        }
        // And in a key, which no schema lists.
        expectInvalidText(await send(operation, fillPath(operation), { 'bad\ud800key': 1 }), 'bad\\ud800key', `${label}, a body key`);
        counts.requests++;
      }

      // Every operation, string input or not: a query parameter it does not know.
      for (const [what, bad] of BAD_IN_URL) {
        expectInvalidText(await send(operation, `${fillPath(operation)}?unknown=${bad}`, body), 'unknown', `${label}, ${what} in an unknown query parameter`);
        counts.requests++;
      }
    }

    console.info(`bad-input: ${JSON.stringify(counts)}, ${operationsWithStringInput.size} operations with string input`);
    expect(counts.operations).toBeGreaterThanOrEqual(35);
    expect(operationsWithStringInput.size).toBeGreaterThanOrEqual(20);
    expect(counts.path).toBeGreaterThan(0);
    expect(counts.query).toBeGreaterThan(0);
    expect(counts.body).toBeGreaterThan(0);
  });
});

describe('bad text, directly', () => {
  it('answers search with a NUL in q with 400, not the 500 Postgres gave', async () => {
    const response = await call('GET', '/api/v1/shows/search?q=a%00b');
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(response.body.error.fields).toEqual({ q: 'contains a NUL character (U+0000)' });
    expect(response.body.error.message).toContain('query parameter "q"');
    expect(response.body.error.requestId).toBe(response.headers.get('X-Request-Id'));
  });

  it('still searches for ordinary text, with + and percent-encoded UTF-8', async () => {
    expect((await call('GET', '/api/v1/shows/search?q=caf%C3%A9+cr%C3%A8me')).status).toBe(200);
  });

  it.each([
    ['an encoded surrogate', '%ED%A0%80'],
    ['a byte that is never UTF-8', '%FF'],
    ['a truncated sequence', 'caf%C3'],
  ])('answers %s in a query parameter with 400', async (_name, bad) => {
    const response = await call('GET', `/api/v1/shows/search?q=${bad}`);
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(response.body.error.fields.q).toMatch(/not UTF-8/);
  });

  it('names a query parameter whose name is bad', async () => {
    const response = await call('GET', '/api/v1/shows/search?q=ok&a%00=1');
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(response.body.error.fields).toEqual({ 'a\\u0000': 'contains a NUL character (U+0000)' });
  });

  it('leaves a stray percent sign to validation, as before', async () => {
    expect((await call('GET', '/api/v1/shows/search?q=100%')).status).toBe(200);
  });

  it.each([
    ['a NUL', 'a%00b'],
    ['an encoded surrogate', '%ED%A0%80'],
    ['a byte that is never UTF-8', '%FF'],
  ])('answers %s in a path parameter with 400 naming the parameter', async (_name, bad) => {
    const { accessToken } = await signUp();
    const response = await call('GET', `/api/v1/shows/${crypto.randomUUID()}/seasons/${bad}`, { token: accessToken });
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(Object.keys(response.body.error.fields)).toEqual(['num']);
    expect(response.body.error.message).toContain('path parameter "num"');
  });

  it('answers a NUL in a path no route knows with 400 naming the path', async () => {
    const response = await call('GET', '/api/v1/nothing%00here');
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(Object.keys(response.body.error.fields)).toEqual(['path']);
  });

  it('answers a calendar feed address with a NUL with 400, before any token is looked up', async () => {
    for (const bad of ['a%00b', '%ED%A0%80', '%FF']) {
      const response = await call('GET', `/cal/${bad}.ics`);
      expectErrorEnvelope(response, 400, 'invalid_text');
      expect(response.body.error.fields).toHaveProperty(['feed']);
    }
    const query = await call('GET', '/cal/token.ics?types=a%00b');
    expectErrorEnvelope(query, 400, 'invalid_text');
    // A well-formed but unknown token is still a 404.
    expectErrorEnvelope(await call('GET', '/cal/no-such-token.ics'), 404, 'not_found');
  });

  it('answers a lone surrogate in a nested key of a JSON body with 400 naming its path', async () => {
    const { accessToken } = await signUp();
    const response = await call('PATCH', '/api/v1/me', {
      token: accessToken,
      json: { settings: { list: [{ ['ok\ud800']: 'x' }] } },
    });
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(response.body.error.fields).toEqual({
      'settings.list.0.ok\\ud800': expect.stringContaining('unpaired surrogate (U+D800)'),
    });
    expect(response.body.error.message).toContain('the key of body field "settings.list.0.ok\\ud800"');
  });

  it('names every bad string of a body, in document order', async () => {
    const response = await call('POST', '/api/v1/auth/register', {
      json: { email: 'a\u0000@example.com', username: 'fine', password: 'p\udfffw' },
    });
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(Object.keys(response.body.error.fields)).toEqual(['email', 'password']);
    expect(response.body.error.fields.password).toContain('U+DFFF');
  });

  it('lets a surrogate pair and an escaped backslash through to validation', async () => {
    const response = await call('POST', '/api/v1/auth/login', {
      body: '{"email": "\\ud83c\\udf89@example.com", "password": "\\\\u0000"}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.body.error.code).not.toBe('invalid_text');
    expect([400, 401]).toContain(response.status);
  });

  it('answers a JSON body whose bytes are not UTF-8 with 400', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"email":"a'), 0xed, 0xa0, 0x80, ...new TextEncoder().encode('@example.com"}')]);
    const response = await call('POST', '/api/v1/auth/login', { body: bytes, headers: { 'Content-Type': 'application/json' } });
    expectErrorEnvelope(response, 400, 'invalid_text');
    expect(response.body.error.fields).toEqual({ body: 'has bytes that are not UTF-8 text' });
  });

  it('keeps malformed JSON a malformed_json 400, even with a NUL escape in it', async () => {
    const response = await call('POST', '/api/v1/auth/login', {
      body: '{"email": "a\\u0000b", "password": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expectErrorEnvelope(response, 400, 'malformed_json');
  });

  it('reads a good JSON body once and still hands it to the route', async () => {
    const account = await signUp();
    const response = await call('POST', '/api/v1/auth/login', {
      json: { email: account.email, password: account.password, token_transport: 'body' },
    });
    expect(response.status).toBe(200);
  });
});
