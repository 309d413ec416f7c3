// The worker under test served by workerd directly, without `wrangler dev`'s
// dev proxy: the same bundle `wrangler deploy` uploads (built here with
// `wrangler deploy --dry-run --outdir`), the same bindings (read from
// wrangler.jsonc by wrangler's own unstable_getMiniflareWorkerOptions), run by
// Miniflare's workerd with KV and the Durable Objects in a fresh temporary
// directory. On Cloudflare a request reaches the worker's isolate with no dev
// proxy in front; `wrangler dev` puts a second workerd in the way (about 1 ms
// of CPU per request on this machine, bench/results/edge-reads-postgres.json
// `devProxyCpuMsPerRequest`), which a throughput figure on two cores feels.
// BENCH_SERVE=wrangler keeps the `wrangler dev` way (bench/lib/worker.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare, Log, LogLevel, convertV4MiniflareOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { ROOT, WRANGLER_CLI } from '../../dev/lib/paths.ts';
import { freePort, untilAnswered, type BenchWorker } from './worker.ts';

export async function startDirectWorker(vars: Record<string, string>): Promise<BenchWorker> {
  const stateDir = mkdtempSync(join(tmpdir(), 'showtracker-bench-direct-'));
  const outDir = join(stateDir, 'bundle');
  const build = spawnSync(process.execPath, [WRANGLER_CLI, 'deploy', '--dry-run', `--outdir=${outDir}`], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${(build.stdout + build.stderr).slice(-2000)}`);
  // modulesRules name how to load unbundled files: the bundle is one module already.
  const { modulesRules: _rules, ...workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.jsonc')).workerOptions;
  const [port, inspectorPort] = [await freePort(), await freePort()];
  // wrangler hands its options in Miniflare 4's shape; Miniflare 5 converts them.
  const mf = new Miniflare(convertV4MiniflareOptions({
    workers: [
      {
        ...workerOptions,
        name: 'showtracker',
        modules: true,
        rootPath: outDir,
        scriptPath: join(outDir, 'index.js'),
        // Every variable from the bench (benchWorkerVars lists them all), never .dev.vars.
        bindings: { ...(workerOptions.bindings as Record<string, unknown>), ...vars },
      },
    ],
    // The placeholder request.cf: no fetch of Cloudflare's from here.
    cf: false,
    host: '127.0.0.1',
    port,
    // Named on workerd's command line, which is how bench/lib/workerd-cpu.ts tells the worker's workerd.
    inspectorPort,
    resourcePersistencePath: join(stateDir, 'state'),
    log: new Log(LogLevel.WARN),
  } as Parameters<typeof convertV4MiniflareOptions>[0]));
  const url = (await mf.ready).origin;
  return {
    url,
    inspectorPort,
    ready: (path, headers) => untilAnswered(`${url}${path}`, headers),
    async stop() {
      await mf.dispose();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
