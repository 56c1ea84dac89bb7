/**
 * The serving chunk: what the page (state/share.ts `loadServing`) and the <moe-explorer>
 * element (element-state.ts) load on demand, as one chunk (emitted as serving-chunk-<hash>.js
 * by vite.config.ts, preloaded beside the page's entry; vite.element.config.ts for the
 * element, fetched beside its view's): the serving model (memory, speed, price) and the
 * decoders of a link's deployment, pins and imported config. The first chunk holds the rest of
 * the state: the link's decoder, the model and the counts.
 */
export { SERVING_MODEL } from '../lib/core/index.ts';
export { LINK_DECODERS } from '../lib/share/link-decoders-all.ts';
