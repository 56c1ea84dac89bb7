/**
 * SGLang's prefill delayer (`--enable-prefill-delayer`, `managers/prefill_delayer.py`
 * `PrefillDelayer._negotiate_should_allow_prefill_pure`). Under data-parallel attention every
 * rank runs the same iterations, so one rank's prompts make an iteration of prefill for all
 * (workload.ts `separatePrefill`). The delayer gathers each rank's "prefillable" flag before
 * every pass: when all ranks have prompts waiting it lets them prefill together; when some have
 * and some have not ("mixed") it holds them back, for at most `prefill_delayer_max_delay_passes`
 * - 1 passes (its default 30), then lets them through ("wait_timeout"). SGLang's DeepSeek-V4-Pro
 * recipes under DP attention turn it on: the cookbook's on 8 x B200 and B300, InferenceX's on
 * 8 x MI355X. Request-rate runs, simulated step by step (flood-run.ts), prefill every waiting
 * prompt together already and do not read it.
 */

/** What the delayer makes of the prompts' arrivals. */
export interface DelayedPrefill {
  /** Passes from one iteration that prefills to the next, that one included, on average. */
  passes: number;
  /** The share of ranks with prompts in such an iteration (all of them when none times out). */
  prefillingShare: number;
}

/**
 * The cycle of prefill under the delayer for `ranks` data-parallel ranks whose prompts arrive at
 * `arrivalsPerRank` per pass each, Poisson and independent, held at most `delayPasses` passes.
 * After an iteration that prefills, no rank has prompts waiting; k passes on, a rank has some
 * with probability q(k) = 1 - e^(-a k). The next one runs at the first pass where every rank has
 * some (K_all) or at the pass where the first prompt has been held E = D - 1 times (K_first + E;
 * SGLang delays while `delayed_count < max_delay_passes - 1`), whichever comes first. So P(K > k)
 * is 1 - q(k)^R below E and, from E on, e^(-R a (k - E)) (1 - q(E)^R) (no arrival by k - E,
 * memoryless, and not every rank in the E passes since); the mean is the sum of those over k:
 * sum over k < E of (1 - q(k)^R), plus (1 - q(E)^R) / (1 - e^(-R a)). With D = 1 it holds
 * nothing back: the first arrival's pass, 1 / (1 - e^(-R a)). The pass has every rank when the
 * others' prompts come within the E passes, about q(E)^(R - 1); at a timeout, the ranks with some
 * in the E + 1 passes given one has, q(E + 1) / (1 - e^(-R a (E + 1))) of them (exact at D = 1).
 *
 * @example delayedPrefill(0.0625, 8, 30) // { passes: 29.5, prefillingShare: 0.89 } (about)
 */
export function delayedPrefill(
  arrivalsPerRank: number,
  ranks: number,
  delayPasses: number,
): DelayedPrefill {
  const a = Math.max(arrivalsPerRank, 1e-12);
  const q = (k: number) => -Math.expm1(-a * k);
  const held = Math.max(0, delayPasses - 1);
  let passes = 0;
  for (let k = 0; k < held; k++) passes += 1 - q(k) ** ranks;
  passes += (1 - q(held) ** ranks) / -Math.expm1(-ranks * a);
  const all = q(held) ** (ranks - 1);
  const atTimeout = Math.min(1, q(held + 1) / -Math.expm1(-ranks * a * (held + 1)));
  return { passes, prefillingShare: all + (1 - all) * atTimeout };
}

/** The iterations that prefill under the delayer, as `separatePrefill` counts them. */
export interface DelayedPasses {
  /** Iterations that prefill, per iteration. */
  passes: number;
  /** The share of a rank's iterations it spends prefilling instead of decoding. */
  pausedShare: number;
  /** The prompt tokens a prefilling rank runs in one of them. */
  chunk: number;
  /** The ranks that prefill in one of them. */
  ranks: number;
}

/**
 * The delayer's prefill for `arrivals` prompts of `inputTokens` per iteration over `ranks` ranks,
 * each pass at most `rankChunk` tokens a rank: a cycle of `delayedPrefill(...).passes`
 * iterations, whose prompts each prefilling rank runs in as few passes as its chunk allows
 * (`cuts`, the cycle lengthened by the passes after the first).
 *
 * @example delayedPasses(0.5, 8, 30, 4096, 8192) // { passes: 0.066, pausedShare: 0.058, chunk: 4238, ranks: 7.1 } (about)
 */
export function delayedPasses(
  arrivals: number,
  ranks: number,
  delayPasses: number,
  inputTokens: number,
  rankChunk: number,
): DelayedPasses {
  const perRank = arrivals / ranks;
  const cycle = delayedPrefill(perRank, ranks, delayPasses);
  const prompts = Math.max(
    inputTokens,
    (perRank * cycle.passes * inputTokens) / cycle.prefillingShare,
  );
  const cuts = Math.ceil(prompts / rankChunk);
  const passes = cuts / (cycle.passes + cuts - 1);
  return {
    passes,
    pausedShare: cycle.prefillingShare * passes,
    chunk: Math.ceil(prompts / cuts),
    ranks: ranks * cycle.prefillingShare,
  };
}
