import { describe, expect, it } from 'vitest';
import {
  decodeRunsEager,
  decodeStep,
  findDevice,
  findPreset,
  parseHFConfig,
  prefillRunsEager,
  presetSpec,
  resolveServing,
  SGLANG_EAGER_KERNEL_SECONDS,
  SGLANG_MLA_PIECEWISE_TOKENS,
  sglangPiecewisePrefill,
  stageEagerSeconds,
  type ModelSpec,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { readJson } from '../../helpers/fixtures.ts';

const b200 = findDevice('b200')!;
const h200 = findDevice('h200')!;

/** SGLang on 8 devices at tensor parallelism 8, at a release, on B200 unless given. */
function sglang8(spec: ModelSpec, extra: Partial<ServingOptions> = {}) {
  return resolveServing(spec, {
    device: b200,
    devices: 8,
    tp: 8,
    contextTokens: 1024,
    batch: 1,
    memory: { engine: 'sglang' },
    ...extra,
  });
}

/** The kernels of a model's whole stack, as an eager pass counts them (at 1 ms a kernel). */
function kernels(spec: ModelSpec): number {
  const r = sglang8(spec, { efficiency: { eagerKernelSeconds: 1e-3 } });
  return Math.round(
    stageEagerSeconds(r.deployment, r.deployment.stages[0]!, r.efficiency, 1) * 1e3,
  );
}

const preset = (id: string) => presetSpec(findPreset(id)!);
const qwen3Next = parseHFConfig(
  readJson('new-families/qwen3-next-80b-a3b-instruct.config.json') as Record<string, unknown>,
);

describe('SGLANG_EAGER_KERNEL_SECONDS', () => {
  it('counts the kernels of the stacks its sources measured (kernels.ts, by hand)', () => {
    // The newest SGLang on 8 x B200 (sglang-fusions.ts): DeepSeek-V3's 58 MoE layers of 22 less
    // its fused shared expert (3) and norms (2), 3 dense of 15 less 2; Qwen3-235B-A22B 94 of 14
    // less 2; gpt-oss-120b 36 of 13 less 2; Qwen3-Next-80B-A3B, none fused: 36 Gated DeltaNet
    // layers of 7 + 11 and 12 attention layers of 6 + 11
    expect(kernels(preset('deepseek-v3'))).toBe(58 * 17 + 3 * 13);
    expect(kernels(preset('qwen3-235b-a22b'))).toBe(94 * 12);
    expect(kernels(preset('gpt-oss-120b'))).toBe(36 * 11);
    expect(kernels(qwen3Next)).toBe(36 * 18 + 12 * 17);
  });

  it('lies within what the measured passes give a kernel (eager.ts)', () => {
    const path = 10e-3; // the rest of a request's path to its first token, as eager.ts takes it
    // each over the kernels of its release (sglang-fusions.ts)
    const perKernel = [
      82.64e-3 / 1147, // SGLang PR #12160 (0.5.4): DeepSeek-V3, shared expert fused, no GPU named
      82.64e-3 / 1025, // the same on SM100, its all-reduce fused too
      (153.0e-3 - path) / 1025, // cookbook 0.5.6, 8 x B200: DeepSeek-R1 FP8, 610 tokens
      (99.03e-3 - path) / 1316, // Qwen3-235B-A22B (its all-reduce fused from 0.5.7)
      (33.71e-3 - path) / 396, // gpt-oss-120b, 332 tokens (all-reduce fused on SM100 from 0.5.0)
      (127.88e-3 - path) / 852, // Qwen3-Next-80B-A3B, 338 tokens
    ];
    expect(perKernel.map((s) => Math.round(s * 1e6))).toEqual([72, 81, 140, 68, 60, 138]);
    expect(SGLANG_EAGER_KERNEL_SECONDS).toBeGreaterThan(Math.min(...perKernel));
    expect(SGLANG_EAGER_KERNEL_SECONDS).toBeLessThan(Math.max(...perKernel));
  });
});

describe('decodeRunsEager', () => {
  it('runs a decode batch eagerly past SGLang’s CUDA-graph batch (cuda_graph_max_bs)', () => {
    // engines.ts: 512 on B200
    const d = sglang8(preset('deepseek-v3')).deployment;
    expect(d.memory.maxSequences).toBe(512);
    expect(decodeRunsEager(d, 512)).toBe(false);
    expect(decodeRunsEager(d, 513)).toBe(true);
  });

  it('past vLLM’s capture size, min(2 x max_num_seqs, 512), at no host time (no source gives one)', () => {
    const r = resolveServing(preset('deepseek-v3'), {
      device: b200,
      devices: 8,
      tp: 8,
      contextTokens: 1024,
      batch: 1,
    });
    expect(r.deployment.memory.cudaGraphMaxBatch).toBe(512);
    expect(decodeRunsEager(r.deployment, 512)).toBe(false);
    expect(decodeRunsEager(r.deployment, 513)).toBe(true);
    expect(r.efficiency.eagerKernelSeconds).toBe(0);
    expect(decodeStep(r.deployment, 300, 1000, r.efficiency, r.routing).launchSeconds).toBe(0);
  });

  it('past TensorRT-LLM’s CUDA-graph batch, 128 unless cuda_graph_config sets it, at SGLang’s 80 us a kernel', () => {
    const trtllm = (memory: Partial<ServingOptions['memory']> = {}) =>
      resolveServing(preset('deepseek-v3'), {
        device: b200,
        devices: 8,
        tp: 8,
        contextTokens: 1024,
        batch: 1,
        memory: { engine: 'trtllm', ...memory },
      });
    const r = trtllm();
    expect(r.deployment.memory.cudaGraphMaxBatch).toBe(128);
    expect(decodeRunsEager(r.deployment, 128)).toBe(false);
    expect(decodeRunsEager(r.deployment, 129)).toBe(true);
    expect(r.efficiency.eagerKernelSeconds).toBe(SGLANG_EAGER_KERNEL_SECONDS);
    // DeepSeek-V3's 1,321 kernels at 80 us: 105.68 ms, unless graphs cover the batch
    const step = (memory: Partial<ServingOptions['memory']>, batch: number) => {
      const t = trtllm(memory);
      return decodeStep(t.deployment, 300, batch, t.efficiency, t.routing).launchSeconds;
    };
    expect(step({}, 384)).toBeCloseTo(1321 * 80e-6, 12);
    expect(step({ cudaGraphMaxBatch: 384 }, 384)).toBe(0);
  });

  it('takes TensorRT-LLM’s per-kernel host time from its tech blog 3 within 3%: 22% on an 84 ms step', () => {
    // DeepSeek-R1 FP4 on 8 x B200, 384 sequences a rank, 4,548.01 output tokens/s a GPU
    // (more-serving-cases.json trtllm-r1-8xb200-maxtput-bf16kv): CUDA graphs "a significant 22%"
    const measuredStep = 384 / 4548.0105;
    const perKernel = (1.22 * measuredStep) / 1321;
    expect(perKernel * 1e6).toBeCloseTo(78, 0);
    expect(Math.abs(perKernel / SGLANG_EAGER_KERNEL_SECONDS - 1)).toBeLessThan(0.03);
  });

  it('makes a step past it last its kernels at 80 us each when the devices finish sooner', () => {
    // GLM-4.6 FP8 on 8 x H200 (cuda_graph_max_bs 512) at 1,000 sequences: 89 MoE layers of
    // 6 + 11 and 3 dense of 6 + 4 (q/k norm), 1,543 kernels: 123.4 ms
    const glm = parseHFConfig(
      readJson('new-families/glm-4.7.config.json') as Record<string, unknown>,
    );
    const r = sglang8(glm, { device: h200, weights: 'fp8', batch: 1000 });
    const step = decodeStep(r.deployment, 300, 1000, r.efficiency, r.routing);
    expect(step.launchSeconds).toBeCloseTo(kernels(glm) * SGLANG_EAGER_KERNEL_SECONDS, 12);
    expect(step.stepSeconds).toBe(step.launchSeconds);
    expect(step.bound).toBe('host');
    const graphed = decodeStep(r.deployment, 300, 512, r.efficiency, r.routing);
    expect(graphed.launchSeconds).toBe(0);
  });
});

describe('prefillRunsEager', () => {
  it('prefills eagerly where piecewise graphs are off (SGLang before 0.5.10)', () => {
    const d = sglang8(preset('gpt-oss-120b'), {
      memory: { engine: 'sglang', piecewisePrefill: false },
    }).deployment;
    expect(prefillRunsEager(d, 1)).toBe(true);
  });

  it('covers a pass up to the chunked prefill size with them, 2,048 tokens for MLA', () => {
    const gpt = sglang8(preset('gpt-oss-120b')).deployment;
    expect(gpt.memory.piecewisePrefill).toBe(true);
    expect(prefillRunsEager(gpt, gpt.memory.maxBatchedTokens)).toBe(false);
    expect(prefillRunsEager(gpt, gpt.memory.maxBatchedTokens + 1)).toBe(true);
    const ds = sglang8(preset('deepseek-v3')).deployment;
    expect(prefillRunsEager(ds, SGLANG_MLA_PIECEWISE_TOKENS)).toBe(false);
    expect(prefillRunsEager(ds, SGLANG_MLA_PIECEWISE_TOKENS + 1)).toBe(true);
  });

  it('never under vLLM, TensorRT-LLM or llama.cpp', () => {
    for (const engine of ['vllm', 'trtllm'] as const) {
      const d = sglang8(preset('gpt-oss-120b'), { memory: { engine } }).deployment;
      expect(prefillRunsEager(d, 100_000)).toBe(false);
    }
  });
});

describe('sglangPiecewisePrefill', () => {
  it('is on for tensor (and expert) parallelism on NVIDIA devices', () => {
    expect(sglangPiecewisePrefill(h200, { tp: 8, pp: 1, dp: 1, ep: 1 })).toBe(true);
    expect(sglangPiecewisePrefill(h200, { tp: 8, pp: 1, dp: 1, ep: 8 })).toBe(true);
  });

  it('is off under DP attention, pipeline parallelism, and on AMD devices', () => {
    // server_args.py _handle_piecewise_cuda_graph
    expect(sglangPiecewisePrefill(h200, { tp: 1, pp: 1, dp: 8, ep: 8 })).toBe(false);
    expect(sglangPiecewisePrefill(h200, { tp: 4, pp: 2, dp: 1, ep: 1 })).toBe(false);
    expect(sglangPiecewisePrefill(findDevice('mi300x')!, { tp: 8, pp: 1, dp: 1, ep: 1 })).toBe(
      false,
    );
  });

  it('is what resolveServing gives SGLang on the layout', () => {
    const dp = sglang8(preset('deepseek-v3'), { tp: 1, ep: 8 });
    expect(dp.deployment.layout.dp).toBe(8);
    expect(dp.deployment.memory.piecewisePrefill).toBe(false);
  });
});
