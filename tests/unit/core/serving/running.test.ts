import { describe, expect, it } from 'vitest';
import {
  SGLANG_SPECULATIVE_MAX_RUNNING,
  estimateServing,
  benchmarkRun,
  findDevice,
  kvBound,
  parseHFConfig,
  resolveServing,
  runningBatch,
  workloadThroughput,
  type RunningLimits,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { fixtureSpec, readJson } from '../../helpers/fixtures.ts';

const sglang: RunningLimits = {
  engine: 'sglang',
  maxSequences: 512,
  maxRunningRequests: null,
  modelMaxRunning: null,
  speculative: true,
  dp: 1,
  stateSlots: null,
};

describe('runningBatch', () => {
  it('SGLang under speculative decoding runs 48 of 100 (server_args.py _handle_speculative_decoding)', () => {
    expect(SGLANG_SPECULATIVE_MAX_RUNNING).toBe(48);
    expect(runningBatch(100, sglang)).toEqual({
      offered: 100,
      batch: 48,
      cap: 48,
      capBy: "SGLang's default under speculative decoding, 48",
    });
    expect(runningBatch(32, sglang).batch).toBe(32);
  });

  it('SGLang splits its cap over DP-attention workers, max_running_requests // dp each', () => {
    // 48 // 16 = 3 a worker: 48 in all at 16 workers; 48 // 32 = 1 at 32 workers
    expect(runningBatch(512, { ...sglang, dp: 16 }).batch).toBe(48);
    expect(runningBatch(512, { ...sglang, dp: 10 }).batch).toBe(40);
    expect(runningBatch(512, { ...sglang, maxRunningRequests: 512, dp: 16 })).toMatchObject({
      batch: 512,
      capBy: "SGLang's --max-running-requests, 512",
    });
    const few = configErrorOf(() => runningBatch(512, { ...sglang, dp: 64 }));
    expect(few).toMatchObject({ field: 'max running requests', value: 48 });
    expect(few.expected).toBe('at least one for each of the 64 data-parallel workers');
  });

  it('SGLang runs a hybrid model’s state slots // 3 on each replica, or its setting when lower', () => {
    const hybrid = { ...sglang, speculative: false, stateSlots: 618 };
    expect(runningBatch(1024, hybrid)).toEqual({
      offered: 1024,
      batch: 206,
      cap: 206,
      capBy: "SGLang's state pool: 618 sequences' states, a third of them running",
    });
    expect(runningBatch(1024, { ...hybrid, dp: 2 }).capBy).toBe(
      "SGLang's state pool: 618 sequences' states on each replica, a third of them running",
    );
    expect(runningBatch(1024, { ...hybrid, dp: 2 }).batch).toBe(412);
    // under speculation the 48 binds first; a state pool of 90 slots binds before it
    expect(runningBatch(100, { ...hybrid, speculative: true }).batch).toBe(48);
    expect(runningBatch(100, { ...hybrid, speculative: true, stateSlots: 90 }).batch).toBe(30);
  });

  it('SGLang runs a model’s own default before speculation’s 48: DeepSeek-V4’s 256 (apply_deepseek_v4_defaults)', () => {
    const v4 = { ...sglang, modelMaxRunning: { requests: 256, model: 'DeepSeek-V4' } };
    expect(runningBatch(1024, v4)).toEqual({
      offered: 1024,
      batch: 256,
      cap: 256,
      capBy: "SGLang's default for DeepSeek-V4, 256",
    });
    expect(runningBatch(1024, { ...v4, speculative: false }).batch).toBe(256);
    // 256 // 3 = 85 a worker over 3 DP-attention workers: 255 in all
    expect(runningBatch(1024, { ...v4, dp: 3 }).batch).toBe(255);
    // the flag beats the model's default
    expect(runningBatch(1024, { ...v4, maxRunningRequests: 512 })).toMatchObject({
      batch: 512,
      capBy: "SGLang's --max-running-requests, 512",
    });
  });

  it('SGLang without speculation and llama.cpp leave the batch to memory', () => {
    expect(runningBatch(5000, { ...sglang, speculative: false })).toEqual({
      offered: 5000,
      batch: 5000,
      cap: null,
      capBy: null,
    });
    expect(runningBatch(5000, { ...sglang, engine: 'llamacpp' }).batch).toBe(5000);
  });

  it('vLLM and TensorRT-LLM run max_num_seqs / max_batch_size on each replica', () => {
    const vllm = { ...sglang, engine: 'vllm' as const, maxSequences: 1024, dp: 2 };
    expect(runningBatch(3000, vllm)).toEqual({
      offered: 3000,
      batch: 2048,
      cap: 2048,
      capBy: "vLLM's max_num_seqs, 1024 on each of 2 replicas",
    });
    const trt = { ...vllm, engine: 'trtllm' as const, maxSequences: 2048, dp: 1 };
    expect(runningBatch(3000, trt).capBy).toBe("TensorRT-LLM's max_batch_size, 2048");
  });
});

describe('the running batch in the estimate', () => {
  const dsv3 = fixtureSpec('deepseek-v3');
  const h200 = findDevice('h200')!;
  const options = {
    device: h200,
    devices: 8,
    contextTokens: 2048,
    batch: 100,
    weights: 'fp8' as const,
    memory: { engine: 'sglang' as const },
    speculative: { method: 'mtp' as const, draftTokens: 3, acceptance: 0.8 },
  };

  it('decodes the running 48, and quotes its largest batch no higher than the cap', () => {
    const e = estimateServing(dsv3, options);
    const at48 = estimateServing(dsv3, { ...options, batch: 48 });
    expect(e.running).toMatchObject({ offered: 100, batch: 48, cap: 48 });
    expect(e.decode.tokensPerSecond).toBe(at48.decode.tokensPerSecond);
    expect(e.kvBytes).toBe(at48.kvBytes);
    expect(e.maxBatch).toBeGreaterThan(48);
    expect(e.decodeAt.maxBatch!.batch).toBe(48);
  });

  it('--max-running-requests lifts it; it is SGLang’s setting alone', () => {
    const lifted = resolveServing(dsv3, {
      ...options,
      memory: { engine: 'sglang', maxRunningRequests: 100 },
    });
    expect(lifted.batch).toBe(100);
    const vllm = configErrorOf(() =>
      resolveServing(dsv3, { ...options, memory: { engine: 'vllm', maxRunningRequests: 100 } }),
    );
    expect(vllm).toMatchObject({ field: 'max running requests', value: 100 });
    expect(vllm.expected).toBe("SGLang's setting (vLLM's and TensorRT-LLM's is max sequences)");
  });
});

describe('DeepSeek-V4 under SGLang: 256 running unless --max-running-requests says otherwise', () => {
  // SGLang's cookbook (deepseek-v4-benchmarks.jsx): Flash on 4 x B200, DP attention 4, 8k/1k at a
  // client concurrency of 1,024: 3,554.2 output tokens/s x 71.27 ms mean TPOT = 253 running.
  const flash = parseHFConfig(readJson('new-families/deepseek-v4-flash.config.json') as never);
  const options = {
    device: findDevice('b200')!,
    devices: 4,
    tp: 1,
    ep: 4,
    contextTokens: 9216,
    batch: 1024,
    memory: { engine: 'sglang' },
  } as const;

  it('runs 256 of 1,024 offered, 64 on each of 4 DP-attention workers', () => {
    expect(resolveServing(flash, options).running).toEqual({
      offered: 1024,
      batch: 256,
      cap: 256,
      capBy: "SGLang's default for DeepSeek-V4, 256",
    });
  });

  it('keeps it under speculation (set before speculation’s 48), and yields to the flag', () => {
    const spec = { method: 'mtp', draftTokens: 1, acceptance: 0.8 } as const;
    const drafted = resolveServing(flash, { ...options, speculative: spec });
    expect(drafted.running.batch).toBe(256);
    const flagged = resolveServing(flash, {
      ...options,
      memory: { engine: 'sglang', maxRunningRequests: 512 },
    });
    expect(flagged.running.batch).toBe(512);
  });

  it('is SGLang’s alone: vLLM runs max_num_seqs', () => {
    const vllm = resolveServing(flash, { ...options, memory: { engine: 'vllm' } });
    expect(vllm.running.capBy).toMatch(/^vLLM's max_num_seqs/);
  });
});

describe('kvBound: the running batch no larger than the KV cache holds', () => {
  const vllm = { offered: 100, batch: 100, cap: 1024, capBy: "vLLM's max_num_seqs, 1024" };

  it('runs the sequences that fit at the context and names the cache as the cap', () => {
    expect(kvBound(vllm, 'vllm', 16, 32_100)).toEqual({
      offered: 100,
      batch: 16,
      cap: 16,
      capBy: 'the KV cache, which holds 16 sequences of 32,100 tokens',
    });
  });

  it('leaves the batch where the engine’s own cap is lower, none fits, or the engine is llama.cpp', () => {
    expect(kvBound(vllm, 'vllm', 200, 32_100)).toBe(vllm);
    expect(kvBound(vllm, 'vllm', 0, 32_100)).toBe(vllm);
    expect(kvBound(vllm, 'llamacpp', 16, 32_100)).toBe(vllm);
  });

  it('in a benchmark’s run: 100 prompts of 32,000 on DeepSeek-V3.2 and 8 x H200 run 16 at once', () => {
    // 78,324 bytes a token (61 layers x (1,152 latent + 132 indexer key)), MLA's cache whole on
    // every TP rank: the pool holds 532,688 tokens, 16 sequences of 32,100.
    const spec = parseHFConfig(readJson('new-families/deepseek-v3.2.config.json') as never);
    const options = {
      device: findDevice('h200')!,
      devices: 8,
      tp: 8,
      weights: 'fp8',
      contextTokens: 32_100,
      batch: 100,
    } as const;
    const r = resolveServing(spec, options);
    // The estimate keeps the batch asked for, and says it does not fit.
    expect(r.running.batch).toBe(100);
    const e = estimateServing(spec, options);
    expect(e.fits).toBe(false);
    expect([e.maxBatch, e.kvCapacityTokens]).toEqual([16, 532_688]);
    const run = benchmarkRun(r);
    expect(run.running).toMatchObject({ offered: 100, batch: 16, cap: 16 });
    expect(run.batch).toBe(16);
    expect(workloadThroughput(run, 32_000, 100).running.batch).toBe(16);
    const fitting = resolveServing(spec, { ...options, batch: 10 });
    expect(benchmarkRun(fitting)).toBe(fitting);
  });
});
