// This program type-checks the worker's sources beside the PWA's (the API
// client's types come from its routes), with both the DOM's lib and the
// Workers runtime types. Where the two declare the same global, the DOM's
// wins here; this adds back the one Workers-only method the worker calls.
// Nothing in the PWA may use it: browsers have no timingSafeEqual.
interface SubtleCrypto {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}
