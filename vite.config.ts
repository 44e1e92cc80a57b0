import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { firstStrings } from './scripts/vite/first-strings.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    firstStrings(),
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
    sourcemap: true,
    // exceljs (about 930 KB) is its own chunk, loaded only when a curator exports or imports a sheet.
    chunkSizeWarningLimit: 1_000,
  },
});
