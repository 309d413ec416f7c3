// Counts a request's Workers KV operations, for the Server-Timing header
// every API and feed answer carries (`kv-read;desc=2, kv-write;desc=0`), so
// the reads a route makes are visible from outside: the round-trip table in
// the README is measured with it (bench/round-trips.ts).

export interface KvCount {
  reads: number;
  writes: number;
}

const READS = new Set(['get', 'getWithMetadata', 'list']);
const WRITES = new Set(['put', 'delete']);

/** `kv` with every read (get, getWithMetadata, list) and write (put, delete) counted in `count`. */
export function countingKv(kv: KVNamespace, count: KvCount): KVNamespace {
  return new Proxy(kv, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      if (READS.has(property)) {
        return (...args: unknown[]) => {
          // A get of several keys at once is one operation.
          count.reads += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (WRITES.has(property)) {
        return (...args: unknown[]) => {
          count.writes += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}

/** The Server-Timing entries for `count`. */
export const kvServerTiming = (count: KvCount) => `kv-read;desc=${count.reads}, kv-write;desc=${count.writes}`;
