import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { firstStrings } from './scripts/vite/first-strings.ts';
import { plainLazyImports } from './scripts/vite/plain-lazy-imports.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  resolve: {
    // Dexie's own build for current browsers (ES2018+, no legacy transforms): about 1.3 KB less
    // gzipped on every first load than the package's default entry, which wraps its ES5 build. Our own
    // code already targets the same browsers.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  plugins: [
    firstStrings(),
    plainLazyImports(),
    preact(),
    VitePWA({
      // The app registers the worker itself (src/client/pwa) and asks before updating.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Наставник',
        short_name: 'Наставник',
        description:
          'Программа наставничества школы: пары, встречи, ИПР, анкеты и мониторинг — в том числе без сети.',
        lang: 'ru',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1d5b8c',
        background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The whole built app is precached so every route opens offline. Data never goes through the
        // worker's caches: /api is left to the network and the app keeps its data in IndexedDB.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The spreadsheet library is for curators' exports only: phones do not download it up front;
        // once used, it is kept for offline use.
        globIgnores: ['**/exceljs*.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: /\/assets\/exceljs[^/]*\.js$/,
            handler: 'CacheFirst',
            options: { cacheName: 'export-libraries' },
          },
        ],
      },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:8080' } },
  build: {
    target: 'es2022',
    // Lazy chunks are plain import()s, without Vite's preload helper (scripts/vite/plain-lazy-imports.ts)
    // and its map of every chunk's dependencies (about 2 KB gzipped of the first load). A lazy screen's imports then load when its
    // chunk is parsed — one round trip later on a first visit; after it, the service worker has every
    // file (the whole build is precached), so nothing waits on the network.
    modulePreload: false,
    sourcemap: true,
    // exceljs (about 930 KB) is its own chunk, loaded only when a curator exports or imports a sheet.
    chunkSizeWarningLimit: 1_000,
    // Small modules that both first screens (enrolment, a mentor's home) load are kept in two chunks
    // rather than one each: rolldown gives a module shared by several lazy screens its own chunk, and on
    // the first load each costs a request and a gzip stream of its own — together about 1.1 KB gzipped of
    // a mentor's home (60.9 → 59.8 KB; enrolment 57.5 → 56.9 KB, `npm run bench:sync`). `ui-core`: Preact
    // with the app's hooks every screen uses; `domain-core`: pure rules without imports of their own.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'ui-core',
              test: /node_modules[\\/]preact[\\/]|src[\\/]client[\\/]state[\\/](store|ready-mark)\.ts|src[\\/]domain[\\/]canonical-json\.ts|preload-helper/,
            },
            {
              name: 'domain-core',
              test: /src[\\/]domain[\\/](person-name|hlc-parse|idp|percent)\.ts|src[\\/]client[\\/]ui[\\/]person-name\.ts/,
            },
          ],
        },
      },
    },
  },
});
