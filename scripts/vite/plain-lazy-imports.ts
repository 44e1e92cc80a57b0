// A Vite plugin: lazy chunks load by a plain import(). Vite wraps every import() in its preload
// helper (about 0.9 KB gzipped, a chunk of its own that every first load fetches), even with
// build.modulePreload off; with it off the helper only adds the stylesheets a lazy chunk imports, and
// ours import none (the app's one stylesheet comes with the entry). The helper's module is replaced by
// a call of the import; the build fails should a lazy chunk ever bring a stylesheet of its own.
import type { Plugin } from 'vite';

const HELPER = '\0vite/preload-helper.js';

export function plainLazyImports(): Plugin {
  return {
    name: 'nastavnik-plain-lazy-imports',
    enforce: 'pre',
    apply: 'build',
    resolveId: (id) => (id === HELPER ? id : undefined),
    load: (id) => (id === HELPER ? 'export const __vitePreload = (load) => load();' : undefined),
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && !chunk.isEntry && (chunk.viteMetadata?.importedCss.size ?? 0) > 0) {
          this.error(`${chunk.fileName} imports a stylesheet: plain import() would not load it`);
        }
      }
    },
  };
}
