/**
 * The architecture view's data: the layer stack, redrawn only when what it draws changes (not
 * on a top-k or batch move). A module of its own: the embed, which does not show the view,
 * does not load it.
 */
import { untrack } from 'svelte';
import { layerStackKey, layerStackView, type LayerStackView } from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';

export class ArchitecturePanelState {
  constructor(private readonly explorer: ExplorerState) {}

  readonly #key = $derived.by(() => layerStackKey(this.explorer.result.spec));
  readonly stack: LayerStackView = $derived.by(() => {
    void this.#key;
    return untrack(() => layerStackView(this.explorer.result.spec));
  });
}
