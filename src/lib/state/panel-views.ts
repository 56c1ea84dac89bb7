/**
 * What each lazily followed panel reads of the state, as a plain object: a LazyView takes one
 * of these while the panel is on screen, and keeps the last one while it is not.
 */
import type { ExplorerState } from './explorer.svelte.ts';

/** The expert-activation panel's data and its one action. */
export type ActivationView = Pick<
  ExplorerState,
  'tokenRoute' | 'batchLoad' | 'config' | 'result' | 'newToken'
>;

/** The serving panel's data. */
export type ServingView = Pick<ExplorerState, 'result' | 'servingCharts' | 'unit' | 'modelLabel'>;

export function activationView(explorer: ExplorerState): ActivationView {
  return {
    tokenRoute: explorer.tokenRoute,
    batchLoad: explorer.batchLoad,
    config: explorer.config,
    result: explorer.result,
    newToken: () => explorer.newToken(),
  };
}

export function servingView(explorer: ExplorerState): ServingView {
  return {
    result: explorer.result,
    servingCharts: explorer.servingCharts,
    unit: explorer.unit,
    modelLabel: explorer.modelLabel,
  };
}
