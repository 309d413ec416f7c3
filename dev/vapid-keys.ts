// `npm run vapid-keys`: a new Web Push identity (VAPID key pair) for a
// deployment. Prints the two secrets; with `-- --put` it stores them on the
// deployed worker with `wrangler secret bulk` instead, never echoing the
// private key. Changing the pair later invalidates every push subscription.
import { spawn } from 'node:child_process';
import { generateVapidKeys } from './lib/dev-vars.ts';
import { ROOT, WRANGLER_CLI } from './lib/paths.ts';

const { publicKey, privateKey } = generateVapidKeys();

if (process.argv.includes('--put')) {
  const child = spawn(process.execPath, [WRANGLER_CLI, 'secret', 'bulk'], { cwd: ROOT, stdio: ['pipe', 'inherit', 'inherit'] });
  child.stdin.end(JSON.stringify({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }));
  child.once('exit', (code) => {
    if (code === 0) console.log(`VAPID_PUBLIC_KEY=${publicKey}\n(the private key was stored, not printed)`);
    process.exit(code ?? 1);
  });
} else {
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
