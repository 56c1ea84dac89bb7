import { describe, expect, it } from 'vitest';
import { simulateFlood } from '../../../../src/lib/core/index.ts';

/**
 * Two requests, the second sent at 1.5 s: answers of 4 and 2 tokens, prompts of 10 tokens,
 * decode 1 s a step at any batch, prefill 0.1 s a prompt token (1 s a prompt).
 */
const TWO = {
  lengths: [4, 2],
  inputTokens: 10,
  budget: 100,
  decodeSeconds: () => 1,
  prefillSecondsPerToken: 0.1,
  arrivals: [0, 1.5],
};

describe('simulateFlood with a request rate', () => {
  it('idles until a request comes: one at 0 and one at 10 s run alone (hand-derived)', () => {
    // A: its prompt 0 to 1 s (first token), a decode step to 2 s (its end). Nothing in flight
    // until B is sent at 10 s: its prompt to 11, its decode to 12.
    const run = simulateFlood({ ...TWO, lengths: [2, 2], arrivals: [0, 10] });
    expect(run).toMatchObject({
      durationSeconds: 12,
      latencySumSeconds: 4,
      meanTpotSeconds: 1,
      meanTtftSeconds: 1,
      preemptions: 0,
    });
  });

  it('rides a late prompt in a decode step on vLLM’s mixed steps (hand-derived)', () => {
    // 0-1: A's prompt (A's first token). 1-2: A decodes (B not sent yet). 2-4: A decodes and B's
    // prompt rides along, 1 + 1 s (A's third token, B's first: TTFT 2.5). 4-5: both decode; A
    // ends (4 tokens), B ends (2). TPOT: A (5 - 1) / 3, B (5 - 4) / 1.
    const run = simulateFlood(TWO);
    expect(run.durationSeconds).toBe(5);
    expect(run.latencySumSeconds).toBeCloseTo(5 + 3.5, 12);
    expect(run.meanTtftSeconds).toBeCloseTo((1 + 2.5) / 2, 12);
    expect(run.meanTpotSeconds).toBeCloseTo((4 / 3 + 1) / 2, 12);
  });

  it('pauses the decodes for a prompt’s pass of its own on SGLang’s steps (hand-derived)', () => {
    // 0-1: A's prompt. 1-2: A decodes. 2-3: B's prompt alone, A waits (B's TTFT 1.5). 3-4: both
    // decode; B ends. 4-5: A's fourth token. TPOT: A (5 - 1) / 3, B (4 - 3) / 1.
    const run = simulateFlood({ ...TWO, prefillPassSeconds: (tokens) => 0.1 * tokens });
    expect(run.durationSeconds).toBe(5);
    expect(run.latencySumSeconds).toBeCloseTo(5 + 2.5, 12);
    expect(run.meanTtftSeconds).toBeCloseTo((1 + 1.5) / 2, 12);
    expect(run.meanTpotSeconds).toBeCloseTo((4 / 3 + 1) / 2, 12);
  });

  it('sends a request at its arrival or when the concurrency frees a slot, whichever is later', () => {
    // One slot: B arrives at 1.5 s but is sent when A ends: A's prompt 0-1, its decodes 1-2,
    // 2-3 and 3-4. B: its prompt 4-5, its decode 5-6; its TTFT and latency run from 4 s.
    const run = simulateFlood({ ...TWO, inFlight: 1 });
    expect(run.durationSeconds).toBe(6);
    expect(run.meanTtftSeconds).toBeCloseTo((1 + 1) / 2, 12);
    expect(run.latencySumSeconds).toBeCloseTo(4 + 2, 12);
  });
});
