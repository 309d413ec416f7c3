// c.json(value, 200), serializing each object once. Answers served again from
// the isolate's memory (lib/recent-entries.ts) are the same objects, so a warm
// hit sends the text it sent before instead of serializing 50 kB again.
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

const serialized = new WeakMap<object, string>();

export function jsonOnce<T extends object>(c: Context, value: T): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  let text = serialized.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialized.set(value, text);
  }
  // The text is JSON.stringify(value), what c.json would send: its type is c.json's.
  return c.body(text, 200, { 'Content-Type': 'application/json' }) as unknown as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}
