/**
 * The embed's views, each with its panel state: one chunk per view, loaded when chosen. The
 * element asks for its view's chunk as soon as it starts, beside the serving model, so the two
 * arrive together (element-state.ts); the embed view (EmbedView.svelte) then finds it loaded.
 */
import type { Component } from 'svelte';
import type { EmbedView } from '../lib/share/presentation.ts';

const VIEWS = {
  params: () => import('./EmbedParams.svelte'),
  activation: () => import('./EmbedActivation.svelte'),
  serving: () => import('./EmbedServing.svelte'),
  compare: () => import('./EmbedCompare.svelte'),
  training: () => import('./EmbedTraining.svelte'),
  plan: () => import('./EmbedPlan.svelte'),
} satisfies Record<EmbedView, () => Promise<{ default: Component<never> }>>;

type ViewModule<V extends EmbedView> = Awaited<ReturnType<(typeof VIEWS)[V]>>;
const loaded = new Map<EmbedView, ViewModule<EmbedView>>();

/**
 * A view's module: at once when its chunk has loaded (an {#await} then shows it without a
 * frame of its loading state), else the promise of it. A failed load is tried again next time.
 */
export function loadView<V extends EmbedView>(view: V): ViewModule<V> | Promise<ViewModule<V>> {
  const module = loaded.get(view);
  if (module) return module as ViewModule<V>;
  return VIEWS[view]().then((module) => {
    loaded.set(view, module);
    return module as ViewModule<V>;
  });
}

/**
 * The least height of each view, in CSS pixels, when the element is under 360, 480, 640 and 960
 * px wide, and wider (ViewLoading.svelte's container queries): what a view reserves while it
 * loads, so that it pushes the host page's text down as little as can be once it is there.
 * Measured in Chromium on the default model, each the lowest of its range of widths.
 */
export const VIEW_HEIGHTS: Record<EmbedView, readonly number[]> = {
  params: [1280, 1040, 900, 740, 580],
  activation: [1490, 1280, 1220, 1160, 1140],
  serving: [590, 490, 480, 420, 390],
  compare: [690, 670, 630, 530, 530],
  training: [1500, 1300, 1200, 1100, 1000],
  plan: [1400, 1250, 1150, 1100, 1050],
};
