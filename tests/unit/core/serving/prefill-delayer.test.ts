import { describe, expect, it } from 'vitest';
import {
  delayedPasses,
  delayedPrefill,
  findDevice,
  findPreset,
  presetSpec,
  resolveServing,
  SGLANG_PREFILL_DELAY_PASSES,
} from '../../../../src/lib/core/index.ts';

describe('delayedPrefill', () => {
  it('holds nothing back with one pass: the pass of the first arrival on any rank', () => {
    // Hand-derived: P(no arrival on 8 ranks in k passes) = e^(-8 a k), a mean of 1 / (1 - e^(-8 a)).
    const a = 0.0625;
    const cycle = delayedPrefill(a, 8, 1);
    expect(cycle.passes).toBeCloseTo(1 / (1 - Math.exp(-8 * a)), 12);
  });

  it('never waits on one rank: every prompt finds all ranks ready', () => {
    const cycle = delayedPrefill(0.1, 1, 30);
    expect(cycle.passes).toBeCloseTo(1 / (1 - Math.exp(-0.1)), 9);
    expect(cycle.prefillingShare).toBe(1);
  });

  it('waits for every rank when the delay never runs out: the mean of the last rank’s first arrival', () => {
    // Hand-derived for 2 ranks, x = e^-a: sum over k of 1 - (1 - x^k)^2 = 2 / (1 - x) - 1 / (1 - x^2).
    const a = 0.1;
    const x = Math.exp(-a);
    const cycle = delayedPrefill(a, 2, 10_000);
    expect(cycle.passes).toBeCloseTo(2 / (1 - x) - 1 / (1 - x * x), 6);
    expect(cycle.prefillingShare).toBeCloseTo(1, 12);
  });

  it('lengthens the cycle and fills more ranks as the delay grows, to its default of 30 passes', () => {
    expect(SGLANG_PREFILL_DELAY_PASSES).toBe(30); // server_args.py prefill_delayer_max_delay_passes
    const short = delayedPrefill(0.0625, 8, 5);
    const long = delayedPrefill(0.0625, 8, 30);
    expect(long.passes).toBeGreaterThan(short.passes);
    expect(long.prefillingShare).toBeGreaterThan(short.prefillingShare);
    // DeepSeek-V4-Pro's SGLang recipe on 8 x B200: 256 running, 512-token answers, 8 ranks.
    expect(long.passes).toBeCloseTo(29.5, 1);
    expect(long.prefillingShare).toBeCloseTo(0.891, 3);
  });

  it('prefills, without a delay, the ranks that have prompts at the first arrival', () => {
    // Hand-derived: given one of 8 ranks has some, 8 (1 - e^-a) / (1 - e^(-8 a)) ranks have.
    const a = 0.0625;
    const expected = (1 - Math.exp(-a)) / (1 - Math.exp(-8 * a));
    expect(delayedPrefill(a, 8, 1).prefillingShare).toBeCloseTo(expected, 12);
  });
});

describe('delayedPasses', () => {
  it('runs a cycle’s prompts in as few passes as the rank’s chunk allows, the cycle one pass longer for each more', () => {
    const cycle = delayedPrefill(0.5 / 8, 8, 30);
    // 0.0625 x 29.49 x 4,096 / 0.891 = 8,475 tokens a prefilling rank: two passes of 4,238 at 8,192.
    const p = delayedPasses(0.5, 8, 30, 4096, 8192);
    const tokens = (0.0625 * cycle.passes * 4096) / cycle.prefillingShare;
    expect(p.chunk).toBe(Math.ceil(tokens / 2));
    expect(p.passes).toBeCloseTo(2 / (cycle.passes + 1), 12);
    expect(p.pausedShare).toBeCloseTo(cycle.prefillingShare * p.passes, 12);
    expect(p.ranks).toBeCloseTo(8 * cycle.prefillingShare, 12);
    // A chunk that holds them: one pass a cycle.
    expect(delayedPasses(0.5, 8, 30, 4096, 65536).passes).toBeCloseTo(1 / cycle.passes, 12);
  });

  it('prefills at least one whole prompt a pass when arrivals are rare', () => {
    const rare = delayedPasses(0.001, 8, 30, 4096, 8192).chunk;
    expect(rare).toBeGreaterThanOrEqual(4096);
    expect(rare).toBeLessThan(4096 * 1.05);
  });
});

describe('the prefill delayer in resolveServing', () => {
  const spec = presetSpec(findPreset('deepseek-v3')!);
  const base = {
    device: findDevice('h200')!,
    devices: 8,
    weights: 'fp8',
    contextTokens: 4096,
    batch: 64,
  } as const;

  it('is off by default and taken with SGLang under data-parallel attention', () => {
    const off = resolveServing(spec, { ...base, tp: 1, ep: 8, memory: { engine: 'sglang' } });
    expect(off.deployment.memory.prefillDelayPasses).toBeNull();
    const on = resolveServing(spec, {
      ...base,
      tp: 1,
      ep: 8,
      memory: { engine: 'sglang', prefillDelayPasses: 30 },
    });
    expect(on.deployment.memory.prefillDelayPasses).toBe(30);
  });

  it('is off where SGLang would refuse it: another engine, or no data-parallel attention', () => {
    const vllm = resolveServing(spec, {
      ...base,
      tp: 1,
      ep: 8,
      memory: { engine: 'vllm', prefillDelayPasses: 30 },
    });
    expect(vllm.deployment.memory.prefillDelayPasses).toBeNull();
    const tp8 = resolveServing(spec, {
      ...base,
      tp: 8,
      memory: { engine: 'sglang', prefillDelayPasses: 30 },
    });
    expect(tp8.deployment.memory.prefillDelayPasses).toBeNull();
    expect(() =>
      resolveServing(spec, {
        ...base,
        tp: 1,
        ep: 8,
        memory: { engine: 'sglang', prefillDelayPasses: 0 },
      }),
    ).toThrow(/prefill delayer max delay passes/);
  });
});
