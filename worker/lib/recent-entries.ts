// The edge cache's first tier: entries this isolate read from KV or wrote to
// it lately, kept in its memory. An entry of lib/person-state.ts is keyed by
// person, state version and view, and never rewritten under the same key, so
// a copy held here answers exactly as KV would, until the TTL KV gives it. A
// Workers isolate serves many requests in turn, so the people it served a
// moment ago are answered without a KV read (and without parsing the entry
// again). Bounded by the size of the entries' JSON, the oldest used first out.

interface Held<V> {
  value: V;
  expiresAt: number;
  size: number;
}

export class RecentEntries<V> {
  readonly #held = new Map<string, Held<V>>();
  #size = 0;

  readonly maxChars: number;

  /** At most `maxChars` of entries' JSON held at once (a few MB of an isolate's 128 MB). */
  constructor(maxChars: number) {
    this.maxChars = maxChars;
  }

  get(key: string, now: number): V | undefined {
    const held = this.#held.get(key);
    if (!held) return undefined;
    this.#held.delete(key);
    if (held.expiresAt <= now) {
      this.#size -= held.size;
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.#held.set(key, held);
    return held.value;
  }

  set(key: string, value: V, size: number, expiresAt: number): void {
    if (size > this.maxChars) return;
    const previous = this.#held.get(key);
    if (previous) {
      this.#held.delete(key);
      this.#size -= previous.size;
    }
    this.#held.set(key, { value, expiresAt, size });
    this.#size += size;
    for (const [oldest, held] of this.#held) {
      if (this.#size <= this.maxChars) break;
      this.#held.delete(oldest);
      this.#size -= held.size;
    }
  }

  get size(): number {
    return this.#size;
  }
}
