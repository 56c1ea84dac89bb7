/**
 * Expert activation, simulated: which experts one token's route lights up in each MoE layer,
 * and how a batch's tokens spread over one layer's experts. Deterministic: a seeded PRNG
 * (mulberry32) and the same Zipf popularity as routing.ts.
 */
import { isExpertLayer } from '../model/layer-list.ts';
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

/**
 * Expert popularities in a sum tree (a binary heap of partial sums): an expert is drawn by
 * popularity, set aside and put back, each in O(log E). Drawing k experts one after another,
 * each among those not yet drawn, is sampling without replacement, which is what rejecting
 * repeats did, at O(k log E) whatever the skew and k.
 */
class PopularityTree {
  private readonly leaves: number;
  private readonly sums: Float64Array;

  constructor(private readonly popularity: Float64Array) {
    let leaves = 1;
    while (leaves < popularity.length) leaves *= 2;
    this.leaves = leaves;
    this.sums = new Float64Array(2 * leaves);
    this.sums.set(popularity, leaves);
    for (let i = leaves - 1; i >= 1; i--) this.sums[i] = this.sums[2 * i]! + this.sums[2 * i + 1]!;
  }

  /** The expert at the fraction u of the remaining popularity (u in [0, 1)). */
  draw(u: number): number {
    let i = 1;
    let x = u * this.sums[1]!;
    while (i < this.leaves) {
      const left = this.sums[2 * i]!;
      // A branch without popularity left is never taken, even where rounding points at it.
      if ((x < left && left > 0) || this.sums[2 * i + 1] === 0) i = 2 * i;
      else {
        x -= left;
        i = 2 * i + 1;
      }
    }
    return i - this.leaves;
  }

  /** Sets expert e's weight: 0 to set it aside, its popularity to put it back. */
  set(e: number, weight: number): void {
    let i = e + this.leaves;
    this.sums[i] = weight;
    for (i >>= 1; i >= 1; i >>= 1) this.sums[i] = this.sums[2 * i]! + this.sums[2 * i + 1]!;
  }

  /** k distinct experts (k <= experts), drawn by popularity, in ascending order. */
  pickTopK(k: number, random: () => number): number[] {
    const chosen = new Int32Array(k);
    for (let j = 0; j < k; j++) {
      const e = this.draw(random());
      chosen[j] = e;
      this.set(e, 0);
    }
    for (const e of chosen) this.set(e, this.popularity[e]!);
    return Array.from(chosen.sort());
  }
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
  const tree = new PopularityTree(expertPopularity(moe.experts, skew));
  const k = Math.min(moe.topK, moe.experts);
  const layers: (number[] | null)[] = [];
  for (let i = 0; i < spec.layers; i++) {
    layers.push(isExpertLayer(spec, i) ? tree.pickTopK(k, random) : null);
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
  const k = Math.min(topK, experts);
  const loads = new Int32Array(experts);
  const assignments = tokens * k;
  if (assignments <= EXACT_SIMULATION_LIMIT) {
    const tree = new PopularityTree(expertPopularity(experts, skew));
    for (let t = 0; t < tokens; t++) for (const e of tree.pickTopK(k, random)) loads[e]!++;
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
