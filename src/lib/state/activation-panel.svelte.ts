/**
 * The expert-activation panel's data: one token's route and a batch's load on one MoE layer,
 * derived from the explorer's model and routing settings. A module of its own, so that an
 * embed that does not show the panel does not load the simulation.
 */
import { untrack } from 'svelte';
import {
  batchLoadFacts,
  tokenRouteView,
  type BatchLoadFacts,
  type TokenRouteView,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';

/** What the activation panel reads: live (this class) or a LazyView's snapshot of it. */
export interface ActivationView {
  readonly tokenRoute: TokenRouteView | null;
  readonly batchLoad: BatchLoadFacts | null;
  readonly modelName: string;
  readonly batch: number;
  readonly skew: number;
  newToken(): void;
}

export class ActivationPanelState implements ActivationView {
  /** The token whose route is shown (its seed). */
  token = $state(1);

  constructor(private readonly explorer: ExplorerState) {}

  readonly tokenRoute = $derived.by(() =>
    tokenRouteView(this.explorer.result.spec, this.token, this.explorer.config.deployment.skew),
  );

  // The batch simulation reruns only when one of its inputs changes (not on a layer or GPU move).
  readonly #batchKey = $derived.by(() => {
    const moe = this.explorer.result.spec.moe;
    const d = this.explorer.config.deployment;
    return moe ? [moe.experts, moe.topK, d.batch, d.skew, d.capacityFactor].join('/') : '';
  });
  readonly batchLoad = $derived.by(() => {
    const key = this.#batchKey;
    if (key === '') return null;
    const [experts, topK, batch, skew, capacityFactor] = key.split('/').map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return untrack(() => batchLoadFacts({ experts, topK, batch, skew, capacityFactor }));
  });

  get modelName() {
    return this.explorer.result.spec.name;
  }
  get batch() {
    return this.explorer.config.deployment.batch;
  }
  get skew() {
    return this.explorer.config.deployment.skew;
  }

  newToken(): void {
    this.token++;
  }

  /** A plain copy, for a LazyView to keep while the panel is off screen. */
  snapshot(): ActivationView {
    const { tokenRoute, batchLoad, modelName, batch, skew } = this;
    return { tokenRoute, batchLoad, modelName, batch, skew, newToken: () => this.newToken() };
  }
}
