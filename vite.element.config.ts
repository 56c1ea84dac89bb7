import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Inside a shadow root, `rem` still follows the host page's root font size: a blog with
 * `html { font-size: 20px }` would resize the calculator. For the element, every `rem` becomes
 * a multiple of `--moe-rem`, which .moe-root sets to 16px; the page build keeps plain rem.
 */
function remToHostIndependent(): Plugin {
  return {
    name: 'moe-rem',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.(svelte|css)(\?.*)?$/.test(id)) return null;
      const rewrite = (css: string) =>
        css.replace(/(\d*\.?\d+)rem\b/g, 'calc($1 * var(--moe-rem, 1rem))');
      if (id.endsWith('.svelte'))
        return code.replace(
          /<style([^>]*)>([\s\S]*?)<\/style>/g,
          (_, attrs: string, css: string) => `<style${attrs}>${rewrite(css)}</style>`,
        );
      return rewrite(code);
    },
  };
}

/**
 * The <moe-explorer> element: one ES module, dist/moe-explorer.js, built after the site into
 * the same folder. Component styles are injected at run time into the element's shadow root.
 */
export default defineConfig({
  plugins: [
    remToHostIndependent(),
    svelte({ compilerOptions: { runes: true, css: 'injected' }, emitCss: false }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    copyPublicDir: false,
    minify: true,
    // Vite leaves ES libraries unminified (for consumers' bundlers); this file is served as is.
    // What the element needs before it renders is one file (Rolldown's '$initial' tag: the
    // entry's static imports); each view stays its own chunk, loaded when chosen.
    rolldownOptions: {
      output: {
        minify: true,
        codeSplitting: { groups: [{ name: 'moe-explorer-initial', tags: ['$initial'] }] },
      },
    },
    lib: { entry: 'src/embed/element.ts', formats: ['es'], fileName: () => 'moe-explorer.js' },
  },
});
