/**
 * Requests in flight over a benchmark's run (finite-run.ts and the runs it hands to), averaged
 * over equal slices of its duration: the ramp of a run's start, its steady middle, and the tail
 * in which its slots empty one by one. A request is in flight from when the client sends it to
 * its last token, as the benchmark's "Concurrency" counts it (sglang `bench_serving.py`
 * `calculate_metrics`: the summed latencies over the duration), so the slices' mean is the run's
 * mean concurrency.
 */

/** Slices a run's duration is cut into: enough for a chart's width, few enough to send. */
export const TIMELINE_SLICES = 120;

export interface RunTimeline {
  /** Seconds each slice lasts: the run's duration over TIMELINE_SLICES. */
  sliceSeconds: number;
  /** The mean number of requests in flight in each slice, from the run's start. */
  inFlight: number[];
}

/** Collects the requests' spans as a run is simulated, then slices them. */
export class TimelineRecorder {
  /** Flat: start, end and weight (requests) of each span. */
  private readonly spans: number[] = [];

  /** `weight` requests in flight from `start` to `end`, seconds from the run's start. */
  add(start: number, end: number, weight = 1): void {
    this.spans.push(start, end, weight);
  }

  /**
   * The spans over `duration` seconds in TIMELINE_SLICES slices. A span adds its share of each
   * slice it overlaps: the partial slices at its ends directly, the whole ones between through a
   * difference array, so a run of n requests costs O(n + slices).
   *
   * @example one request over the first half of 2 s: slices 0-59 hold 1, the rest 0.
   */
  timeline(duration: number): RunTimeline {
    const n = TIMELINE_SLICES;
    const width = duration / n;
    const partial = new Float64Array(n);
    const whole = new Float64Array(n + 1);
    if (!(width > 0)) return { sliceSeconds: 0, inFlight: Array.from(partial) };
    const slice = (t: number) => Math.min(n - 1, Math.max(0, Math.floor(t / width)));
    const spans = this.spans;
    for (let i = 0; i < spans.length; i += 3) {
      const [start, end, weight] = [spans[i]!, spans[i + 1]!, spans[i + 2]!];
      if (!(end > start)) continue;
      const [a, b] = [slice(start), slice(end)];
      if (a === b) {
        partial[a]! += (weight * (end - start)) / width;
        continue;
      }
      partial[a]! += (weight * ((a + 1) * width - start)) / width;
      partial[b]! += (weight * (end - b * width)) / width;
      whole[a + 1]! += weight;
      whole[b]! -= weight;
    }
    const inFlight: number[] = [];
    let level = 0;
    for (let i = 0; i < n; i++) {
      level += whole[i]!;
      inFlight.push(level + partial[i]!);
    }
    return { sliceSeconds: width, inFlight };
  }
}
