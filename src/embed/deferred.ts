/**
 * What the <moe-explorer> element loads on demand before it opens its state, as one chunk
 * (vite.element.config.ts) fetched beside its view's: the serving model (memory, speed, price)
 * and the decoders of a link's pins and imported config. Its first chunk holds the rest of the
 * state: the link's decoder, the model and the counts.
 */
export { SERVING_MODEL } from '../lib/core/index.ts';
export { LINK_DECODERS } from '../lib/share/link-decoders-all.ts';
