/**
 * Expert activation, simulated: which experts one token's route lights up in each MoE layer,
 * and how a batch's tokens spread over one layer's experts. Deterministic: a seeded PRNG
 * (mulberry32) and the same Zipf popularity as routing.ts.
 */
import { isMoeLayer } from '../model/layers.ts';
import { expertCapacity } from './load-imbalance.ts';
import { expertHitProbability, expertPopularity } from './routing.ts';
import type { ModelSpec } from '../model/types.ts';

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative popularity for sampling by binary search. */
function cumulative(popularity: Float64Array): Float64Array {
  const c = new Float64Array(popularity.length);
  let sum = 0;
  popularity.forEach((p, i) => (c[i] = sum += p));
  return c;
}

function sample(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! < u * cdf[cdf.length - 1]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** k distinct experts drawn by popularity (rejection of repeats; k <= experts). */
function pickTopK(
  cdf: Float64Array,
  k: number,
  random: () => number,
  chosen: Set<number>,
): number[] {
  chosen.clear();
  const experts = cdf.length;
  let tries = 0;
  while (chosen.size < k) {
    const e = tries++ < 64 * k ? sample(cdf, random()) : Math.floor(random() * experts);
    chosen.add(e);
  }
  return [...chosen].sort((a, b) => a - b);
}

export interface TokenRoute {
  /** For each decoder layer: the routed experts the token uses, or null for a dense layer. */
  layers: (number[] | null)[];
}

/** One token's route through every MoE layer. Popular experts (low index) win more often under skew. */
export function routeToken(spec: ModelSpec, seed: number, skew = 0): TokenRoute {
  const moe = spec.moe;
  if (!moe) return { layers: Array.from({ length: spec.layers }, () => null) };
  const random = mulberry32(seed);
  const cdf = cumulative(expertPopularity(moe.experts, skew));
  const k = Math.min(moe.topK, moe.experts);
  const chosen = new Set<number>();
  const layers: (number[] | null)[] = [];
  for (let i = 0; i < spec.layers; i++) {
    layers.push(isMoeLayer(spec.moeLayers, i) ? pickTopK(cdf, k, random, chosen) : null);
  }
  return { layers };
}

export interface BatchLoad {
  /** Tokens (token-expert assignments) each expert received. */
  loads: Int32Array;
  distinctExperts: number;
  /** max(4, floor(capacityFactor x mean load)): see expertCapacity */
  capacity: number;
  dropped: number;
  assignments: number;
}

/** Assignments above which loads are drawn from their normal approximation, not token by token. */
export const EXACT_SIMULATION_LIMIT = 4096;

/**
 * One MoE layer's load from `tokens` tokens, simulated: token by token up to
 * EXACT_SIMULATION_LIMIT assignments; above, each expert's load is drawn from the normal
 * approximation of its Binomial(tokens, q_i) (seeded, so a given setting always looks the same),
 * which keeps a slider move cheap at thousands of tokens.
 */
export function simulateBatchLoad(
  experts: number,
  topK: number,
  tokens: number,
  skew: number,
  capacityFactor: number,
  seed: number,
): BatchLoad {
  const random = mulberry32(seed);
  const cdf = cumulative(expertPopularity(experts, skew));
  const k = Math.min(topK, experts);
  const loads = new Int32Array(experts);
  const assignments = tokens * k;
  if (assignments <= EXACT_SIMULATION_LIMIT) {
    const chosen = new Set<number>();
    for (let t = 0; t < tokens; t++) for (const e of pickTopK(cdf, k, random, chosen)) loads[e]!++;
  } else {
    const q = expertHitProbability(experts, k, skew);
    for (let e = 0; e < experts; e++) {
      const mean = tokens * q[e]!;
      const sd = Math.sqrt(mean * (1 - q[e]!));
      loads[e] = Math.max(0, Math.min(tokens, Math.round(mean + sd * gaussian(random))));
    }
  }
  const capacity = expertCapacity(capacityFactor, assignments / experts);
  let dropped = 0;
  let distinct = 0;
  for (const load of loads) {
    if (load > 0) distinct++;
    if (load > capacity) dropped += load - capacity;
  }
  return { loads, distinctExperts: distinct, capacity, dropped, assignments };
}

/** A standard normal draw (Box-Muller). */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
