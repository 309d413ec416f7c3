// Runs `wrangler dev` as a child process group, so stopping it reaches every
// process wrangler spawns (its CLI process and the workerd runtimes) and none
// is left listening after `npm start` exits.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, WEB_BUILD_DIR, WRANGLER_CLI, WRANGLER_STATE } from './paths.ts';

export interface WranglerDev {
  /** Resolves with the exit code when wrangler exits, for whatever reason. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

export function startWranglerDev(options: { port: number; vars: Record<string, string> }): WranglerDev {
  const args = [
    WRANGLER_CLI,
    'dev',
    '--local',
    `--port=${options.port}`,
    '--test-scheduled',
    `--persist-to=${WRANGLER_STATE}`,
    // npm start's own build of the PWA (wrangler.jsonc's dist/web is the deploy build).
    `--assets=${WEB_BUILD_DIR}`,
    '--show-interactive-dev-session=false',
    // --var beats .dev.vars in wrangler 4, and unlike --env-file it keeps
    // values verbatim (env files get `$NAME` expansion, which mangles secrets).
    ...Object.entries(options.vars).map(([key, value]) => `--var=${key}:${value}`),
  ];
  // Its own process group: the terminal's Ctrl-C reaches only us, and we stop
  // the whole group once, in order, instead of racing wrangler's own handler.
  // stdin is closed because a background group reading the terminal is stopped.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };

  return {
    exited,
    async stop() {
      if (child.pid === undefined) return;
      signalGroup('SIGTERM');
      // wrangler tears workerd down on SIGTERM; give it a moment, then insist.
      for (let waited = 0; groupAlive() && waited < 5000; waited += 100) await sleep(100);
      if (groupAlive()) signalGroup('SIGKILL');
    },
  };
}

/**
 * One wrangler command run to completion (deploy, queues, secrets): its exit
 * code and what it printed. `inherit` leaves the terminal to wrangler (its
 * prompts and colours), `echo` shows the output and keeps it, `capture`
 * keeps standard output to itself. `input` is written to its standard input.
 */
export function runWrangler(
  args: string[],
  options: { output?: 'inherit' | 'echo' | 'capture'; input?: string } = {},
): Promise<{ code: number; output: string }> {
  const mode = options.output ?? 'inherit';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRANGLER_CLI, ...args], {
      cwd: ROOT,
      stdio: [options.input === undefined ? 'inherit' : 'pipe', mode === 'inherit' ? 'inherit' : 'pipe', mode === 'echo' ? 'pipe' : 'inherit'],
    });
    let output = '';
    const keep = (to: NodeJS.WriteStream | null) => (chunk: Buffer) => {
      output += chunk.toString();
      to?.write(chunk);
    };
    child.stdout?.on('data', keep(mode === 'echo' ? process.stdout : null));
    child.stderr?.on('data', keep(process.stderr));
    child.stdin?.end(options.input);
    child.once('error', (error) => resolve({ code: 1, output: error.message }));
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
