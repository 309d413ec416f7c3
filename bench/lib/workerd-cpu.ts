// CPU time of the workerd processes this bench started (through wrangler dev),
// from /proc: user + system, in ms, at the kernel's tick (10 ms). wrangler dev
// runs two: the one with the inspector runs the worker; the other is
// wrangler's dev proxy in front of it (which Cloudflare's edge does not have).
// Divided by the requests of a phase, the first is a ceiling of the worker's
// CPU per request: it also counts workerd's own HTTP, KV and socket work.
import { readFileSync, readdirSync } from 'node:fs';

export interface WorkerdCpu {
  /** ms of CPU of the workerd running the worker. */
  worker: number;
  /** ms of CPU of wrangler's dev proxy workerd. */
  proxy: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** One process's CPU so far (user + system), in ms; null when /proc does not have it. */
export function processCpuMs(pid: number): number | null {
  const info = stat(String(pid));
  return info ? info.ticks * TICK_MS : null;
}

function stat(pid: string): { ppid: number; comm: string; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // After "pid (comm) ": state ppid … utime is field 14 of the line, stime 15.
    return { ppid: Number(fields[1]), comm: text.slice(text.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** The CPU so far of every workerd below this process; zeros where /proc is not there. */
export function workerdCpu(): WorkerdCpu {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return { worker: 0, proxy: 0 };
  }
  const all = new Map(pids.map((pid) => [Number(pid), stat(pid)] as const));
  const below = (pid: number) => {
    for (let at = all.get(pid)?.ppid, hops = 0; at !== undefined && at > 1 && hops < 10; at = all.get(at)?.ppid, hops++) {
      if (at === process.pid) return true;
    }
    return false;
  };
  const cpu: WorkerdCpu = { worker: 0, proxy: 0 };
  for (const [pid, info] of all) {
    if (!info || info.comm !== 'workerd' || !below(pid)) continue;
    let inspector = false;
    try {
      inspector = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--inspector-addr');
    } catch {
      continue;
    }
    cpu[inspector ? 'worker' : 'proxy'] += info.ticks * TICK_MS;
  }
  return cpu;
}
