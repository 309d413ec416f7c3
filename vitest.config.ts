// Two projects, both run by `npm test`:
// - workers: the worker's tests inside workerd (@cloudflare/vitest-plugin)
//   against a real Postgres (embedded PGlite, or DATABASE_URL), the
//   metadata stand-ins and the local push service, all started once by
//   test/global-setup.ts;
// - node: tests of the local runtime itself (dev/), in plain Node; they
//   start their own stand-in servers in-process.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { standInBases, standInProviderVars } from './dev/stand-ins/index.ts';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const standIns = inject<string>('standInsUrl');
            const pushReceiver = inject<string>('pushReceiverUrl');
            return {
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  DATABASE_URL: inject<string>('databaseUrl'),
                  DATABASE_WS_PROXY: inject<string>('databaseWsProxy'),
                  JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
                  INTERNAL_API_TOKEN: 'test-internal-token-0123456789',
                  PUSH_ENDPOINT_ALLOWLIST: `127.0.0.1:9,push.test.example,${new URL(pushReceiver).host}`,
                  ...standInProviderVars(standInBases(standIns)),
                  // The suite syncs many shows at once; the rate limit itself is
                  // tested with its own gate scope and settings.
                  TMDB_RATE_LIMIT: '1000',
                  TVMAZE_RATE_LIMIT: '1000',
                  TVDB_RATE_LIMIT: '1000',
                  // Tests drive faults and mutations through `${env.STAND_INS_URL}/__control/…`.
                  STAND_INS_URL: standIns,
                  // Devices subscribe through `${env.PUSH_RECEIVER_URL}/__control/subscriptions`.
                  PUSH_RECEIVER_URL: pushReceiver,
                },
              },
            };
          }),
        ],
        test: {
          name: 'workers',
          globalSetup: ['./test/global-setup.ts'],
          include: ['worker/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['dev/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
