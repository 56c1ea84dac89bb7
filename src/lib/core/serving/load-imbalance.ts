/**
 * Load across experts: how many tokens the busiest expert of a MoE layer receives, the capacity
 * an expert takes before dropping, and the share of assignments dropped.
 */
import { DEFAULT_ROUTING } from './assumptions.ts';
import { expertHitProbability } from './routing.ts';

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
  capacityFactor = DEFAULT_ROUTING.capacityFactor,
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
  let expectedMaxLoad = expectedMaximum(dists, uniform ? experts : 1);
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

/**
 * E[max of independent loads] = sum over x >= 0 of P(max > x), where P(max <= x) is the product
 * of the experts' CDFs (`copies` identical copies of a single distribution under uniform routing).
 */
function expectedMaximum(dists: LoadDistribution[], copies: number): number {
  // Experts whose loads are surely below x contribute a factor of 1: visit the others only.
  dists.sort((a, b) => b.upper - a.upper);
  const hi = dists[0]!.upper;
  const busiest = dists.reduce((a, b) => (b.mean > a.mean ? b : a));
  // Far below the busiest expert's mean, P(max > x) is 1 to machine precision, so those terms
  // are counted without evaluating the product.
  const start = Math.max(0, Math.floor(busiest.mean - 9 * Math.sqrt(busiest.mean) - 1));
  let expected = start;
  for (let x = start; x < hi; x++) {
    let allBelow = 1;
    if (copies > 1) allBelow = dists[0]!.cdf(x) ** copies;
    else {
      for (const d of dists) {
        if (d.upper <= x) break;
        allBelow *= d.cdf(x);
        if (allBelow === 0) break;
      }
    }
    expected += 1 - allBelow;
  }
  return expected;
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
