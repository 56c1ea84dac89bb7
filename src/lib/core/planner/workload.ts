/**
 * The workload a deployment plan is for: prompt and answer lengths (one figure each, or a few
 * percentiles), how much traffic (a request rate or a number of concurrent users), and the
 * latency targets a deployment must meet.
 */
import { ConfigError } from '../model/errors.ts';
import { LIMITS } from '../model/limits.ts';

/** A length as a few percentiles: `{ 50: 1000, 90: 4000, 99: 8000 }` (percentile to tokens). */
export type LengthPercentiles = Readonly<Record<number, number>>;

/** Tokens of every request, or the percentiles of their distribution. */
export type TokenLengths = number | LengthPercentiles;

export interface PlanTargets {
  /** Longest acceptable mean time to first token, seconds. */
  ttftSeconds?: number;
  /** Longest acceptable mean time per output token after the first, seconds. */
  tpotSeconds?: number;
  /** Slowest acceptable output tokens/s each user sees (1 / TPOT). */
  tokensPerSecondPerUser?: number;
}

export interface PlanWorkload {
  inputTokens: TokenLengths;
  outputTokens: TokenLengths;
  /** Requests per second arriving at the whole fleet. */
  rate?: number;
  /** Users each waiting on one request at a time (a closed loop, as benchmarks run). */
  users?: number;
  targets?: PlanTargets;
}

/** A workload checked and reduced to the figures the planner uses. */
export interface ResolvedWorkload {
  /** Mean prompt and answer tokens, rounded: they set throughput (Little's law uses means). */
  inputTokens: number;
  outputTokens: number;
  /** The longest prompt and answer given (the top percentile): a deployment must hold them. */
  maxInputTokens: number;
  maxOutputTokens: number;
  /** The context every sequence must fit: the longest prompt plus the longest answer. */
  fitContextTokens: number;
  rate: number | null;
  users: number | null;
  /** Slowest acceptable tokens/s per user (from tpot or tokensPerSecondPerUser); 0 for none. */
  minTokensPerSecondPerUser: number;
  /** Longest acceptable time to first token; Infinity for none. */
  maxTtftSeconds: number;
}

function checkTokens(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > LIMITS.contextTokens)
    throw new ConfigError(
      field,
      value,
      `a whole number of tokens from 1 to ${LIMITS.contextTokens}`,
    );
  return value;
}

function checkPositive(field: string, value: number, max: number): number {
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new ConfigError(field, value, `a number above 0 and at most ${max}`);
  return value;
}

/**
 * The mean and the largest value of a length given as percentiles. The quantile function Q(p)
 * is taken as linear between the given percentiles and flat beyond the first and the last, and
 * the mean is its integral over p from 0 to 1 (mean = ∫ Q(p) dp; Hyndman and Fan, "Sample
 * Quantiles in Statistical Packages", The American Statistician 50(4), 1996, for the quantile
 * function). With only the 50th percentile, the mean is the median.
 *
 * @example lengthStats('input', { 50: 1000, 100: 3000 }) // { mean: 1500, max: 3000 }
 */
export function lengthStats(field: string, lengths: TokenLengths): { mean: number; max: number } {
  if (typeof lengths === 'number') {
    const tokens = checkTokens(field, lengths);
    return { mean: tokens, max: tokens };
  }
  const points = Object.entries(lengths)
    .map(([p, tokens]) => {
      const percentile = Number(p);
      if (!Number.isFinite(percentile) || percentile <= 0 || percentile > 100)
        throw new ConfigError(`${field} percentile`, p, 'a percentile above 0 and at most 100');
      return { p: percentile / 100, tokens: checkTokens(`${field} p${p}`, tokens) };
    })
    .sort((a, b) => a.p - b.p);
  if (points.length === 0)
    throw new ConfigError(field, '{}', 'a number of tokens, or at least one percentile');
  for (let i = 1; i < points.length; i++)
    if (points[i]!.tokens < points[i - 1]!.tokens)
      throw new ConfigError(
        `${field} p${points[i]!.p * 100}`,
        points[i]!.tokens,
        `at least p${points[i - 1]!.p * 100}'s ${points[i - 1]!.tokens} tokens (percentiles rise)`,
      );
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let area = first.p * first.tokens + (1 - last.p) * last.tokens;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    area += ((b.p - a.p) * (a.tokens + b.tokens)) / 2;
  }
  return { mean: area, max: last.tokens };
}

/** Checks a workload and reduces it; throws ConfigError naming the field that is wrong. */
export function resolveWorkload(w: PlanWorkload): ResolvedWorkload {
  const input = lengthStats('input', w.inputTokens);
  const output = lengthStats('output', w.outputTokens);
  const fitContextTokens = input.max + output.max;
  if (fitContextTokens > LIMITS.contextTokens)
    throw new ConfigError(
      'input + output',
      fitContextTokens,
      `at most ${LIMITS.contextTokens} tokens of context`,
    );
  if (w.rate !== undefined && w.users !== undefined)
    throw new ConfigError('rate', w.rate, 'either a request rate or a number of users, not both');
  const rate = w.rate === undefined ? null : checkPositive('rate', w.rate, 1e9);
  const users = w.users === undefined ? null : checkPositive('users', w.users, LIMITS.batch);
  const t = w.targets ?? {};
  if (t.tpotSeconds !== undefined && t.tokensPerSecondPerUser !== undefined)
    throw new ConfigError('tpot', t.tpotSeconds, 'either a TPOT or tokens/s per user, not both');
  const perUser =
    t.tpotSeconds !== undefined
      ? 1 / checkPositive('tpot', t.tpotSeconds, 3600)
      : t.tokensPerSecondPerUser !== undefined
        ? checkPositive('tokens/s per user', t.tokensPerSecondPerUser, 1e6)
        : 0;
  const maxTtft =
    t.ttftSeconds === undefined ? Infinity : checkPositive('ttft', t.ttftSeconds, 86_400);
  // Whole tokens, as `serve --input --output` takes them, so that its flags give the same rates.
  return {
    inputTokens: Math.max(1, Math.round(input.mean)),
    outputTokens: Math.max(1, Math.round(output.mean)),
    maxInputTokens: input.max,
    maxOutputTokens: output.max,
    fitContextTokens,
    rate,
    users,
    minTokensPerSecondPerUser: perUser,
    maxTtftSeconds: maxTtft,
  };
}

/**
 * Concurrent requests in flight for a request rate, by Little's law: L = λ W, with W the time a
 * request spends in the system (its time to first token plus its answer at the per-user rate).
 * Little, "A Proof for the Queuing Formula L = λW", Operations Research 9(3), 1961.
 *
 * @example concurrency(2, 0.5, 500, 25) // 2 x (0.5 + 500 / 25) = 41 requests in flight
 */
export function concurrency(
  rate: number,
  ttftSeconds: number,
  outputTokens: number,
  tokensPerSecondPerUser: number,
): number {
  return rate * (ttftSeconds + outputTokens / tokensPerSecondPerUser);
}

/**
 * Mean wait in the queue of an M/D/1 server (Poisson arrivals, a fixed service time S) at
 * utilization ρ < 1: Wq = ρ S / (2 (1 - ρ)), the Pollaczek-Khinchine formula with no variance
 * in service (Kleinrock, "Queueing Systems, Volume 1", 1975, section 5.6). Infinity at ρ ≥ 1.
 *
 * @example queueWaitSeconds(0.5, 0.1) // 0.05
 */
export function queueWaitSeconds(utilization: number, serviceSeconds: number): number {
  if (utilization >= 1) return Infinity;
  return (utilization * serviceSeconds) / (2 * (1 - utilization));
}
