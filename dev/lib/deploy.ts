// What `npm run deploy` reads from wrangler's output: the bundle size of a
// dry run, and which of the config's queues the account lacks.

/** Workers Free plan: 3 MiB per Worker, measured gzip-compressed (Paid: 10 MiB). */
export const FREE_PLAN_LIMIT_BYTES = 3 * 1024 * 1024;

/** `Total Upload: 1668.04 KiB / gzip: 328.84 KiB`, as wrangler prints it, in bytes. */
export function parseUploadSize(output: string): { raw: number; gzip: number } | null {
  const match = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
  if (!match) return null;
  return { raw: Math.round(Number(match[1]) * 1024), gzip: Math.round(Number(match[2]) * 1024) };
}

/** The queues of `wanted` that `wrangler queues list`'s table does not name. */
export function missingQueues(listOutput: string, wanted: string[]): string[] {
  const listed = new Set(listOutput.split(/[\s│|┃]+/).filter(Boolean));
  return wanted.filter((name) => !listed.has(name));
}
