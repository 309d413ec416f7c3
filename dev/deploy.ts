// `npm run deploy`: builds the PWA into dist/web, creates the queues
// wrangler.jsonc names that the account does not have yet (wrangler creates
// the KV namespace by itself), and runs `wrangler deploy`.
// `npm run deploy -- --dry-run` builds everything and deploys nothing: it
// bundles the worker into .artifacts/deploy, reports its size against the
// Workers Free plan's limit and exits 1 over it (CI runs this).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildWeb } from './lib/build-web.ts';
import { fail } from './lib/shutdown.ts';
import { ROOT } from './lib/paths.ts';
import { runWrangler } from './lib/wrangler.ts';
import { FREE_PLAN_LIMIT_BYTES, missingQueues, parseUploadSize } from './lib/deploy.ts';
import { queueNames, readWranglerConfig } from './lib/wrangler-config.ts';

const DRY_RUN_DIR = join(ROOT, '.artifacts', 'deploy');

async function ensureQueues(): Promise<void> {
  const wanted = queueNames(readWranglerConfig());
  const listed = await runWrangler(['queues', 'list'], { output: 'echo' });
  if (listed.code !== 0) throw new Error('`wrangler queues list` failed: sign in with `npx wrangler login` (or set CLOUDFLARE_API_TOKEN) first');
  const missing = missingQueues(listed.output, wanted);
  for (const name of missing) {
    console.log(`Creating queue ${name}…`);
    const created = await runWrangler(['queues', 'create', name], { output: 'echo' });
    if (created.code !== 0 && !/already exists|already taken/i.test(created.output)) throw new Error(`could not create queue ${name}`);
  }
  console.log(missing.length ? `queues: created ${missing.join(', ')}` : `queues: ${wanted.join(', ')} exist`);
}

async function main() {
  const dryRun = process.argv.includes('--dry-run');
  const passThrough = process.argv.slice(2).filter((arg) => arg !== '--dry-run');

  await buildWeb();

  if (dryRun) {
    mkdirSync(DRY_RUN_DIR, { recursive: true });
    const result = await runWrangler(['deploy', '--dry-run', `--outdir=${DRY_RUN_DIR}`, ...passThrough], { output: 'echo' });
    if (result.code !== 0) process.exit(result.code);
    const size = parseUploadSize(result.output);
    if (!size) throw new Error('wrangler printed no "Total Upload" line; cannot check the size');
    const report = {
      bundle: relative(ROOT, join(DRY_RUN_DIR, 'index.js')),
      raw_bytes: size.raw,
      gzip_bytes: size.gzip,
      free_plan_limit_bytes: FREE_PLAN_LIMIT_BYTES,
      share_of_limit: Number((size.gzip / FREE_PLAN_LIMIT_BYTES).toFixed(3)),
    };
    writeFileSync(join(DRY_RUN_DIR, 'size.json'), `${JSON.stringify(report, null, 2)}\n`);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    const verdict = `worker bundle: ${kib(size.gzip)} gzipped (${kib(size.raw)} raw), ${(report.share_of_limit * 100).toFixed(1)}% of the Workers Free plan's ${kib(FREE_PLAN_LIMIT_BYTES)}`;
    if (size.gzip > FREE_PLAN_LIMIT_BYTES) {
      console.error(`${verdict}: OVER the limit`);
      process.exit(1);
    }
    console.log(verdict);
    return;
  }

  const subject = readWranglerConfig().vars?.VAPID_SUBJECT ?? '';
  if (subject.endsWith('.invalid')) {
    throw new Error(
      `VAPID_SUBJECT in wrangler.jsonc is still ${subject}: push services use it to reach whoever runs this deployment, so set your own mailto: or https: contact there first`,
    );
  }
  await ensureQueues();
  const deployed = await runWrangler(['deploy', ...passThrough]);
  if (deployed.code !== 0) process.exit(deployed.code);
  console.log('\nDeployed. Once the secrets are set (README: Deploy), check it with: curl -H "Authorization: Bearer $INTERNAL_API_TOKEN" https://<your worker>/api/internal/health');
}

main().catch(fail);
