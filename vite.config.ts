// Builds the SolidJS PWA from web/ into dist/web, the folder wrangler.toml
// serves as the worker's static assets. `npm run dev:web` proxies the API to
// the worker that `npm start` runs, so the page and the API stay same-origin.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const workerOrigin = `http://127.0.0.1:${process.env.PORT ?? 8787}`;

export default defineConfig({
  root: 'web',
  plugins: [solid()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: {
    proxy: { '/api': workerOrigin, '/cal': workerOrigin },
  },
});
