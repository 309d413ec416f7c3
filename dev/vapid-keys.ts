// `npm run vapid-keys`: a new Web Push identity (VAPID key pair) for a
// deployment. Prints the two secrets; with `-- --put` it stores them on the
// deployed worker with `wrangler secret bulk` instead, never echoing the
// private key. Replacing a pair invalidates every browser's push
// subscription, so `--put` refuses when the worker already has one unless
// `--force` is given too.
import { generateVapidKeys } from './lib/dev-vars.ts';
import { runWrangler } from './lib/wrangler.ts';
import { fail } from './lib/shutdown.ts';

async function put(publicKey: string, privateKey: string, force: boolean) {
  const listed = await runWrangler(['secret', 'list', '--format=json'], { output: 'capture', input: '' });
  if (listed.code !== 0) throw new Error('`wrangler secret list` failed: deploy first (npm run deploy) and sign in (npx wrangler login)');
  const names = (JSON.parse(listed.output) as { name: string }[]).map((secret) => secret.name);
  if (names.includes('VAPID_PUBLIC_KEY') && !force) {
    throw new Error(
      'the worker already has a VAPID key pair; replacing it invalidates every push subscription. Run `npm run vapid-keys -- --put --force` to replace it anyway.',
    );
  }
  const stored = await runWrangler(['secret', 'bulk'], { output: 'capture', input: JSON.stringify({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }) });
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
