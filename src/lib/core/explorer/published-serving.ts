/**
 * The published serving runs the explorer is held to (tests/fixtures: the gated cases and the
 * pending ones it had not seen, README's VALIDATION), one row per published decode throughput,
 * for the Serving panel to list those of the model shown. `npm run validation` writes them
 * (scripts/published-runs.ts, published-serving-data.ts); the page loads them on demand.
 */
import type { EngineId } from '../serving/engines.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import type { BenchmarkRun } from './benchmark-run.ts';
import { ENGINE_LABELS } from './engine-settings.ts';
import { formatInteger, formatRate } from './format.ts';
import type { WholeRun } from './whole-run.ts';

/**
 * Which of the page's figures a published one is: the decode step's output tokens/s or per user
 * (the estimate), or the run's output tokens/s, per user or 1 / TPOT (the benchmark run of its
 * prompts where the page sets a count, else the whole run at its batch).
 */
export type PublishedFigure = 'decode' | 'decodePerUser' | 'runOutput' | 'runPerUser' | 'runTpot';

export interface PublishedServingRun {
  /** The case's id in tests/fixtures. */
  id: string;
  /** The preset whose architecture the explorer computes the run with. */
  preset: string;
  /** The device's catalog id; null for a device given by its figures. */
  deviceId: string | null;
  /** "8 × NVIDIA H200 SXM 141GB", or the figures of a custom device. */
  devices: string;
  engine: EngineId;
  /** "TP 8", "TP 1 · EP 8 (DP 8)", "TP 4 · PP 2", nodes when more than one. */
  layout: string;
  /** "FP8", "BF16, experts NVFP4". */
  weights: string;
  /** The benchmark: "batch 64 · 922 in, 922 out · 640 prompts at 10/s". */
  run: string;
  /** What was published: "decode tok/s", "tok/s per user (1 / TPOT)", ... */
  measure: string;
  /** The page's figure that `measure` is. */
  figure: PublishedFigure;
  published: number;
  explorer: number;
  /** Whether the case gates the model (its band is a test), or is one it had not seen. */
  gated: boolean;
  /** The band it is held to: a factor (1.5, 2). */
  band: number;
  /** Where it was published, shortened. */
  source: string;
  /**
   * The explorer's link (a query) showing the run's deployment and benchmark, where every flag
   * of the case has a page setting that means the same; null otherwise. Opened, the page shows
   * `explorer` (tests/unit/scripts/published-runs.test.ts).
   */
  link: string | null;
}

/**
 * The runs computed with `preset`, those on `deviceId` under `engine` first, then by device
 * and engine; an empty list for a model without any.
 */
export function publishedRunsOf(
  runs: readonly PublishedServingRun[],
  preset: string,
  deviceId: string,
  engine: EngineId,
): PublishedServingRun[] {
  const rank = (r: PublishedServingRun) =>
    r.deviceId === deviceId ? (r.engine === engine ? 0 : 1) : 2;
  return runs
    .filter((r) => r.preset === preset)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        a.devices.localeCompare(b.devices) ||
        a.engine.localeCompare(b.engine) ||
        a.id.localeCompare(b.id),
    );
}

/**
 * The runs whose text holds every word of `query`, in any case: their deployment, engine,
 * layout, formats, benchmark, measure, source and case id ("b200 mtp", "InferenceX", "vllm 0.11").
 * An empty query keeps them all.
 *
 * @example filterPublishedRuns(runs, 'h200 sglang').length // the SGLang runs on H200s
 */
export function filterPublishedRuns(
  runs: readonly PublishedServingRun[],
  query: string,
): PublishedServingRun[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...runs];
  return runs.filter((r) => {
    const engine = `${r.engine} ${ENGINE_LABELS[r.engine]}`;
    const text = [r.devices, engine, r.layout, r.weights, r.run, r.measure, r.source, r.id]
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/**
 * Explorer over published as the table shows it, with whether it is within the band.
 *
 * @example formatPublishedRatio(1.234, 1.5) // { text: '1.23×', within: true }
 */
export function formatPublishedRatio(
  ratio: number,
  band: number,
): { text: string; within: boolean } {
  return { text: `${ratio.toFixed(2)}×`, within: ratio <= band && ratio >= 1 / band };
}

/**
 * The page's own value of a published run's figure, from what the Serving panel shows: null
 * where the page shows none (no whole run, a run not yet simulated or that cannot be).
 * tests/unit/scripts/published-runs.test.ts opens every linked run and finds its listed figure.
 */
export function pageFigure(
  figure: PublishedFigure,
  serving: ServingEstimate | null,
  whole: WholeRun | null,
  benchmark: BenchmarkRun | null,
): number | null {
  if (figure === 'decode') return serving?.decode.tokensPerSecond ?? null;
  if (figure === 'decodePerUser') return serving?.decode.tokensPerSecondPerUser ?? null;
  const steady = whole?.kind === 'run' ? whole.run : null;
  if (figure === 'runPerUser') return steady?.outputTokensPerSecondPerUser ?? null;
  const run = benchmark ? (benchmark.kind === 'run' ? benchmark.run : null) : steady;
  if (!run) return null;
  return figure === 'runOutput' ? run.outputTokensPerSecond : 1 / run.timePerOutputTokenSeconds;
}

/** A published or explorer figure as the table shows it: whole above 100, else 3 digits. */
export const formatPublishedValue = (n: number) => (n >= 100 ? formatInteger(n) : formatRate(n));

/**
 * A published run the page was opened from (its "Open in the explorer" link), in words: what was
 * published and where (each of its figures, `rows` of one case), and what the page shows for the
 * same figures now, which follow the settings as they move.
 *
 * @example formatOpenedRun([output, tpot], serving, whole, run)
 * // 'Opened from a published run (GitHub SemiAnalysisAI/InferenceX …): 2,078 whole-run output
 * //  tok/s and 33.6 tok/s per user (1 / TPOT) published; the page shows 1,352 and 21.6 with
 * //  these settings (0.65× and 0.64×).'
 */
export function formatOpenedRun(
  rows: readonly PublishedServingRun[],
  serving: ServingEstimate | null,
  whole: WholeRun | null,
  benchmark: BenchmarkRun | null,
): string {
  const and = (parts: string[]) => parts.join(' and ');
  const published = and(rows.map((r) => `${formatPublishedValue(r.published)} ${r.measure}`));
  const opened = `Opened from a published run (${rows[0]?.source ?? ''}): ${published} published`;
  const now = rows.map((r) => pageFigure(r.figure, serving, whole, benchmark));
  if (now.some((n) => n === null))
    return `${opened}; the page shows no such figure with these settings.`;
  const ratios = rows.map((r, i) => formatPublishedRatio(now[i]! / r.published, r.band).text);
  return `${opened}; the page shows ${and(now.map((n) => formatPublishedValue(n!)))} with these settings (${and(ratios)}).`;
}
