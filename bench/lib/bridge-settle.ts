// What the counting benches share: the bridge's counters read once the worker
// is done with Postgres, and the source a run measured.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../../dev/lib/paths.ts';
import type { BridgeStats } from '../../dev/lib/ws-bridge.ts';

/**
 * The bridge's counters once no WebSocket is open and nothing has moved for
 * `settleMs` (the worker closes its pool with waitUntil, after the answer).
 */
export async function settledStats(read: () => BridgeStats, settleMs: number): Promise<BridgeStats> {
  const deadline = Date.now() + 15_000;
  let last = read();
  let still = performance.now();
  for (;;) {
    await sleep(10);
    const now = read();
    if (JSON.stringify(now) !== JSON.stringify(last)) {
      last = now;
      still = performance.now();
    } else if (now.open === 0 && performance.now() - still >= settleMs) {
      return now;
    }
    if (Date.now() > deadline) throw new Error(`the bridge did not settle: ${JSON.stringify(now)}`);
  }
}

/** The commit measured, and whether `paths` (the worker, by default) had uncommitted changes. */
export function sourceState(paths: string[] = ['worker']): { commit: string; workerChanged: boolean } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), workerChanged: git('status', '--porcelain', '--', ...paths) !== '' };
  } catch {
    return { commit: 'unknown', workerChanged: false };
  }
}
