/**
 * Routing: which experts a batch touches, the router's cost, the all-to-all of expert
 * parallelism and the load imbalance across experts.
 *
 * Routing skew is modelled as a Zipf popularity over experts: expert i (0-based) is chosen
 * with weight (i + 1)^-skew; skew 0 is uniform routing. A token picks top-k distinct experts;
 * the chance that it picks expert i is taken as min(1, k x p_i).
 */

/** Popularity p_i of each expert (sums to 1). */
export function expertPopularity(experts: number, skew: number): Float64Array {
  const p = new Float64Array(experts);
  let sum = 0;
  for (let i = 0; i < experts; i++) sum += p[i] = (i + 1) ** -skew;
  for (let i = 0; i < experts; i++) p[i]! /= sum;
  return p;
}

/** The chance q_i that one token routes to expert i: min(1, k x p_i). */
export function expertHitProbability(experts: number, topK: number, skew: number): Float64Array {
  const p = expertPopularity(experts, skew);
  for (let i = 0; i < experts; i++) p[i] = Math.min(1, topK * p[i]!);
  return p;
}

/**
 * Expected number of distinct experts `tokens` tokens touch in one MoE layer:
 * sum over experts of 1 - (1 - q_i)^tokens; under uniform routing E(1 - (1 - k/E)^B).
 * Source: the coupon-collector expectation; e.g. DeepSeek-V3 decode (E = 256, k = 8) touches
 * 8 experts at batch 1 and 255.9 of 256 at batch 256.
 *
 * @example expectedDistinctExperts(16, 1, 4) // 16 x (1 - (15/16)^4) = 3.63
 */
export function expectedDistinctExperts(
  experts: number,
  topK: number,
  tokens: number,
  skew = 0,
): number {
  if (tokens <= 0) return 0;
  if (skew === 0) return experts * (1 - (1 - Math.min(1, topK / experts)) ** tokens);
  const q = expertHitProbability(experts, topK, skew);
  let touched = 0;
  for (let i = 0; i < experts; i++) touched += 1 - (1 - q[i]!) ** tokens;
  return touched;
}

/** Router FLOPs per token per MoE layer: one Linear(hidden, experts), 2 x hidden x experts. */
export function routerFlopsPerToken(hidden: number, experts: number): number {
  return 2 * hidden * experts;
}

export interface AllToAll {
  /** Tokens a device sends. */
  tokens: number;
  /** Expert copies per token that cross the link (top-k, plus a shared expert if it is remote). */
  expertsPerToken: number;
  hidden: number;
  /** Bytes per element for dispatch (FP8 in DeepSeek-V3) and combine (BF16). */
  dispatchBytes: number;
  combineBytes: number;
}

/**
 * Bytes one device sends for one MoE layer's dispatch and combine:
 * tokens x experts per token x hidden x (dispatch + combine bytes).
 * Source: ISCA'25 "Insights into DeepSeek-V3", section 2.3.2.
 *
 * @example allToAllBytes({ tokens: 32, expertsPerToken: 9, hidden: 7000, dispatchBytes: 1, combineBytes: 2 }) // 6_048_000
 */
export function allToAllBytes(a: AllToAll): number {
  return a.tokens * a.expertsPerToken * a.hidden * (a.dispatchBytes + a.combineBytes);
}

/**
 * Seconds for one MoE layer's all-to-all over a link of `bytesPerSecond` (per direction).
 *
 * @example allToAllSeconds({ tokens: 32, expertsPerToken: 9, hidden: 7000, dispatchBytes: 1, combineBytes: 2 }, 50e9)
 *   // 120.96e-6: DeepSeek's example, 400 Gb/s InfiniBand (ISCA'25, 2.3.2)
 */
export function allToAllSeconds(a: AllToAll, bytesPerSecond: number): number {
  return allToAllBytes(a) / bytesPerSecond;
}

/**
 * The fewest tokens an expert takes before dropping: DeepSpeed-MoE's `min_capacity` default, 4,
 * so that small batches (a mean far below one token per expert) do not drop everything.
 */
export const MIN_EXPERT_CAPACITY = 4;

/** Tokens an expert takes: max(MIN_EXPERT_CAPACITY, floor(capacityFactor x mean load)). */
export function expertCapacity(capacityFactor: number, meanLoad: number): number {
  return Math.max(MIN_EXPERT_CAPACITY, Math.floor(capacityFactor * meanLoad));
}

export interface LoadImbalance {
  /** Mean tokens per expert: tokens x k / experts. */
  meanLoad: number;
  /** Expected load of the busiest expert. */
  expectedMaxLoad: number;
  /** expectedMaxLoad / meanLoad: the capacity factor needed so that no token is dropped. */
  capacityFactorForNoDrops: number;
  /** Expected share of token-expert assignments over capacity at `capacityFactor`. */
  droppedFraction: number;
  capacityFactor: number;
}

/**
 * Load across experts for one MoE layer: each expert's load is Binomial(tokens, q_i), taken as
 * independent; the busiest
 * expert's expected load is the integral of P(max > x) (exact binomial for small loads, a normal
 * approximation with continuity correction above a mean of 30); tokens over
 * capacity = max(MIN_EXPERT_CAPACITY, floor(capacityFactor x mean)) are dropped (GShard,
 * arXiv:2006.16668, section 2.2;
 * Switch Transformer, arXiv:2101.03961, section 2.2).
 */
export function loadImbalance(
  experts: number,
  topK: number,
  tokens: number,
  skew = 0,
  capacityFactor = 1.25,
): LoadImbalance {
  const q = expertHitProbability(experts, topK, skew);
  let assignments = 0;
  for (let i = 0; i < experts; i++) assignments += tokens * q[i]!;
  const meanLoad = assignments / experts;
  if (tokens <= 0 || meanLoad === 0) {
    return {
      meanLoad: 0,
      expectedMaxLoad: 0,
      capacityFactorForNoDrops: 1,
      droppedFraction: 0,
      capacityFactor,
    };
  }
  const uniform = q.every((qi) => qi === q[0]);
  // Uniform routing: every expert has the same distribution, so P(all <= x) = F(x)^E.
  const dists = uniform
    ? [loadDistribution(tokens, q[0]!)]
    : Array.from(q, (qi) => loadDistribution(tokens, qi));
  // Experts whose loads are surely below x contribute a factor of 1: visit the others only.
  dists.sort((a, b) => b.upper - a.upper);
  const hi = dists[0]!.upper;
  const busiest = dists.reduce((a, b) => (b.mean > a.mean ? b : a));
  // E[max] = sum over x >= 0 of P(max > x). Far below the busiest expert's mean, P(max > x) is 1
  // to machine precision, so those terms are counted without evaluating the product.
  const start = Math.max(0, Math.floor(busiest.mean - 9 * Math.sqrt(busiest.mean) - 1));
  let expectedMaxLoad = start;
  for (let x = start; x < hi; x++) {
    let allBelow = 1;
    if (uniform) allBelow = dists[0]!.cdf(x) ** experts;
    else {
      for (const d of dists) {
        if (d.upper <= x) break;
        allBelow *= d.cdf(x);
        if (allBelow === 0) break;
      }
    }
    expectedMaxLoad += 1 - allBelow;
  }
  // Loads are treated as independent; they are in fact slightly anti-correlated (the
  // assignments sum to tokens x k), which matters only when the mean is far below 1: there the
  // busiest expert still holds at least ceil(mean) tokens.
  expectedMaxLoad = Math.max(expectedMaxLoad, Math.ceil(meanLoad - 1e-9));
  const capacity = expertCapacity(capacityFactor, meanLoad);
  let dropped = 0;
  if (uniform) dropped = experts * dists[0]!.excess(capacity);
  else for (const d of dists) dropped += d.excess(capacity);
  return {
    meanLoad,
    expectedMaxLoad,
    capacityFactorForNoDrops: Math.max(1, expectedMaxLoad / meanLoad),
    droppedFraction: dropped / assignments,
    capacityFactor,
  };
}

interface LoadDistribution {
  mean: number;
  /** A load above which the probability is negligible. */
  upper: number;
  /** P(load <= x). */
  cdf(x: number): number;
  /** E[max(0, load - capacity)]. */
  excess(capacity: number): number;
}

/** Binomial(n, q): exact pmf for means up to 30, normal approximation above. */
function loadDistribution(n: number, q: number): LoadDistribution {
  const mean = n * q;
  const sd = Math.sqrt(n * q * (1 - q));
  if (q >= 1) {
    return { mean, upper: n + 1, cdf: (x) => (x >= n ? 1 : 0), excess: (c) => Math.max(0, n - c) };
  }
  if (mean <= 30) {
    const upper = Math.min(n, Math.ceil(mean + 12 * sd + 12));
    const pmf: number[] = [];
    let p = (1 - q) ** n;
    for (let x = 0; x <= upper; x++) {
      pmf.push(p);
      p *= ((n - x) / (x + 1)) * (q / (1 - q));
    }
    const cum: number[] = [];
    let c = 0;
    for (const v of pmf) cum.push((c += v));
    return {
      mean,
      upper: upper + 1,
      cdf: (x) => (x >= upper ? 1 : x < 0 ? 0 : Math.min(1, cum[x]!)),
      excess: (capacity) => {
        let e = 0;
        for (let x = capacity + 1; x <= upper; x++) e += (x - capacity) * pmf[x]!;
        return e;
      },
    };
  }
  return {
    mean,
    upper: Math.ceil(mean + 10 * sd + 2),
    cdf: (x) => normalCdf((x + 0.5 - mean) / sd),
    excess: (capacity) => {
      const z = (capacity + 0.5 - mean) / sd;
      return sd * normalPdf(z) + (mean - capacity - 0.5) * (1 - normalCdf(z));
    },
  };
}

function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
