// `npm run vapid-keys`: a new Web Push identity (VAPID key pair) for a
// deployment. Prints the two secrets; with `-- --put` it stores them on the
// deployed worker with `wrangler secret bulk` instead, never echoing the
// private key. Replacing a pair invalidates every browser's push
// subscription, so `--put` refuses when the worker already has one unless
// `--force` is given too.
import { spawn } from 'node:child_process';
import { generateVapidKeys } from './lib/dev-vars.ts';
import { ROOT, WRANGLER_CLI } from './lib/paths.ts';
import { fail } from './lib/shutdown.ts';

function wrangler(args: string[], input?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRANGLER_CLI, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(input ?? '');
    child.once('error', (error) => resolve({ code: 1, output: error.message }));
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function put(publicKey: string, privateKey: string, force: boolean) {
  const listed = await wrangler(['secret', 'list', '--format=json']);
  if (listed.code !== 0) throw new Error('`wrangler secret list` failed: deploy first (npm run deploy) and sign in (npx wrangler login)');
  const names = (JSON.parse(listed.output) as { name: string }[]).map((secret) => secret.name);
  if (names.includes('VAPID_PUBLIC_KEY') && !force) {
    throw new Error(
      'the worker already has a VAPID key pair; replacing it invalidates every push subscription. Run `npm run vapid-keys -- --put --force` to replace it anyway.',
    );
  }
  const stored = await wrangler(['secret', 'bulk'], JSON.stringify({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }));
  if (stored.code !== 0) throw new Error('`wrangler secret bulk` failed');
  console.log(`VAPID_PUBLIC_KEY=${publicKey}\n(the private key was stored, not printed)`);
}

async function main() {
  const { publicKey, privateKey } = generateVapidKeys();
  if (process.argv.includes('--put')) return put(publicKey, privateKey, process.argv.includes('--force'));
  console.log(
    [
      '# A new VAPID key pair (P-256, base64url). Store both as secrets of the deployed worker:',
      '#   npx wrangler secret put VAPID_PUBLIC_KEY    (paste the first value)',
      '#   npx wrangler secret put VAPID_PRIVATE_KEY   (paste the second value)',
      '# or run `npm run vapid-keys -- --put` to generate and store a pair in one step.',
      `VAPID_PUBLIC_KEY=${publicKey}`,
      `VAPID_PRIVATE_KEY=${privateKey}`,
    ].join('\n'),
  );
}

main().catch(fail);
