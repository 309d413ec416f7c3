// Fires requests at a fixed concurrency and times each one from the client's
// side (what a user waits for). A time budget keeps the run short on slow
// machines: the list is shuffled beforehand, so the part that runs is still a
// fair sample of every kind of query.

export interface Timed<T> {
  item: T;
  ms: number;
  status: number;
  body: unknown;
}

export interface LoadResult<T> {
  timings: Timed<T>[];
  wallMs: number;
  /** Requests answered per second over the whole phase. */
  throughput: number;
  stoppedByBudget: boolean;
}

export async function runLoad<T>(
  items: readonly T[],
  options: {
    concurrency: number;
    budgetMs: number;
    url: (item: T) => string;
    /** Per-request headers (e.g. each caller's bearer token). */
    headers?: (item: T) => Record<string, string>;
  },
): Promise<LoadResult<T>> {
  const timings: Timed<T>[] = [];
  const started = performance.now();
  const deadline = started + options.budgetMs;
  let next = 0;
  let stoppedByBudget = false;

  async function lane() {
    while (next < items.length) {
      if (performance.now() > deadline) {
        stoppedByBudget = true;
        return;
      }
      const item = items[next++]!;
      const sent = performance.now();
      const response = await fetch(options.url(item), { headers: options.headers?.(item), signal: AbortSignal.timeout(60_000) });
      const body: unknown = await response.json().catch(() => null);
      timings.push({ item, ms: performance.now() - sent, status: response.status, body });
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const wallMs = performance.now() - started;
  return { timings, wallMs, throughput: Math.round((timings.length / (wallMs / 1000)) * 10) / 10, stoppedByBudget };
}

/** Fisher-Yates with the bench's seeded generator, so a budget-cut run samples every kind. */
export function shuffle<T>(items: readonly T[], random: { int(max: number): number }): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = random.int(index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
