// Stops what the local runtime started, newest first, exactly once, on
// Ctrl-C, SIGTERM, a fatal error, or a child that exited on its own.
type Stopper = () => Promise<void> | void;

const stoppers: Stopper[] = [];
let stopping: Promise<never> | undefined;

export function onShutdown(stop: Stopper): void {
  stoppers.push(stop);
}

export const isShuttingDown = (): boolean => stopping !== undefined;

export function shutdown(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    for (const stop of stoppers.reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error(`while stopping: ${(error as Error).message}`);
      }
    }
    process.exit(exitCode);
  })();
  return stopping;
}

/**
 * Ctrl-C and SIGTERM stop everything. Repeats are ignored: npm forwards the
 * terminal's SIGINT to us although we already got it, and exiting on the
 * second one would orphan wrangler.
 */
export function stopOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      console.log(`\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: stopping…`);
      void shutdown(0);
    });
  }
}

/** Prints a fatal error as one line (no stack trace), stops everything and exits 1. */
export function fail(error: unknown): Promise<never> {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  return shutdown(1);
}

/**
 * Stops everything when our launcher goes away: `npm start` killed with
 * SIGTERM dies without passing it on, which would leave us (and wrangler,
 * holding the port) running as orphans.
 */
export function stopWithParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !stopping) {
      console.log('\nThe launching process exited: stopping…');
      void shutdown(0);
    }
  }, 1000).unref();
}
