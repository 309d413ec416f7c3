// Checks a port before wrangler needs it: wrangler's own "address in use"
// failure is a long stack trace, ours is one line.
import { createServer } from 'node:net';

export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} is already in use: stop what runs there or choose another with PORT=<port> npm start`)
          : error,
      ),
    );
    // No host: the wildcard address collides with a listener on any interface.
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/**
 * Resolves once the server answers HTTP. Never gives up: when the worker has
 * a build error wrangler keeps running and reloads on the fix, so we wait too,
 * saying once where to look.
 */
export async function waitForHttp(url: string, hintAfterMs: number): Promise<void> {
  const hintAt = Date.now() + hintAfterMs;
  let hinted = false;
  for (;;) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (!hinted && Date.now() > hintAt) {
        hinted = true;
        console.log(`Still waiting for ${url}: see wrangler's messages above (it reloads when the worker is fixed).`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
