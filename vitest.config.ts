// Worker tests run inside workerd (@cloudflare/vitest-plugin) against a real
// Postgres: the embedded PGlite by default, the server at DATABASE_URL when set.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          DATABASE_URL: inject<string>('databaseUrl'),
          DATABASE_WS_PROXY: inject<string>('databaseWsProxy'),
          JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnopqrstuvwxyz',
          INTERNAL_API_TOKEN: 'test-internal-token-0123456789',
          PUSH_ENDPOINT_ALLOWLIST: '127.0.0.1:9,push.test.example',
        },
      },
    })),
  ],
  test: {
    globalSetup: ['./test/global-setup.ts'],
    include: ['worker/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
