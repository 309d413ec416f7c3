// wrangler.jsonc as the local runtime and the deploy script read it: JSON with
// comments and trailing commas, parsed without loading wrangler itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export const WRANGLER_CONFIG = join(ROOT, 'wrangler.jsonc');

export interface WranglerConfig {
  name: string;
  triggers?: { crons?: string[] };
  queues?: { producers?: { queue: string }[]; consumers?: { queue: string; dead_letter_queue?: string }[] };
  assets?: { directory?: string };
  vars?: Record<string, string>;
}

/** JSONC to JSON: drops `//` and `/* *\/` comments outside strings, and commas before `]` or `}`. */
export function stripJsonc(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (char === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (char === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i === -1) throw new Error('unterminated /* comment');
      i++;
    } else {
      out += char;
    }
  }
  return out.replace(/,(\s*[\]}])/g, '$1');
}

export function readWranglerConfig(path = WRANGLER_CONFIG): WranglerConfig {
  return JSON.parse(stripJsonc(readFileSync(path, 'utf8'))) as WranglerConfig;
}

/** Every queue the config names: producers, consumers and their dead-letter queues. */
export function queueNames(config: WranglerConfig): string[] {
  const names = [
    ...(config.queues?.producers ?? []).map((producer) => producer.queue),
    ...(config.queues?.consumers ?? []).flatMap((consumer) => [consumer.queue, consumer.dead_letter_queue ?? []].flat()),
  ];
  return [...new Set(names)];
}
