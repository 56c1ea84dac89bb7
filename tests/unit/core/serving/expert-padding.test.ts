import { describe, expect, it } from 'vitest';
import {
  estimateServing,
  findDevice,
  parseHFConfig,
  resolveServing,
} from '../../../../src/lib/core/index.ts';
import type { EngineId } from '../../../../src/lib/core/serving/engines.ts';
import { expertKernel, expertPadding } from '../../../../src/lib/core/serving/expert-padding.ts';
import type { WeightFormatId } from '../../../../src/lib/core/serving/weight-formats.ts';
import { fixtureConfig, moreModelConfig } from '../../helpers/fixtures.ts';

const device = (id: string) => findDevice(id)!;
const GiB = 2 ** 30;
// gpt-oss's experts: hidden 2,880, intermediate 2,880 (config.json)
const gptOss = { hidden: 2880, intermediate: 2880, shards: 1 };

describe('expertKernel: the MoE kernel vLLM runs MXFP4 experts with (quantization/mxfp4.py)', () => {
  it.each<[EngineId, string, WeightFormatId, string]>([
    ['vllm', 'h100-sxm', 'mxfp4', 'marlin'], // no native FP4 on Hopper
    ['vllm', 'a100-80gb', 'mxfp4', 'marlin'], // Ampere: Marlin only
    ['vllm', 'rtx-pro-6000-server', 'mxfp4', 'marlin'], // SM120 is outside FlashInfer's SM100 path
    ['vllm', 'b200', 'mxfp4', 'flashinfer'],
    ['vllm', 'gb300', 'mxfp4', 'flashinfer'],
    ['vllm', 'mi300x', 'mxfp4', 'rocm-triton'],
    ['vllm', 'tpu-v6e', 'mxfp4', 'none'],
    ['vllm', 'h100-sxm', 'nvfp4', 'none'], // only MXFP4's padding is sourced
    ['sglang', 'h100-sxm', 'mxfp4', 'none'],
    ['llamacpp', 'h100-sxm', 'mxfp4', 'none'],
  ])('expertKernel(%s, %s, %s) is %s', (engine, id, format, kernel) => {
    expect(expertKernel(engine, device(id), format)).toBe(kernel);
  });
});

describe('expertPadding: stored over checkpoint bytes of an expert', () => {
  it.each<[string, { hidden: number; intermediate: number; shards: number }, number]>([
    // Marlin: intermediate to a multiple of 128, hidden of 256: (2,944 x 3,072) / 2,880^2
    ['h100-sxm', gptOss, (2944 * 3072) / (2880 * 2880)],
    // TP2 splits the intermediate size: 1,440 -> 1,536
    ['a100-80gb', { ...gptOss, shards: 2 }, (1536 * 3072) / (1440 * 2880)],
    // FlashInfer on B200: both to 256
    ['b200', gptOss, (3072 * 3072) / (2880 * 2880)],
    // ROCm: 128 on MI300X (gfx942), 256 on MI355X (gfx950)
    ['mi300x', gptOss, (2944 * 2944) / (2880 * 2880)],
    ['mi355x', gptOss, (3072 * 3072) / (2880 * 2880)],
    // already aligned: nothing to pad (Qwen3-30B-A3B's 2,048 x 768 on Marlin)
    ['h100-sxm', { hidden: 2048, intermediate: 768, shards: 1 }, 1],
  ])('on %s with %o: %f', (id, dims, factor) => {
    expect(expertPadding('vllm', device(id), 'mxfp4', dims)).toBeCloseTo(factor, 12);
  });

  it('is 1 for an engine or format that does not pad, and for degenerate sizes', () => {
    expect(expertPadding('sglang', device('h100-sxm'), 'mxfp4', gptOss)).toBe(1);
    expect(expertPadding('vllm', device('h100-sxm'), 'bf16', gptOss)).toBe(1);
    expect(expertPadding('vllm', device('h100-sxm'), 'mxfp4', { ...gptOss, hidden: 0 })).toBe(1);
  });
});

describe('the padded experts in a deployment', () => {
  const place = (config: Record<string, unknown>, gpu: string, engine: EngineId) =>
    resolveServing(parseHFConfig(config), {
      device: device(gpu),
      devices: 1,
      contextTokens: 4096,
      batch: 1,
      weights: 'bf16',
      expertWeights: 'mxfp4',
      memory: { engine },
    }).deployment;

  it.each([
    // vllm#23278 (v0.10.1, H100, Marlin): "Model loading took 65.9651 GiB"
    ['gpt-oss-120b', moreModelConfig('gpt-oss-120b'), 'h100-sxm', 65.9651],
    // myoceane.fr A100 log (v0.19.0, Marlin): "Model loading took 13.72 GiB"
    ['gpt-oss-20b', fixtureConfig('gpt-oss-20b'), 'a100-80gb', 13.72],
  ])(
    '%s on %s under vLLM holds what vLLM printed it loaded, within 0.5%',
    (_, config, gpu, gib) => {
      const d = place(config, gpu, 'vllm');
      expect(d.expertPadding).toBeGreaterThan(1);
      expect(d.stages[0]!.weightsBytes / GiB / gib).toBeGreaterThan(0.995);
      expect(d.stages[0]!.weightsBytes / GiB / gib).toBeLessThan(1.005);
    },
  );

  it('llama.cpp keeps the checkpoint as it is, and reads less per step than vLLM', () => {
    const vllm = place(moreModelConfig('gpt-oss-120b'), 'h100-sxm', 'vllm');
    const llama = place(moreModelConfig('gpt-oss-120b'), 'h100-sxm', 'llamacpp');
    expect(llama.expertPadding).toBe(1);
    expect(vllm.stages[0]!.weightsBytes).toBeGreaterThan(llama.stages[0]!.weightsBytes * 1.08);
  });
});

describe('the estimate reports the padding', () => {
  it('gpt-oss-120b on one H100 under vLLM: 1.0904, and the padded experts are in totalBytes', () => {
    const e = estimateServing(parseHFConfig(moreModelConfig('gpt-oss-120b')), {
      device: device('h100-sxm'),
      devices: 1,
      contextTokens: 8192,
      batch: 1,
      weights: 'bf16',
      expertWeights: 'mxfp4',
    });
    expect(e.expertPadding).toBeCloseTo((2944 * 3072) / (2880 * 2880), 12);
    // one device: what it holds is everything
    expect(e.totalBytes).toBeCloseTo(e.perDevice.totalBytes, -3);
    expect(e.weightsBytes).toBeLessThan(e.perDevice.weightsBytes);
  });
});
