import { describe, expect, it } from 'vitest';
import {
  finiteRun,
  simulateFlood,
  TIMELINE_SLICES,
  TimelineRecorder,
} from '../../../../src/lib/core/index.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('TimelineRecorder', () => {
  it('cuts a run into TIMELINE_SLICES slices: one request over the first half of 2 s', () => {
    const spans = new TimelineRecorder();
    spans.add(0, 1);
    const { sliceSeconds, inFlight } = spans.timeline(2);
    expect(TIMELINE_SLICES).toBe(120);
    expect(sliceSeconds).toBeCloseTo(2 / 120, 12);
    expect(inFlight).toHaveLength(120);
    for (const [i, n] of inFlight.entries()) expect(n, `slice ${i}`).toBeCloseTo(i < 60 ? 1 : 0, 9);
  });

  it('adds a span’s share of the slices it covers in part, and its weight', () => {
    // Slices of 0.01 s over 1.2 s: 0.005 to 0.025 covers half of slice 0, all of 1, half of 2.
    const spans = new TimelineRecorder();
    spans.add(0.005, 0.025);
    spans.add(0.1, 0.102, 64); // a lockstep wave of 64, a fifth of slice 10
    const { inFlight } = spans.timeline(1.2);
    expect(inFlight.slice(0, 4).map((n) => +n.toFixed(9))).toEqual([0.5, 1, 0.5, 0]);
    expect(inFlight[10]).toBeCloseTo(12.8, 9);
  });

  it('gives nothing in flight over a run of no time, and skips empty spans', () => {
    const spans = new TimelineRecorder();
    spans.add(1, 1);
    expect(spans.timeline(0)).toEqual({ sliceSeconds: 0, inFlight: Array(120).fill(0) });
    expect(mean(spans.timeline(2).inFlight)).toBe(0);
  });
});

describe('a run’s timeline', () => {
  it('averages to its mean concurrency: the summed latencies over the duration', () => {
    // simulateFlood's hand-derived run (flood-scheduler.test.ts): latencies 3 and 5 s over 5 s.
    const flood = simulateFlood({
      lengths: [2, 3],
      inputTokens: 4,
      budget: 5,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0.25,
    });
    expect(mean(flood.timeline.inFlight)).toBeCloseTo(8 / 5, 9);
    // Both in flight for the first 3 s (slices 0-71), B alone to 5 s.
    expect(flood.timeline.inFlight[0]).toBeCloseTo(2, 9);
    expect(flood.timeline.inFlight[119]).toBeCloseTo(1, 9);
    // finiteRun's example: answers of 2 and 3 tokens, steps of 1 s; concurrency (2 + 2 + 1) / 3.
    const run = finiteRun({ prompts: 2, outputMin: 1, outputMax: 3 }, 2, () => ({
      stepSeconds: 1,
      timePerOutputTokenSeconds: 1,
    }));
    expect(mean(run.timeline.inFlight)).toBeCloseTo(run.meanConcurrency, 9);
    expect(run.timeline.inFlight[0]).toBeCloseTo(2, 9);
    expect(run.timeline.inFlight[119]).toBeCloseTo(1, 9);
  });
});
