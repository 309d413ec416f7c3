// What the figures were measured on; they mean little without it.
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../dev/lib/paths.ts';
import { fail, stopOnSignals, stopWithParent } from '../../dev/lib/shutdown.ts';

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    return `${pretty ?? 'Linux'} (kernel ${release()})`;
  } catch {
    return `${process.platform} ${release()}`;
  }
}

const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

export function machine(): Record<string, string | number> {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: osName(),
    node: process.versions.node,
    wrangler: versionOf('wrangler'),
    pglite: versionOf('@electric-sql/pglite'),
  };
}

/** The 1-minute load average: above ~0.5 before the run, something else is competing for the cores. */
export const loadAverage = () => Math.round(loadavg()[0]! * 100) / 100;

/**
 * What every bench does first: stop on Ctrl-C or when its launcher exits,
 * end by itself once `maxMs` (BENCH_MAX_MINUTES) runs out, whatever hangs,
 * and say when the machine is already busy (two cores shared by the
 * database, workerd and the bench: anything else running shows in the figures).
 */
export function beginBench(maxMs?: number): { started: number; loadBefore: number } {
  stopOnSignals();
  stopWithParent();
  if (maxMs) setTimeout(() => void fail(new Error(`BENCH_MAX_MINUTES (${maxMs / 60_000}) ran out`)), maxMs).unref();
  const loadBefore = loadAverage();
  if (loadBefore > 0.5) console.log(`note: the load average is ${loadBefore} before the run; other work on this machine will slow the figures down`);
  return { started: performance.now(), loadBefore };
}
