/**
 * DeepSeek Sparse Attention (DeepSeek-V3.2, GLM-5): each query's attention reads the indexer's
 * top 2,048 cached tokens, and the indexer scores all of them (transformers
 * models/glm_moe_dsa/modeling_glm_moe_dsa.py `GlmMoeDsaIndexer`). The cache keeps every token.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../../src/cli/run.ts';
import {
  attentionFlopsPerToken,
  decodeAt,
  estimateServing,
  findDevice,
  layerAttentionFlops,
  meanSelectedTokens,
  parseHFConfig,
  prefillPass,
  resolveServing,
  layerReadBytes,
  paddedSparsePrefillHeads,
  sparsePrefillKernelHeads,
  sparseTopK,
  stageKvBytesPerSequence,
} from '../../../../src/lib/core/index.ts';
import { FIXTURES, readJson } from '../../helpers/fixtures.ts';

const config = (name: string) =>
  JSON.parse(readFileSync(join(FIXTURES, 'new-families', name), 'utf8')) as Record<string, unknown>;
const v32 = parseHFConfig(config('deepseek-v3.2.config.json'));
const glm52 = parseHFConfig(config('glm-5.2.config.json'));
const global = { window: { kind: 'global' }, rope: true } as const;

/** 8 x B200, TP 8, BF16 KV: one sequence at `context`. */
const options = (context: number) => ({
  device: findDevice('b200')!,
  devices: 8,
  tp: 8,
  kvDtype: 'bf16' as const,
  contextTokens: context,
  batch: 1,
});
const v32On8 = (context: number) => resolveServing(v32, options(context));

describe('sparseTopK', () => {
  it('is index_topk where the model has the indexer, null for dense attention', () => {
    expect(sparseTopK(v32)).toBe(2048);
    expect(sparseTopK(glm52)).toBe(2048);
    expect(sparseTopK(parseHFConfig(config('glm-4.7.config.json')))).toBeNull();
  });
});

describe('meanSelectedTokens', () => {
  it('is the causal mean below the top-k: (1,000 + 1) / 2 over a prompt of 1,000', () => {
    expect(meanSelectedTokens(1000, 2048)).toBe(500.5);
  });

  it('is (2,048 x 2,049 / 2 + 6,144 x 2,048) / 8,192 = 1,792.125 over a prompt of 8,192', () => {
    expect(meanSelectedTokens(8192, 2048)).toBeCloseTo(1792.125, 9);
  });
});

describe('layerAttentionFlops', () => {
  it('is the MLA core over the top 2,048 and the indexer over all 128,000 tokens (V3.2 decode)', () => {
    // Core, absorbed MLA: 2 x 128 heads x (2 x 512 + 64) per token; indexer 2 x 64 x 128 per token.
    const flops = layerAttentionFlops(v32, global, 128_000, 2048, 'decode');
    expect(flops).toBe(2 * 128 * (2 * 512 + 64) * 2048 + 2 * 64 * 128 * 128_000);
    // Dense: 278,528 x 128,000 = 3.565e10; sparse: 5.70e8 + 2.10e9 = 2.667e9, 13.4x less.
    expect(attentionFlopsPerToken(v32, 128_000, 'decode') / flops).toBeCloseTo(13.36, 2);
  });

  it('splits the core over tensor-parallel ranks but not the indexer, which each rank holds whole', () => {
    const core = 2 * 128 * (2 * 512 + 64) * 2048;
    expect(layerAttentionFlops(v32, global, 128_000, 2048, 'decode', 8)).toBe(
      core / 8 + 2 * 64 * 128 * 128_000,
    );
  });

  it('runs the core in MLA’s MQA mode in prefill too (DeepSeek-V3.2-Exp report, section 2.1)', () => {
    expect(layerAttentionFlops(v32, global, 1000, 1000, 'prefill')).toBe(
      layerAttentionFlops(v32, global, 1000, 1000, 'decode'),
    );
    // Dense MLA prefills in MHA form: 2 x 128 x (128 + 64 + 128) per token.
    const v3 = parseHFConfig(readJson('models/deepseek-v3.json') as Record<string, unknown>);
    expect(layerAttentionFlops(v3, global, 1000, 1000, 'prefill')).toBe(2 * 128 * 320 * 1000);
  });

  it('leaves out the indexer in a GLM-5.2 layer that shares another’s picks', () => {
    const shared = glm52.attentionPattern.find((k) => k.indexer === false)!;
    const own = glm52.attentionPattern.find((k) => k.indexer !== false)!;
    expect(layerAttentionFlops(glm52, shared, 8192, 2048, 'decode')).toBe(
      attentionFlopsPerToken(glm52, 2048, 'decode'),
    );
    expect(layerAttentionFlops(glm52, own, 8192, 2048, 'decode')).toBe(
      attentionFlopsPerToken(glm52, 2048, 'decode') + 2 * 32 * 128 * 8192,
    );
  });
});

describe('layerReadBytes', () => {
  it('reads V3.2’s 1,152-byte latent of 2,048 tokens and the 132-byte indexer key of all 128,000', () => {
    // BF16 latent (512 + 64) x 2 = 1,152 bytes; FP8 indexer key 128 + one FP32 scale = 132.
    expect(layerReadBytes(128_000, 2048, 1152 + 132, 132)).toBe(2048 * 1152 + 128_000 * 132);
  });

  it('is the dense read up to the top-k', () => {
    expect(layerReadBytes(1000, 2048, 1284, 132)).toBe(1000 * 1284);
  });
});

describe('a decode step of V3.2 at 128,000 tokens', () => {
  it('reads 61 layers of the sparse bytes, not the whole cache (8.5x less)', () => {
    const r = v32On8(128_000);
    const d = r.deployment;
    const stage = d.stages[0]!;
    const read = stageKvBytesPerSequence(d, stage, 128_000, 'read', false);
    expect(read).toBe(61 * (2048 * 1152 + 128_000 * 132));
    const stored = stageKvBytesPerSequence(d, stage, 128_000, 'full', false);
    expect(stored).toBe(61 * 128_000 * 1284);
    expect(stored / read).toBeCloseTo(8.54, 2);
    expect(decodeAt(r, 1).decode.kvReadBytes).toBe(read);
  });

  it('holds its pace as the context grows past the top-k, where dense reads would not', () => {
    const at = (context: number) => decodeAt(v32On8(context), 1).decode.seconds;
    // From 8k to 128k the indexer's keys grow 16x, the core's reads not at all.
    expect(at(128_000) / at(8192)).toBeLessThan(1.25);
  });
});

describe('a prefill pass of V3.2', () => {
  it('counts the core over the mean of min(position, 2,048), not the causal mean of 4,096.5', () => {
    const a = v32.attention;
    if (a.kind !== 'mla' || !a.indexer) throw new Error('V3.2 has the indexer');
    const dense = { ...v32, attention: { ...a, indexer: { ...a.indexer, topK: 1e9 } } };
    const flops = (spec: typeof v32) => {
      const r = resolveServing(spec, { ...options(8192), batch: 1 });
      return prefillPass(r.deployment, 8192, 8192, r.efficiency, r.routing).flops;
    };
    // The core per token a layer in MLA's MQA mode (DSA's, in prefill as in decode): 2 x 128
    // heads x (2 x 512 + 64) per token read; split 8 ways, 16 heads a rank, which vLLM's sparse
    // kernel on a B200 computes as 128: 8 times the rank's own.
    const saved = ((8192 * 61 * 2 * 128 * (2 * 512 + 64) * (4096.5 - 1792.125)) / 8) * 8;
    expect((flops(dense) - flops(v32)) / saved).toBeCloseTo(1, 9);
  });

  it('costs the core of 64 heads a rank on an H200 under vLLM, of 16 under TensorRT-LLM', () => {
    const flops = (engine: 'vllm' | 'trtllm') => {
      const r = resolveServing(v32, {
        ...options(8192),
        device: findDevice('h200')!,
        memory: { engine },
      });
      return prefillPass(r.deployment, 8192, 8192, r.efficiency, r.routing).flops;
    };
    // 61 layers x 8,192 tokens x the rank's core over their mean 1,792.125 picks, 16 heads of
    // 128 (TP 8), three times over: the 48 padded heads FlashMLA computes beside them.
    const core = (2 * 128 * (2 * 512 + 64) * 1792.125) / 8;
    expect((flops('vllm') - flops('trtllm')) / (61 * 8192 * core * 3)).toBeCloseTo(1, 9);
  });
});

describe('paddedSparsePrefillHeads', () => {
  it('gives the kernel’s heads and the rank’s where the kernel computes more, else null', () => {
    expect(paddedSparsePrefillHeads(v32, 8, 'h200', 'vllm')).toEqual({ kernel: 64, rank: 16 });
    expect(paddedSparsePrefillHeads(glm52, 1, 'b200', 'sglang')).toEqual({ kernel: 128, rank: 64 });
    expect(paddedSparsePrefillHeads(v32, 1, 'h200', 'vllm')).toBeNull();
    expect(paddedSparsePrefillHeads(v32, 8, 'h200', 'trtllm')).toBeNull();
    const glm47 = parseHFConfig(config('glm-4.7.config.json'));
    expect(paddedSparsePrefillHeads(glm47, 8, 'h200', 'vllm')).toBeNull();
  });

  it('is what a prefill estimate reports, under its name in serve --json', () => {
    const r = resolveServing(v32, { ...options(8192), device: findDevice('h200')! });
    expect(
      estimateServing(v32, { ...options(8192), device: findDevice('h200')! }).prefill.sparseHeads,
    ).toEqual({
      kernel: 64,
      rank: 16,
    });
    expect(r.deployment.layout.tp).toBe(8);
  });
});

describe('sparsePrefillKernelHeads', () => {
  it('is 64 on Hopper and 128 on Blackwell under vLLM and SGLang, FlashMLA’s head multiples', () => {
    expect(sparsePrefillKernelHeads('h200', 'vllm')).toBe(64);
    expect(sparsePrefillKernelHeads('h20', 'sglang')).toBe(64);
    expect(sparsePrefillKernelHeads('b200', 'sglang')).toBe(128);
    expect(sparsePrefillKernelHeads('gb300', 'vllm')).toBe(128);
  });

  it('is 0 (no padding) under TensorRT-LLM, on AMD, TPUs, Ampere and the RTX PRO 6000', () => {
    expect(sparsePrefillKernelHeads('b200', 'trtllm')).toBe(0);
    for (const id of ['mi355x', 'tpu-v6e', 'a100-80gb', 'rtx-pro-6000-server'])
      expect(sparsePrefillKernelHeads(id, 'vllm')).toBe(0);
  });

  it('pads only a rank that holds fewer heads: V3.2’s 128 unsplit need none, 16 a rank four times', () => {
    const core = 2 * 128 * (2 * 512 + 64) * 2048;
    expect(layerAttentionFlops(v32, global, 0, 2048, 'prefill', 1, 64)).toBe(core);
    expect(layerAttentionFlops(v32, global, 0, 2048, 'prefill', 8, 64)).toBe((core / 8) * 4);
    // GLM-5.2's 64 heads unsplit on a B200: the kernel's 128, twice over.
    expect(layerAttentionFlops(glm52, global, 0, 2048, 'prefill', 1, 128)).toBe(
      2 * attentionFlopsPerToken(glm52, 2048, 'decode'),
    );
  });
});

describe('DeepSeek-V3.2 at 128,000 tokens against vLLM PR #34265', () => {
  it('gives the printed whole-run 69.24 tok/s within 10%; the dense read gave 0.84', () => {
    const { cases } = readJson('issue13-pending-cases.json') as {
      cases: { id: string; model: string; cli: string[] }[];
    };
    const c = cases.find(
      (x) => x.id === 'b24-vllmpr34265-dsv32nvfp4-b200x4-tp4-128000in4096out-c1',
    )!;
    const out = JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout);
    expect(Math.abs(out.workload.outputTokensPerSecond / 69.24 - 1)).toBeLessThan(0.1);
  });
});
