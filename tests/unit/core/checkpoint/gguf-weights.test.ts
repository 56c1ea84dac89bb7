import { describe, expect, it } from 'vitest';
import { parseGguf } from '../../../../src/lib/core/checkpoint/gguf.ts';
import {
  GGUF_TENSOR_KINDS,
  ggufTensorKind,
  ggufWeights,
} from '../../../../src/lib/core/checkpoint/gguf-weights.ts';
import { buildGguf, gptOss20bLike, meta } from '../../helpers/gguf-builder.ts';

describe('ggufTensorKind', () => {
  it.each([
    ['token_embd.weight', 'embedding'],
    ['output.weight', 'output'],
    ['output_norm.weight', 'norm'],
    ['token_embd_norm.weight', 'norm'],
    ['rope_freqs.weight', 'other'],
    ['blk.0.attn_q.weight', 'attention'],
    ['blk.0.attn_q.bias', 'attention'],
    ['blk.12.attn_kv_a_mqa.weight', 'attention'],
    ['blk.0.attn_sinks.weight', 'attention'],
    ['blk.0.attn_norm.weight', 'norm'],
    ['blk.0.attn_q_a_norm.weight', 'norm'],
    ['blk.0.post_attention_norm.weight', 'norm'],
    ['blk.0.ffn_norm.weight', 'norm'],
    ['blk.0.ffn_gate_inp.weight', 'router'],
    ['blk.0.exp_probs_b.bias', 'router'],
    ['blk.3.ffn_gate_exps.weight', 'experts'],
    ['blk.3.ffn_up_exps.weight', 'experts'],
    ['blk.3.ffn_down_exps.bias', 'experts'],
    ['blk.3.ffn_gate_up_exps.weight', 'experts'],
    ['blk.3.ffn_gate_shexp.weight', 'shared_experts'],
    ['blk.3.ffn_down_shexp.weight', 'shared_experts'],
    ['blk.3.ffn_gate_inp_shexp.weight', 'shared_experts'],
    ['blk.0.ffn_gate.weight', 'ffn'],
    ['blk.0.ffn_down.weight', 'ffn'],
    ['blk.5.ssm_in.weight', 'ssm'],
    ['blk.5.ssm_norm.weight', 'norm'],
    ['blk.61.nextn.eh_proj.weight', 'other'],
  ] as const)('%s is %s', (name, kind) => {
    expect(ggufTensorKind(name)).toBe(kind);
  });
});

describe('ggufWeights of a gpt-oss-20b-like file', () => {
  const built = buildGguf(gptOss20bLike());
  const file = parseGguf(built.bytes, { fileBytes: built.fileBytes, file: 'gpt-oss-20b.gguf' });
  const w = ggufWeights(file);
  const d = 2880;
  const vocab = 201_088;
  const layers = 24;

  it('reads the architecture and the counts', () => {
    expect(w).toMatchObject({
      architecture: 'gpt-oss',
      blockCount: 24,
      embeddingLength: 2880,
      feedForwardLength: 2880,
      expertFeedForwardLength: 2880,
      expertCount: 32,
      expertUsedCount: 4,
      headCount: 64,
      headCountKv: 8,
      contextLength: 131_072,
      expertSharedCount: undefined,
    });
  });

  it('counts 20.91B weights, as OpenAI publishes for gpt-oss-20b', () => {
    // Per layer: q, k, v, o (2880x4096, 2x 2880x512, 4096x2880) and their biases, 64 sinks,
    // 2 norms, router 2880x32 + 32, 3 expert tensors 2880x2880x32 and their biases 2880x32.
    const attention = 2 * d * 4096 + 2 * d * 512 + (4096 + 512 + 512 + d) + 64;
    const experts = 3 * d * d * 32 + 3 * d * 32;
    const perLayer = attention + 2 * d + (d * 32 + 32) + experts;
    expect(perLayer).toBe(823_186_976);
    expect(w.params).toBe(layers * perLayer + 2 * d * vocab + d);
    // gpt-oss model card (OpenAI, Aug 2025), table 1: 20.91B total parameters.
    expect(w.params / 1e9).toBeCloseTo(20.91, 2);
  });

  it('sizes the MXFP4 experts exactly: 90 blocks of 17 bytes per 2880-weight row', () => {
    const mxfp4Tensor = d * 32 * (d / 32) * 17;
    expect(mxfp4Tensor).toBe(141_004_800);
    expect(w.byType.MXFP4).toEqual({
      bytes: 72 * mxfp4Tensor,
      params: 72 * d * d * 32,
      tensors: 72,
    });
    expect(w.byKind.experts.bytes).toBe(72 * mxfp4Tensor + 72 * d * 32 * 4);
    expect(w.byKind.experts.bytes).toBe(10_178_887_680);
  });

  it('adds every tensor once: by type, by kind and by block sum to the total', () => {
    const bf16 = 2 * d * vocab * 2 + layers * (2 * d * 4096 + 2 * d * 512) * 2;
    expect(w.byType.BF16!.bytes).toBe(bf16);
    const sum = (groups: readonly { bytes: number }[]) => groups.reduce((a, g) => a + g.bytes, 0);
    expect(sum(Object.values(w.byType))).toBe(w.bytes);
    expect(sum(Object.values(w.byKind))).toBe(w.bytes);
    expect(Object.keys(w.byKind)).toEqual([...GGUF_TENSOR_KINDS]);
    expect(w.byKind.shared_experts).toEqual({ bytes: 0, params: 0, tensors: 0 });
    expect(w.blocks).toHaveLength(24);
    expect(w.blocks[0]).toEqual({ block: 0, bytes: w.blocks[23]!.bytes, expertBytes: 424_120_320 });
    expect(sum(w.blocks) + w.byKind.embedding.bytes + w.byKind.output.bytes + d * 4).toBe(w.bytes);
  });

  it('the whole file is the header, then each tensor padded to 32 bytes', () => {
    const padded = file.tensors.reduce((a, t) => a + Math.ceil(t.bytes / 32) * 32, 0);
    expect(built.fileBytes).toBe(file.dataOffset + padded);
    expect(file.dataOffset).toBe(built.dataOffset);
  });
});

describe('ggufWeights of other files', () => {
  it('splits a Q4_K_M-like mix by type, and a file without metadata reads as unknown', () => {
    const file = parseGguf(
      buildGguf({
        metadata: [['general.architecture', meta.str('qwen3moe')]],
        tensors: [
          { name: 'blk.0.ffn_gate_exps.weight', dims: [2048, 768, 128], type: 'Q4_K' },
          { name: 'blk.0.ffn_down_exps.weight', dims: [768, 2048, 128], type: 'Q6_K' },
        ],
        data: false,
      }).bytes,
      { fileBytes: Infinity },
    );
    const w = ggufWeights(file);
    expect(w.byType).toEqual({
      Q4_K: { bytes: 768 * 128 * 8 * 144, params: 2048 * 768 * 128, tensors: 1 },
      Q6_K: { bytes: 2048 * 128 * 3 * 210, params: 2048 * 768 * 128, tensors: 1 },
    });
    expect([w.architecture, w.blockCount]).toEqual(['qwen3moe', undefined]);
    expect(ggufWeights({ file: 'x', metadata: new Map(), tensors: [] })).toMatchObject({
      architecture: undefined,
      bytes: 0,
      blocks: [],
    });
  });
});
