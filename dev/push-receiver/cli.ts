// `npm run push-receiver`: the local push service alone, on PUSH_RECEIVER_PORT (default 8789).
import { startPushReceiver } from './index.ts';

const port = Number(process.env.PUSH_RECEIVER_PORT ?? 8789);
const receiver = await startPushReceiver({ port }).catch((error: Error) => {
  console.error(`error: cannot start the push receiver on port ${port}: ${error.message}`);
  process.exit(1);
});

console.log(
  [
    `Push receiver at ${receiver.url}`,
    `  new subscription: curl -X POST ${receiver.url}/__control/subscriptions`,
    `  allow it in the worker: PUSH_ENDPOINT_ALLOWLIST=${new URL(receiver.url).host}`,
    `  control API: ${receiver.url}/__control   (Ctrl-C stops)`,
  ].join('\n'),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void receiver.stop().then(() => process.exit(0)));
}
