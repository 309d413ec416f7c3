// Builds the SolidJS PWA from web/ into dist/web, the folder wrangler.jsonc
// serves as the worker's static assets. The service worker (web/src/sw.ts)
// is built by vite-plugin-pwa's injectManifest, which adds the precache list
// of the app shell. `npm run dev:web` proxies the API to the worker that
// `npm start` runs, so the page and the API stay same-origin.
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

const workerOrigin = `http://127.0.0.1:${process.env.PORT ?? 8787}`;

export const THEME = { light: '#4338ca', background: '#12141a' };

export default defineConfig({
  root: 'web',
  plugins: [
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['screenshots/**'],
      },
      manifest: {
        id: '/',
        name: 'ShowTracker',
        short_name: 'ShowTracker',
        description: 'Track TV shows and movies, see what airs when in your time zone, and get notified before episodes air.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: THEME.background,
        theme_color: THEME.background,
        categories: ['entertainment', 'lifestyle'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        shortcuts: [
          { name: 'Timeline', url: '/timeline', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
          { name: 'Search', url: '/search', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: { '/api': workerOrigin, '/cal': workerOrigin },
  },
});
