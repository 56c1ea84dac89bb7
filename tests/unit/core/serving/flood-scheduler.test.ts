import { describe, expect, it } from 'vitest';
import { ConfigError, simulateFlood } from '../../../../src/lib/core/index.ts';

/** Steps of 1 s at any batch, free prefill and a budget of 10 tokens, unless a test says. */
const STEPS = { budget: 10, decodeSeconds: () => 1, prefillSecondsPerToken: 0 };

describe('simulateFlood', () => {
  it('runs two prompts of 4 tokens on a budget of 5: hand-derived, step by step', () => {
    // Decode 1 s a step at any batch, prefill 0.25 s a token; answers of 2 and 3 tokens.
    // Step 1: no one decodes; A's 4 tokens and 1 of B's: 1.25 s, A's first token.
    // Step 2: A decodes, B's last 3: 1 + 0.75 s (3.0 s); A ends (TPOT 1.75), B's first token.
    // Steps 3 and 4: B decodes, 1 s each; it ends at 5.0 s (TPOT (5 - 3) / 2 = 1).
    const run = simulateFlood({
      lengths: [2, 3],
      inputTokens: 4,
      budget: 5,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0.25,
    });
    // First tokens at 1.25 and 3.0 s: a mean TTFT of 2.125.
    expect(run).toMatchObject({
      durationSeconds: 5,
      latencySumSeconds: 8,
      meanTpotSeconds: 1.375,
      meanTtftSeconds: 2.125,
      preemptions: 0,
    });
    // Two TPOTs, 1.75 and 1: median 1.375, 99th percentile 1 + 0.99 x 0.75; two TTFTs alike.
    expect(run.tpot.median).toBeCloseTo(1.375, 12);
    expect(run.tpot.p99).toBeCloseTo(1.7425, 12);
    expect(run.ttft.median).toBeCloseTo(2.125, 12);
    expect(run.ttft.p99).toBeCloseTo(1.25 + 0.99 * 1.75, 12);
  });

  it('gives the decodes the budget first: 3 running of a budget of 4 leave a prompt a token a step', () => {
    const run = simulateFlood({
      lengths: [10, 10, 10, 10],
      inputTokens: 1,
      budget: 4,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0,
    });
    // All four prompts fit the first step's budget: 1 + 9 decode steps.
    expect(run.durationSeconds).toBe(9);
    const tight = simulateFlood({
      lengths: [10, 10, 10, 10],
      inputTokens: 2,
      budget: 4,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0,
    });
    // Step 1 prefills two prompts (0 s: none decodes yet); step 2: two decode, the third
    // prompt's 2 tokens (1 s); steps 3 and 4: three decode and 1 token is left, so the last
    // prompt takes both (its first token at 3 s). The first two end at 9 s, the third at 10, the
    // last at 12: every one 1 s a token once it is in.
    // First tokens at 0, 0, 1 and 3 s.
    expect(tight).toMatchObject({
      durationSeconds: 12,
      latencySumSeconds: 40,
      meanTpotSeconds: 1,
      meanTtftSeconds: 1,
      preemptions: 0,
    });
    // TTFTs 0, 0, 1 and 3: median 0.5; rank 2.97 is 1 + 0.97 x 2.
    expect(tight.ttft.median).toBeCloseTo(0.5, 12);
    expect(tight.ttft.p99).toBeCloseTo(2.94, 12);
    expect(tight.tpot).toEqual({ median: 1, p99: 1 });
  });

  it('preempts the request admitted last when the cache runs out, and computes it again: hand-derived', () => {
    // Blocks of one token, 5 of them; prompts of 2 tokens, answers of 3; decode 1 s a step,
    // prefill 0.25 s a token.
    // Step 1: A and B prefill (4 blocks, 1 free): 1 s; both first tokens at 1 s.
    // Step 2: A decodes (its 3rd block, 0 free); B needs one and none is free: B, the last
    //   admitted, is preempted (its 2 blocks freed) and waits to compute its 2 + 1 tokens again.
    //   A step with a preemption admits no one: 1 s (2 s), A's 2nd token.
    // Step 3: A decodes (4th block, 1 free); B's 3 tokens need 3 blocks: it waits. 3 s, A ends
    //   (TPOT (3 - 1) / 2 = 1) and frees its 4.
    // Step 4: B computes its 3 tokens again: 0.75 s (3.75 s), its 2nd token.
    // Step 5: B decodes: 4.75 s, it ends (TPOT (4.75 - 1) / 2 = 1.875; its wait counts).
    const run = simulateFlood({
      lengths: [3, 3],
      inputTokens: 2,
      ...STEPS,
      prefillSecondsPerToken: 0.25,
      kvBlocks: 5,
      blockTokens: 1,
    });
    expect(run).toMatchObject({
      durationSeconds: 4.75,
      latencySumSeconds: 7.75,
      meanTpotSeconds: 1.4375,
      meanTtftSeconds: 1,
      preemptions: 1,
    });
  });

  it('counts blocks, not tokens: 16-token blocks hold a prompt and its first 15 tokens', () => {
    const run = simulateFlood({
      lengths: [16, 16],
      inputTokens: 1,
      ...STEPS,
      kvBlocks: 2,
      blockTokens: 16,
    });
    // Each computes at most 1 + 15 tokens (its prompt and all but its last token): a block each.
    expect(run.preemptions).toBe(0);
    expect(run.durationSeconds).toBe(15);
  });

  it('runs no more than max_num_seqs at once; the others wait for a slot', () => {
    // Three answers of 2 tokens, two at a time: the third prompt is admitted once two end.
    const run = simulateFlood({
      lengths: [2, 2, 2],
      inputTokens: 1,
      ...STEPS,
      maxRunning: 2,
    });
    expect(run).toMatchObject({
      durationSeconds: 2,
      latencySumSeconds: 4,
      meanTpotSeconds: 1,
      meanTtftSeconds: 1 / 3,
      preemptions: 0,
    });
  });

  it('sends a prompt each time one ends under the client’s concurrency, timing it from then', () => {
    // Three answers of 2 tokens, the client keeping 2 in flight: the third is sent at 1 s, when
    // the first two end, and its first token comes at once (no prefill cost): TTFT 0, latency 1.
    const run = simulateFlood({
      lengths: [2, 2, 2],
      inputTokens: 1,
      ...STEPS,
      inFlight: 2,
    });
    expect(run).toMatchObject({
      durationSeconds: 2,
      latencySumSeconds: 3,
      meanTpotSeconds: 1,
      meanTtftSeconds: 0,
      preemptions: 0,
    });
  });

  it('names the cache when a prompt’s first chunk can never fit it', () => {
    const flood = {
      lengths: [2],
      inputTokens: 40,
      budget: 64,
      decodeSeconds: () => 1,
      prefillSecondsPerToken: 0,
      kvBlocks: 2,
      blockTokens: 16,
    };
    expect(() => simulateFlood(flood)).toThrow(ConfigError);
    expect(() => simulateFlood(flood)).toThrow(/KV cache blocks/);
  });
});
