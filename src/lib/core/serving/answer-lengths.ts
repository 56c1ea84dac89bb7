/**
 * The answers of a benchmark's run of a finite set of prompts: how many, and how their lengths
 * spread (finite-run.ts runs them).
 */
/**
 * How a run's answers' lengths spread:
 * - `uniform`: evenly from `outputMin` to `outputMax`, their midpoint the mean: a random dataset
 *   (`--random-range-ratio`).
 * - `exponential`: long-tailed, most answers short and a few long, with mean `outputMean`, none
 *   shorter than `outputMin` or longer than `outputMax`: a chat dataset's. ShareGPT's answers
 *   fall off steadily from the shortest to the longest (Kwon et al. 2023, PagedAttention, Fig.
 *   11a), and of the 1,000 that vLLM's benchmarks sample (`vllm/benchmarks/datasets.py`
 *   `ShareGPTDataset`, seed 0) only the mean is published: 198,343 tokens over 1,000 answers
 *   with Llama 3's tokenizer (`benchmark_throughput.py`, which runs every answer to its length).
 *   Of the distributions with a given mean on [0, inf), the exponential assumes the least (it
 *   has the largest entropy). In a run of all its prompts at once the longest answers decide
 *   how long the run lasts: the slots empty long before it ends.
 */
export type OutputSpread = 'uniform' | 'exponential';

export const OUTPUT_SPREADS: readonly OutputSpread[] = ['uniform', 'exponential'];

/** The run: how many prompts, and how long their answers are. */
export interface FiniteRunShape {
  prompts: number;
  outputMin: number;
  outputMax: number;
  /** `uniform` when absent (OutputSpread). */
  spread?: OutputSpread;
  /** The answers' mean for the `exponential` spread; a uniform one's is its range's midpoint. */
  outputMean?: number;
  /**
   * Requests a second the client sends, as a Poisson process (`vllm bench serve` and SGLang's
   * `bench_serving` `--request-rate`), at most the client's concurrency in flight; absent: every
   * prompt at once, or as the concurrency frees a slot.
   */
  requestRate?: number;
}

/**
 * The answers' lengths of a run: `prompts` of them, the i-th at the quantile (i + 0.5) / n of
 * its spread (evenly over [min, max], or exponential), rounded, in a fixed shuffled order, so
 * that a run is the same every time and its lengths have the distribution's mean and spread
 * without a random draw's noise.
 */
export function answerLengths(shape: FiniteRunShape): number[] {
  const lengths =
    shape.spread === 'exponential' ? exponentialLengths(shape) : uniformLengths(shape);
  // Fisher-Yates with a fixed linear congruential sequence (Numerical Recipes' constants).
  let seed = 0x2545f491;
  for (let i = lengths.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    [lengths[i], lengths[j]] = [lengths[j]!, lengths[i]!];
  }
  return lengths;
}

function uniformLengths({ prompts, outputMin, outputMax }: FiniteRunShape): number[] {
  const span = outputMax - outputMin;
  return Array.from({ length: prompts }, (_, i) =>
    Math.round(outputMin + (span * (i + 0.5)) / prompts),
  );
}

/**
 * Exponential lengths at the quantiles (i + 0.5) / n, -scale x ln(1 - q), rounded and held
 * within [outputMin, outputMax]; the scale is the one whose lengths have the mean `outputMean`
 * (found by bisection: the mean grows with the scale), so that a run's output is its prompts
 * times the mean, as with a uniform spread.
 */
function exponentialLengths({ prompts, outputMin, outputMax, outputMean }: FiniteRunShape) {
  const mean = outputMean!;
  const at = (scale: number) =>
    Array.from({ length: prompts }, (_, i) =>
      Math.min(
        outputMax,
        Math.max(outputMin, Math.round(-scale * Math.log(1 - (i + 0.5) / prompts))),
      ),
    );
  const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  let [lo, hi] = [0, mean];
  while (meanOf(at(hi)) < mean) hi *= 2;
  for (let k = 0; k < 60 && hi - lo > 1e-9 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (meanOf(at(mid)) < mean) lo = mid;
    else hi = mid;
  }
  return at(hi);
}

/**
 * When the client sends each of `prompts` requests at `rate` a second: the first at 0, then gaps
 * of a Poisson process (`vllm/benchmarks/serve.py` `get_request`: a gamma draw of shape 1, the
 * exponential, after each request; SGLang's `bench_serving.py` the same). The gaps are the
 * exponential's quantiles (i + 0.5) / n of mean 1 / rate, in a fixed shuffled order, as the
 * answers' lengths are (answerLengths): the bursts and lulls of Poisson arrivals without a
 * random draw's noise, the same run every time.
 *
 * @example arrivalTimes(2, 1) // [0, 1.386]: the gaps' quantiles 0.25 and 0.75 are 0.288 and
 * // 1.386 s, shuffled; the first request goes at once
 */
export function arrivalTimes(prompts: number, rate: number): number[] {
  const gaps = Array.from({ length: prompts }, (_, i) => -Math.log(1 - (i + 0.5) / prompts) / rate);
  // Fisher-Yates with the same constants as answerLengths, from another seed.
  let seed = 0x6a09e667;
  for (let i = gaps.length - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    [gaps[i], gaps[j]] = [gaps[j]!, gaps[i]!];
  }
  const times: number[] = [];
  let t = 0;
  for (let i = 0; i < prompts; i++) {
    times.push(t);
    t += gaps[i]!;
  }
  return times;
}

/** The mean of a shape's answers: its range's midpoint, or the exponential spread's mean. */
export const meanAnswer = (shape: FiniteRunShape): number =>
  shape.spread === 'exponential' ? shape.outputMean! : (shape.outputMin + shape.outputMax) / 2;

/**
 * The answer tokens a running sequence holds on average while a run's slots stay full: Σ L² /
 * (2 Σ L) over its answers. A slot at a random step holds an answer with odds in proportion to
 * the answer's length (it holds it for that many steps), halfway through it on average: the
 * length-biased mean of renewal theory (Cox, "Renewal Theory", 1962, section 5.2). Answers of one
 * length give half of it; an exponential spread about its mean, twice that.
 *
 * @example inFlightAnswerTokens({ prompts: 2, outputMin: 100, outputMax: 300 }) // answers 150 and
 * // 250: (150² + 250²) / (2 x 400) = 106.25
 */
export function inFlightAnswerTokens(shape: FiniteRunShape): number {
  let sum = 0;
  let squares = 0;
  for (const length of answerLengths(shape)) {
    sum += length;
    squares += length * length;
  }
  return squares / (2 * sum);
}
