/**
 * The state a <moe-explorer> element shows, whatever its `state` attribute holds: the host page
 * gets no error from the element. openLoadedLink already falls back to a model that builds;
 * should anything still throw, the element shows the default model, with a line saying why.
 *
 * The element's first chunk holds the link's decoder, the model and the counts; the serving
 * model (memory, speed, price: core serving/) and the decoders of a link's deployment, pins and
 * imported config load on demand (serving-chunk.ts), beside the view's own chunk (views.ts): every
 * view but the activation one shows serving figures, and the serving model checks a link's
 * layout. The element waits for both, showing that it is loading.
 */
import { addServingModel, servingModelLoaded } from '../lib/core/index.ts';
import { addLinkDecoders, linkDecodersLoaded } from '../lib/share/link-decoders.ts';
import type { ExplorerState } from '../lib/state/explorer.svelte.ts';
import { linkReadersLoading } from '../lib/state/family-readers.ts';
import { openLoadedLink } from '../lib/state/link-state.ts';

let servingChunk: Promise<void> | null = null;

/** Loads serving-chunk.ts and installs what it holds; a failed load may be tried again. */
function loadServingChunk(): Promise<void> {
  servingChunk ??= import('./serving-chunk.ts').then(
    (module) => {
      addServingModel(module.SERVING_MODEL);
      addLinkDecoders(module.LINK_DECODERS);
    },
    (error: unknown) => {
      servingChunk = null;
      throw error;
    },
  );
  return servingChunk;
}

/**
 * What the element waits for before it opens a state: serving-chunk.ts, and what the link's model
 * needs (family-readers.ts); null when all are at hand. The promise rejects when serving-chunk.ts
 * does not arrive (the element says so, and may try again); a preset or a family reader that
 * does not arrive is reported by the link's notice instead.
 *
 * @example stateLoading('m=llama4-scout') // a Promise, until serving-chunk.ts has loaded; then null
 */
export function stateLoading(query: string): Promise<void> | null {
  const atHand = servingModelLoaded() && linkDecodersLoaded();
  const loads = [atHand ? null : loadServingChunk(), linkReadersLoading(query)];
  return loads.some(Boolean) ? Promise.all(loads).then(() => {}) : null;
}

/**
 * The explorer a state attribute describes, with the link's warnings; if opening it throws,
 * the default model, and a warning with the reason. Call once stateLoading(query) is null.
 * openState(q).warnings = ['state: this model could not be shown (Invalid array length);
 *   showing Llama 4 Scout instead'] for a q whose opening throws that RangeError
 */
export function openState(query: string): { explorer: ExplorerState; warnings: string[] } {
  try {
    return openLoadedLink(query);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    const { explorer } = openLoadedLink('');
    return {
      explorer,
      warnings: [
        `state: this model could not be shown (${reason}); showing ${explorer.modelLabel} instead`,
      ],
    };
  }
}
