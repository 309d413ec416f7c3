// PGlite is a single-process database: two processes opening .data/pglite at
// once would corrupt it. Whoever opens it holds a pid file next to it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Whether a process with this id exists (EPERM: it does, but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws naming the process that has it; returns the release function. */
export function lockDataDir(lockFile: string, what: string): () => void {
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx' fails if the file exists, so two starters cannot both win.
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const pid = holder(lockFile);
    if (pid !== undefined) {
      throw new Error(`${what} is in use by another process (pid ${pid}, probably \`npm start\`); stop it first (or delete ${lockFile} if that process is not ours)`);
    }
    // Left behind by a process that died without cleaning up: stale.
    rmSync(lockFile, { force: true });
  }
}
