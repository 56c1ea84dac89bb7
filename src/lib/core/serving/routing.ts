/**
 * Routing: which experts a batch touches, the router's cost, the all-to-all of expert
 * parallelism and the load imbalance across experts.
 *
 * Routing skew is modelled as a Zipf popularity over experts: expert i (0-based) is chosen
 * with weight (i + 1)^-skew; skew 0 is uniform routing. A token picks top-k distinct experts;
 * the chance that it picks expert i is taken as min(1, c x p_i), with c such that the chances
 * sum to k (a token always uses k experts).
 */

/** Popularity p_i of each expert (sums to 1). */
export function expertPopularity(experts: number, skew: number): Float64Array {
  const p = new Float64Array(experts);
  let sum = 0;
  for (let i = 0; i < experts; i++) sum += p[i] = (i + 1) ** -skew;
  for (let i = 0; i < experts; i++) p[i]! /= sum;
  return p;
}

/**
 * The chance q_i that one token routes to expert i: min(1, c x p_i), where c makes the chances
 * sum to k, since every token uses k distinct experts. Without skew c = k and q_i = k / E. With
 * skew, the most popular experts saturate at 1 (a token cannot pick one twice) and the rest of
 * the k is shared by the others in proportion to their popularity ("water filling"). The
 * popularity falls with i, so the saturated experts are the first j: the smallest j with
 * (k - j) x p_j / (p_j + ... + p_(E-1)) <= 1.
 *
 * @example expertHitProbability(4, 2, 0) // [0.5, 0.5, 0.5, 0.5]
 * @example expertHitProbability(3, 2, 1) // [1, 0.6, 0.4]: 6/11, 3/11, 2/11 with the first saturated
 */
export function expertHitProbability(experts: number, topK: number, skew: number): Float64Array {
  const p = expertPopularity(experts, skew);
  const k = Math.min(topK, experts);
  const tail = new Float64Array(experts + 1); // tail[i] = p_i + ... + p_(E-1)
  for (let i = experts - 1; i >= 0; i--) tail[i] = tail[i + 1]! + p[i]!;
  let saturated = 0;
  while (saturated < k && ((k - saturated) * p[saturated]!) / tail[saturated]! > 1) saturated++;
  const scale = (k - saturated) / tail[saturated]!;
  for (let i = 0; i < experts; i++) p[i] = i < saturated ? 1 : Math.min(1, scale * p[i]!);
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
