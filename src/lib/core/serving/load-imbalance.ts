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
  // Uniform routing: every expert has the same distribution, so P(all <= x) = F(x)^E.
  const groups = q.every((qi) => qi === q[0])
    ? [{ dist: loadDistribution(tokens, q[0]!), copies: experts }]
    : groupAlike(tokens, q);
  let dropped = 0;
  const capacity = expertCapacity(capacityFactor, meanLoad);
  for (const { dist, copies } of groups) dropped += copies * dist.excess(capacity);
  // Loads are treated as independent; they are in fact slightly anti-correlated (the
  // assignments sum to tokens x k), which matters only when the mean is far below 1: there the
  // busiest expert still holds at least ceil(mean) tokens.
  const expectedMaxLoad = Math.max(expectedMaximum(groups), Math.ceil(meanLoad - 1e-9));
  return {
    meanLoad,
    expectedMaxLoad,
    capacityFactorForNoDrops: Math.max(1, expectedMaxLoad / meanLoad),
    droppedFraction: dropped / assignments,
    capacityFactor,
  };
}

/** Experts whose loads have one distribution, `copies` of them. */
interface LoadGroup {
  dist: LoadDistribution;
  copies: number;
}

/**
 * Experts with alike loads (means within 1% of a standard deviation, or of the summation step,
 * and within 0.1% of each other) as one group of copies of the busiest: P(max <= x) then takes
 * one power per group, not one factor per expert, so 65,536 nearly uniform experts cost as few
 * as uniform ones. Each group stands for its busiest expert, so the expected maximum and the
 * drops can only rise, by under 1% of a standard deviation. q falls with the expert index (as
 * popularity does), so alike experts are neighbours.
 */
function groupAlike(tokens: number, q: Float64Array): LoadGroup[] {
  const sd = (qi: number) => Math.sqrt(tokens * qi * (1 - qi));
  const step = Math.max(1, Math.floor(sd(q[0]!) / 16)); // summationStep of the busiest
  const groups: LoadGroup[] = [];
  let first = 0;
  for (let i = 1; i <= q.length; i++) {
    const mean = tokens * q[first]!;
    const alike = Math.min(0.01 * Math.max(sd(q[first]!), step), 0.001 * mean);
    if (i < q.length && mean - tokens * q[i]! <= alike) continue;
    groups.push({ dist: loadDistribution(tokens, q[first]!), copies: i - first });
    first = i;
  }
  return groups;
}

/**
 * Loads x are summed one by one up to a standard deviation of 16; above, in steps of sd / 16
 * by the midpoint rule (the normal approximation is smooth at that scale), so that the sum
 * takes a few hundred steps at any batch.
 */
function summationStep(busiest: LoadDistribution): number {
  return Math.max(1, Math.floor(busiest.sd / 16));
}

/**
 * E[max of independent loads] = sum over x >= 0 of P(max > x), where P(max <= x) is the product
 * of the groups' CDFs, each to the power of its copies.
 */
function expectedMaximum(groups: LoadGroup[]): number {
  // Experts whose loads are surely below x contribute a factor of 1: visit the others only.
  groups.sort((a, b) => b.dist.upper - a.dist.upper);
  const hi = groups[0]!.dist.upper;
  const busiest = groups.reduce((a, b) => (b.dist.mean > a.dist.mean ? b : a)).dist;
  const step = summationStep(busiest);
  // Far below the busiest expert's mean, P(max > x) is 1 to machine precision, so those terms
  // are counted without evaluating the product.
  const start = Math.max(0, Math.floor(busiest.mean - 9 * busiest.sd - 1));
  let expected = start;
  for (let x = start; x < hi; x += step) {
    const width = Math.min(step, hi - x);
    // The middle of the step; a fraction only when step > 1, where every visited load is
    // normal (sd >= 16 means a mean >= 256, above the exact binomials' upper ends).
    const at = x + (width - 1) / 2;
    let allBelow = 1;
    for (const { dist, copies } of groups) {
      if (dist.upper <= at) break;
      allBelow *= copies === 1 ? dist.cdf(at) : dist.cdf(at) ** copies;
      if (allBelow === 0) break;
    }
    expected += width * (1 - allBelow);
  }
  return expected;
}

interface LoadDistribution {
  mean: number;
  sd: number;
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
    return {
      mean,
      sd: 0,
      upper: n + 1,
      cdf: (x) => (x >= n ? 1 : 0),
      excess: (c) => Math.max(0, n - c),
    };
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
      sd,
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
    sd,
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
