/**
 * What the expert-activation panel shows: one token's route through the layers, and a batch's
 * load on one MoE layer (simulated, with the expected figures beside it), as data and sentences.
 */
import type { ModelSpec } from '../model/types.ts';
import { loadImbalance } from '../serving/load-imbalance.ts';
import { expectedDistinctExperts } from '../serving/routing.ts';
import { routeToken, simulateBatchLoad, type BatchLoad } from '../serving/routing-simulation.ts';
import { formatCount, formatInteger, formatPercent, plural } from './format.ts';

/** Tokens simulated for the load chart; larger batches are sampled at this size for speed. */
export const MAX_SIMULATED_TOKENS = 8192;
/** The load chart's seed: fixed, so the chart changes only when a setting does. */
export const LOAD_SEED = 1;

/** The experts a token uses in each layer (null: a dense layer), for the expert grid. */
export interface TokenRouteView {
  route: (number[] | null)[];
  experts: number;
  topK: number;
  sharedCount: number;
  token: number;
}

/** One token's route; null for a dense model. */
export function tokenRouteView(
  spec: ModelSpec,
  token: number,
  skew: number,
): TokenRouteView | null {
  const moe = spec.moe;
  if (!moe) return null;
  return {
    route: routeToken(spec, token, skew).layers,
    experts: moe.experts,
    topK: moe.topK,
    sharedCount: moe.shared?.count ?? 0,
    token,
  };
}

/** The routing inputs of the batch figures: each a primitive, so a caller can memoise on them. */
export interface BatchInputs {
  experts: number;
  topK: number;
  batch: number;
  skew: number;
  capacityFactor: number;
}

export interface BatchLoadFacts {
  load: BatchLoad;
  /** Tokens simulated (the batch, capped at MAX_SIMULATED_TOKENS). */
  tokens: number;
  /** Expected distinct experts the whole batch touches per MoE layer, formatted. */
  distinct: string;
  /** "E = 16, k = 1, B = 1". */
  formula: string;
  /** The load chart's text alternative. */
  chart: string;
  /** Dropped assignments, the busiest expert, the capacity factor for no drops. */
  facts: string[];
}

const ratio = (n: number) => n.toFixed(2);

/**
 * A batch's load on one MoE layer: simulated, with the expected distinct experts
 * E(1 - (1 - k/E)^B) (routing.ts) and the expected imbalance (load-imbalance.ts).
 */
export function batchLoadFacts(i: BatchInputs): BatchLoadFacts {
  const { experts, topK, batch, skew, capacityFactor } = i;
  const tokens = Math.min(batch, MAX_SIMULATED_TOKENS);
  const load = simulateBatchLoad(experts, topK, tokens, skew, capacityFactor, LOAD_SEED);
  const imbalance = loadImbalance(experts, topK, tokens, skew, capacityFactor);
  const mean = load.assignments / experts;
  // A loop, not Math.max(...loads): spreading 100,000s of experts overflows the stack.
  let busiest = 0;
  for (const l of load.loads) busiest = Math.max(busiest, l);
  const capped =
    tokens < batch ? ` Simulated for ${plural(tokens, 'token')} (capped for speed).` : '';
  return {
    load,
    tokens,
    distinct: formatCount(expectedDistinctExperts(experts, topK, batch, skew)),
    formula: `E = ${experts}, k = ${topK}, B = ${formatInteger(batch)}`,
    chart:
      `${plural(tokens, 'token')} × top-${topK} over ${experts} experts; bars above the ` +
      `dashed capacity line drop tokens.${capped}`,
    facts: [
      `Dropped: ${formatInteger(load.dropped)} of ${plural(load.assignments, 'token-expert assignment')} ` +
        `(${formatPercent(load.dropped / load.assignments)}) at capacity ` +
        `max(4, ⌊${capacityFactor} × ${ratio(mean)}⌋) = ${load.capacity} per expert.`,
      `Busiest expert: ${plural(busiest, 'token')} vs a mean of ${ratio(mean)} ` +
        `(${ratio(busiest / mean)}×); expected busiest ${formatCount(imbalance.expectedMaxLoad)}.`,
      `Capacity factor for no drops: ${ratio(imbalance.capacityFactorForNoDrops)} (expected); ` +
        `at ${capacityFactor}, ${formatPercent(imbalance.droppedFraction)} of assignments are expected to drop.`,
    ],
  };
}
