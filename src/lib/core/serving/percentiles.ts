/**
 * The median and the 99th percentile of a run's latencies per request, as serving benchmarks
 * print them beside the mean: `vllm bench serve` (`vllm/benchmarks/serve.py`
 * `calculate_metrics`: `np.median`, and `np.percentile` at `--metric-percentiles`, 99 unless set)
 * and SGLang's `bench_serving` (`np.median`, `np.percentile(x, 99)`). NumPy's default method
 * ("linear") reads the sorted sample at rank q x (n - 1), between the two ranks either side.
 * An empty sample reads 0, as the benchmarks' `np.median(ttfts or 0)` do.
 */

/** Seconds at the median and the 99th percentile. */
export interface Percentiles {
  median: number;
  p99: number;
}

/**
 * A sample of latencies, each value with a whole-number weight (the requests that share it: a
 * lockstep wave's), read as that many equal values.
 *
 * @example const s = new LatencySample(); s.add(1); s.add(2); s.add(10, 2);
 * s.percentiles() // ranks 0..3 read 1, 2, 10, 10: median 6, p99 10
 */
export class LatencySample {
  private readonly entries: { value: number; weight: number }[] = [];

  add(value: number, weight = 1): void {
    if (weight > 0) this.entries.push({ value, weight });
  }

  percentiles(): Percentiles {
    const sorted = [...this.entries].sort((a, b) => a.value - b.value);
    const n = sorted.reduce((sum, e) => sum + e.weight, 0);
    if (n === 0) return { median: 0, p99: 0 };
    return { median: at(sorted, 0.5 * (n - 1)), p99: at(sorted, 0.99 * (n - 1)) };
  }
}

/** The value at fractional rank `rank` of weighted entries sorted by value (NumPy's "linear"). */
function at(sorted: readonly { value: number; weight: number }[], rank: number): number {
  const lo = Math.floor(rank);
  const below = valueAtRank(sorted, lo);
  const above = rank > lo ? valueAtRank(sorted, lo + 1) : below;
  return below + (rank - lo) * (above - below);
}

function valueAtRank(sorted: readonly { value: number; weight: number }[], rank: number): number {
  let seen = 0;
  for (const e of sorted) {
    seen += e.weight;
    if (rank < seen) return e.value;
  }
  return sorted[sorted.length - 1]!.value;
}
