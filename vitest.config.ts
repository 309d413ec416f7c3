// Two projects, both run by `npm test`:
// - workers: the worker's tests inside workerd (@cloudflare/vitest-plugin)
//   against a real Postgres (embedded PGlite, or DATABASE_URL), the
//   metadata stand-ins and the local push service, all started once by
//   test/global-setup.ts;
// - node: tests of the local runtime itself (dev/), in plain Node; they
//   start their own stand-in servers in-process;
// - web: the PWA's data hooks and components, in real Chromium (vitest
//   browser mode), talking to a real `npm start` through the dev proxy;
// - e2e: the built PWA in real Chromium (playwright-core) against that same
//   `npm start`, started once by test/app-server.ts for both.
import { createServer } from 'node:net';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';
import { standInBases, standInProviderVars } from './dev/stand-ins/index.ts';
import { standInMailVars } from './dev/mail-stand-in/index.ts';
import { runsBrowserProjects } from './dev/lib/browser.ts';
import { CHROMIUM_ARGS, provideChromium } from './test/chromium.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

// Chosen now, so the web project's proxy and test/app-server.ts agree.
process.env.SHOWTRACKER_TEST_APP_PORT ??= String(await freePort());
const appOrigin = `http://127.0.0.1:${process.env.SHOWTRACKER_TEST_APP_PORT}`;

// The Chromium of web and e2e, found or provisioned now (test/chromium.ts):
// the web project's provider needs its path here, and every test process
// inherits it as CHROMIUM_PATH. A run of only other projects skips it.
const chromiumPath = runsBrowserProjects(process.argv, ['web', 'e2e']) ? await provideChromium() : undefined;

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => {
            const standIns = inject<string>('standInsUrl');
            const pushReceiver = inject<string>('pushReceiverUrl');
            const mail = inject<string>('mailUrl');
            return {
              wrangler: { configPath: './wrangler.jsonc' },
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
                  // Every e-mail lands in the mail stand-in; tests read `${env.MAIL_STAND_IN_URL}/__mail`.
                  ...standInMailVars(mail),
                  MAIL_STAND_IN_URL: mail,
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
      {
        plugins: [solid()],
        resolve: { conditions: ['browser', 'development'], dedupe: ['solid-js', '@solidjs/router', '@tanstack/solid-query'] },
        // Bundled up front, together: a dependency discovered mid-run reloads
        // the test page, and separate bundles would each carry their own Solid.
        optimizeDeps: {
          include: [
            'solid-js',
            'solid-js/web',
            'solid-js/store',
            '@solidjs/testing-library',
            '@tanstack/solid-query',
            '@tanstack/solid-query-persist-client',
            'hono/client',
          ],
        },
        server: { proxy: { '/api': appOrigin, '/cal': appOrigin } },
        test: {
          name: 'web',
          include: ['web/**/*.test.{ts,tsx}'],
          globalSetup: ['./test/app-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/app-server.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // One browser journey at a time: they share one server and a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
