import { describe, expect, it } from 'vitest';
import {
  decodeAt,
  delayedPasses,
  enginePrefillScheduling,
  findDevice,
  findPreset,
  prefill,
  prefillPass,
  presetSpec,
  rankChunkTokens,
  resolveServing,
  workloadThroughput,
} from '../../../../src/lib/core/index.ts';
import { deepseekDpAttention } from '../../helpers/deployments.ts';

const spec = presetSpec(findPreset('deepseek-v3')!);
// TensorRT-LLM's max-throughput DeepSeek-R1 run: 8 x B200, attention DP8, EP8, NVFP4 experts
const r = resolveServing(spec, {
  device: findDevice('b200')!,
  devices: 8,
  tp: 1,
  ep: 8,
  weights: 'bf16',
  expertWeights: 'nvfp4',
  contextTokens: 3072,
  batch: 3072,
});

describe('workloadThroughput', () => {
  it('shares each second between decode at the mean context and the prompts: T = 1 / (1/D + (I/O)/P)', () => {
    const w = workloadThroughput(r, 1024, 2048);
    const d = decodeAt({ ...r, contextTokens: 1024 + 1024 }, r.batch).decode.tokensPerSecond;
    const { deployment: dep, efficiency, routing } = r;
    const p = prefill(dep, 1024, r.batch, dep.memory.maxBatchedTokens, efficiency, routing);
    const expected = 1 / (1 / d + 1024 / 2048 / p.tokensPerSecond);
    expect(w.meanDecodeContextTokens).toBe(2048);
    expect(w.outputTokensPerSecond).toBeCloseTo(expected, 9);
    expect(w.outputTokensPerSecondPerUser).toBeCloseTo(expected / 3072, 12);
    expect(w.prefillShare).toBeCloseTo(1 - expected / d, 12);
  });

  it('costs the run about a fifth of its time in prefill for 1k in and 2k out', () => {
    const { prefillShare } = workloadThroughput(r, 1024, 2048);
    expect(prefillShare).toBeGreaterThan(0.1);
    expect(prefillShare).toBeLessThan(0.3);
  });

  it('gives a lone request’s time to first token: its prompt’s prefill alone, at the input length', () => {
    const w = workloadThroughput(r, 1024, 2048);
    const alone = prefillPass(r.deployment, 1024, 1024, r.efficiency, r.routing).seconds;
    expect(w.timeToFirstTokenSeconds).toBe(alone);
    expect(w.timeToFirstTokenSeconds).toBe(
      prefill(r.deployment, 1024, 3072, 8192, r.efficiency, r.routing).timeToFirstTokenSeconds,
    );
  });

  it('longer prompts for the same answers never raise the output rate', () => {
    const rates = [128, 1024, 8192].map((i) => workloadThroughput(r, i, 1024));
    expect(rates[0]!.outputTokensPerSecond).toBeGreaterThan(rates[1]!.outputTokensPerSecond);
    expect(rates[1]!.outputTokensPerSecond).toBeGreaterThan(rates[2]!.outputTokensPerSecond);
    expect(rates[0]!.prefillShare).toBeLessThan(rates[2]!.prefillShare);
  });
});

describe('workloadThroughput: prompts in passes of their own (SGLang)', () => {
  // gpt-oss-120b on 8 x B200 at tp 8 under SGLang, 100 in flight, 300 in and 200 out: the shape
  // of the SGLang cookbook's concurrency-100 run (tests/fixtures/issue13-pending-cases.json).
  const oss = presetSpec(findPreset('gpt-oss-120b')!);
  const options = {
    device: findDevice('b200')!,
    devices: 8,
    tp: 8,
    weights: 'bf16',
    expertWeights: 'mxfp4',
    contextTokens: 4096,
    batch: 100,
    memory: { engine: 'sglang' },
  } as const;
  const sglang = resolveServing(oss, options);
  const step = (s: typeof sglang) =>
    decodeAt({ ...s, contextTokens: 300 + 100 }, s.batch).decode.stepSeconds;
  const pass = (s: typeof sglang, chunk: number) =>
    prefillPass(s.deployment, 300, chunk, s.efficiency, s.routing).seconds;

  it('is the engine’s default for SGLang and for no other engine', () => {
    expect(sglang.prefillScheduling).toBe('separate');
    expect(resolveServing(oss, { ...options, memory: { engine: 'vllm' } }).prefillScheduling).toBe(
      'mixed',
    );
    expect(enginePrefillScheduling('trtllm')).toBe('mixed');
    expect(enginePrefillScheduling('llamacpp')).toBe('mixed');
  });

  it('pauses every sequence for a pass before 1 - e^-n of the steps, n = batch / O arrivals a step', () => {
    // Hand-derived: n = 100 / 200 = 0.5 prompts a step; a pass before 1 - e^-0.5 = 0.3935 of
    // the steps, each of 0.5 / 0.3935 = 1.2707 prompts: 381.2 tokens, one pass of 382.
    const w = workloadThroughput(sglang, 300, 200);
    const passes = 1 - Math.exp(-0.5);
    expect(w.prefillPassesPerStep).toBeCloseTo(0.3935, 4);
    const cycle = step(sglang) + passes * pass(sglang, 382);
    expect(w.outputTokensPerSecond).toBeCloseTo(100 / cycle, 6);
    expect(w.outputTokensPerSecondPerUser).toBeCloseTo(1 / cycle, 9);
    // A sequence is paused by the other 99 sequences' prompts: n = 0.495.
    const others = 1 - Math.exp(-0.495);
    const chunk = Math.ceil((0.495 * 300) / others);
    expect(w.timePerOutputTokenSeconds).toBeCloseTo(step(sglang) + others * pass(sglang, chunk), 9);
  });

  it('costs more than mixing the prompts into the decode steps, for short answers', () => {
    const mixed = resolveServing(oss, { ...options, prefillScheduling: 'mixed' });
    const separate = workloadThroughput(sglang, 300, 200);
    const mixedRun = workloadThroughput(mixed, 300, 200);
    expect(separate.outputTokensPerSecond).toBeLessThan(mixedRun.outputTokensPerSecond * 0.85);
    expect(separate.timePerOutputTokenSeconds).toBeGreaterThan(mixedRun.timePerOutputTokenSeconds);
    expect(mixedRun.prefillPassesPerStep).toBe(0);
  });

  it('pauses nobody at batch 1: the time per output token is the decode step', () => {
    const one = resolveServing(oss, { ...options, batch: 1 });
    const w = workloadThroughput(one, 300, 200);
    expect(w.timePerOutputTokenSeconds).toBeCloseTo(step(one), 12);
    expect(w.outputTokensPerSecond).toBeLessThan(1 / step(one));
  });

  it('lets the other ranks decode while one prefills, under data-parallel attention over shared experts', () => {
    // DeepSeek-V3 on 8 x H200 with attention DP 8 and EP 8, 64 in flight, 1,000 in and 500 out.
    const dp = deepseekDpAttention();
    // Hand-derived: n = 64 / 500 = 0.128 prompts a step over 8 ranks, 0.016 each; a rank needs
    // x = 1 - e^-0.016 = 0.015873 passes (of 0.016 / x = 1.008 prompts: 1,009 tokens) per step
    // it decodes, so it prefills in x / (1 + x) = 0.015625 of the iterations; some rank does in
    // 1 - (1 - 0.015625)^8 = 0.11837 of them, which last the pass when it is the longer. The
    // experts take the prompts of 8 x 0.015625 / 0.11837 = 1.056 ranks in such an iteration.
    const w = workloadThroughput(dp, 1000, 500);
    expect(w.prefillPassesPerStep).toBeCloseTo(0.11837, 5);
    const step = decodeAt({ ...dp, contextTokens: 1250 }, 64).decode.stepSeconds;
    const ranks = (8 * 0.015625) / 0.118371;
    const cut = prefillPass(dp.deployment, 1000, 1009, dp.efficiency, dp.routing, ranks).seconds;
    const iteration = step + 0.118371 * Math.max(0, cut - step);
    expect(w.outputTokensPerSecond).toBeCloseTo((64 * (1 - 0.0156247)) / iteration, 1);
    // Every rank pausing for every pass would cost more.
    expect(w.outputTokensPerSecond).toBeGreaterThan(64 / (step + 0.11837 * cut));
  });

  it('gives the experts of a DP-attention pass the tokens of the ranks that prefill in it', () => {
    // 8 ranks over shared experts: one rank's 1,009 tokens against all eight ranks' 8,072
    const dp = deepseekDpAttention();
    const pass = (ranks?: number) =>
      prefillPass(dp.deployment, 1000, 1009, dp.efficiency, dp.routing, ranks);
    expect(pass().flops).toBe(pass(8).flops);
    expect(pass(1).flops).toBeLessThan(pass(8).flops);
  });

  it('prefills in fewer, fuller passes under SGLang’s prefill delayer (prefill-delayer.ts)', () => {
    const dp = deepseekDpAttention();
    const held = deepseekDpAttention({ prefillDelayPasses: 30 });
    // 0.128 prompts a step over 8 ranks: a cycle of delayedPasses' passes, one pass each.
    const p = delayedPasses(64 / 500, 8, 30, 1000, rankChunkTokens(held.deployment));
    const w = workloadThroughput(held, 1000, 500);
    expect(w.prefillPassesPerStep).toBeCloseTo(p.passes, 12);
    const step = decodeAt({ ...held, contextTokens: 1250 }, 64).decode.stepSeconds;
    const cut = prefillPass(held.deployment, 1000, p.chunk, held.efficiency, held.routing, p.ranks);
    const iteration = step + p.passes * Math.max(0, cut.seconds - step);
    expect(w.outputTokensPerSecond).toBeCloseTo((64 * (1 - p.pausedShare)) / iteration, 6);
    // Fewer iterations held to a pass: more output and a shorter time per token than without it.
    const free = workloadThroughput(dp, 1000, 500);
    expect(w.prefillPassesPerStep).toBeLessThan(free.prefillPassesPerStep / 2);
    expect(w.outputTokensPerSecond).toBeGreaterThan(free.outputTokensPerSecond);
    expect(w.timePerOutputTokenSeconds).toBeLessThan(free.timePerOutputTokenSeconds);
  });

  it('names a scheduling it does not know', () => {
    expect(() =>
      resolveServing(oss, { ...options, prefillScheduling: 'eager' as 'mixed' }),
    ).toThrow(/prefill scheduling: expected one of mixed, separate, got "eager"/);
  });
});

describe('rankChunkTokens', () => {
  it('SGLang divides its chunk over DP-attention ranks (server_args.py _handle_data_parallelism)', () => {
    const dsv3 = presetSpec(findPreset('deepseek-v3')!);
    const on = (engine: 'sglang' | 'vllm', tp: number, ep: number) =>
      resolveServing(dsv3, {
        device: findDevice('h200')!,
        devices: 8,
        tp,
        ep,
        weights: 'fp8',
        contextTokens: 4096,
        batch: 64,
        memory: { engine },
      }).deployment;
    // SGLang's chunk on a 141 GB H200 is 8,192 (engines.ts); dp 8 ranks prefill 1,024 each
    expect(on('sglang', 1, 8).memory.maxBatchedTokens).toBe(8192);
    expect(rankChunkTokens(on('sglang', 1, 8))).toBe(1024);
    expect(rankChunkTokens(on('sglang', 8, 1))).toBe(8192);
    expect(rankChunkTokens(on('vllm', 1, 8))).toBe(8192);
  });
});
