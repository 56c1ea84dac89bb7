import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** The element's own root font size, in CSS pixels (.moe-root's font-size, ElementRoot.svelte). */
const ELEMENT_REM_PX = 16;

/**
 * Inside a shadow root, `rem` still follows the host page's root font size: a blog with
 * `html { font-size: 20px }` would resize the calculator. For the element, every `rem` becomes
 * pixels of the element's own 16px rem (0.75rem -> 12px); the page build keeps plain rem.
 */
function remToHostIndependent(): Plugin {
  return {
    name: 'moe-rem',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.(svelte|css)(\?.*)?$/.test(id)) return null;
      const rewrite = (css: string) =>
        css.replace(
          /(\d*\.?\d+)rem\b/g,
          (_, rem: string) => `${Number((Number(rem) * ELEMENT_REM_PX).toFixed(4))}px`,
        );
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
 * The element's script carries its components' CSS as strings (adoptStyleSheets, below), and
 * nothing minifies those: a comment in a <style> would ship in every element. The page's build
 * extracts and minifies its CSS, comments gone, so only the element needs this.
 */
function stripStyleComments(): Plugin {
  return {
    name: 'moe-strip-style-comments',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.svelte(\?.*)?$/.test(id) || !code.includes('/*')) return null;
      return code.replace(
        /<style([^>]*)>([\s\S]*?)<\/style>/g,
        (_, attrs: string, css: string) =>
          `<style${attrs}>${css.replace(/\/\*[\s\S]*?\*\//g, '')}</style>`,
      );
    },
  };
}

const STYLES_MODULE = fileURLToPath(new URL('./src/embed/styles.ts', import.meta.url));
/** What Svelte compiles `css: 'injected'` to: a <style> element, at the component's first render. */
const APPEND_STYLES = '$.append_styles($$anchor, $$css)';

/**
 * Svelte injects a component's styles as a <style> element, which a host page's strict
 * Content-Security-Policy (no 'unsafe-inline' styles) blocks. In the element, each component
 * hands its styles to src/embed/styles.ts instead, which adopts them as constructable
 * stylesheets; the build fails if a component's styles would still take the <style> path.
 */
function adoptStyleSheets(): Plugin {
  return {
    name: 'moe-adopt-styles',
    enforce: 'post',
    transform(code, id) {
      if (!/\.svelte(\?.*)?$/.test(id) || !code.includes('$$css')) return null;
      if (!code.includes(APPEND_STYLES))
        this.error(`${id}: no ${APPEND_STYLES} to redirect (see adoptStyleSheets)`);
      const adopted = code.replaceAll(APPEND_STYLES, () => '__moeAdoptStyles($$css)');
      const imported = `import { adoptComponentStyles as __moeAdoptStyles } from ${JSON.stringify(STYLES_MODULE)};`;
      return { code: `${imported}\n${adopted}`, map: null };
    },
  };
}

/**
 * The <moe-explorer> element: one ES module, dist/moe-explorer.js, built after the site into
 * the same folder. Component styles are adopted at run time by the element's shadow roots.
 */
export default defineConfig({
  plugins: [
    remToHostIndependent(),
    stripStyleComments(),
    svelte({ compilerOptions: { runes: true, css: 'injected' }, emitCss: false }),
    adoptStyleSheets(),
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
        // No bundler reads it after this build: its /* @__PURE__ */ marks are bytes (about 200
        // gzipped) that no one uses. Licence comments stay.
        comments: { legal: true, annotation: false, jsdoc: false },
        // The first chunk names some 60 lazy chunks (presets, family readers, views), each hash
        // incompressible: 7 characters (42 bits), the fewest Rolldown allows for 65 chunks, not
        // its default 8, keep about 60 bytes gzipped off the 40 KB budget.
        chunkFileNames: '[name]-[hash:7].js',
        // What the element loads beside its view (the serving model: src/embed/serving-chunk.ts) is
        // one chunk too: split by what else shares it, it would arrive file by file, each found
        // only once the one before it has loaded.
        codeSplitting: {
          groups: [
            { name: 'moe-explorer-initial', tags: ['$initial'] },
            {
              name: 'moe-explorer-serving',
              test: /[\\/]src[\\/]embed[\\/]serving-chunk\.ts$/,
            },
          ],
        },
      },
    },
    lib: { entry: 'src/embed/element.ts', formats: ['es'], fileName: () => 'moe-explorer.js' },
  },
});
