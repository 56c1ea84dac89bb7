/**
 * DeepSeek-V4's checkpoint tensor list, built for the tests from the official inference code's
 * modules (DeepSeek-V4-Flash @60d8d707 `inference/model.py`: `Block`, `Attention`, `Compressor`,
 * `Indexer`, `Gate`, `MoE`, `MTPBlock`, `Transformer`; docs/research/families/deepseek_v4.md
 * section 2) with the storage the published file lists show: FP8 weights with a UE8M0 scale per
 * 128 x 128 block, routed experts as FP4 pairs in I8 with a UE8M0 scale per 32 values, FP32
 * hyper-connections, sinks, position biases and router biases, I64 hash tables, the rest BF16.
 * Written by hand from those modules, not from the count, so a test of one against the other can
 * fail.
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';

/** The config.json fields the tensor list needs. */
export interface V4Shape {
  vocab_size: number;
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  head_dim: number;
  q_lora_rank: number;
  o_groups: number;
  o_lora_rank: number;
  index_n_heads: number;
  index_head_dim: number;
  n_routed_experts: number;
  num_experts_per_tok: number;
  moe_intermediate_size: number;
  hc_mult: number;
  num_hash_layers: number;
  num_nextn_predict_layers: number;
  compress_ratios: number[];
}

/** Bytes of one element of each stored dtype. */
export const DTYPE_BYTES: Record<string, number> = {
  BF16: 2,
  F32: 4,
  F8_E4M3: 1,
  F8_E8M0: 1,
  I8: 1,
  I64: 8,
};

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/** The tensors of a DeepSeek-V4 checkpoint of shape `c`, main model then MTP modules. */
export function deepseekV4Tensors(c: V4Shape): TensorEntry[] {
  const out: TensorEntry[] = [];
  const add = (name: string, dtype: string, shape: number[]) => out.push({ name, dtype, shape });
  const fp8 = (name: string, rows: number, cols: number) => {
    add(`${name}.weight`, 'F8_E4M3', [rows, cols]);
    add(`${name}.scale`, 'F8_E8M0', [ceilDiv(rows, 128), ceilDiv(cols, 128)]);
  };
  const fp4 = (name: string, rows: number, cols: number) => {
    add(`${name}.weight`, 'I8', [rows, cols / 2]);
    add(`${name}.scale`, 'F8_E8M0', [rows, cols / 32]);
  };
  const D = c.hidden_size;
  const hc = c.hc_mult;
  const mix = (2 + hc) * hc;
  const hcHead = (p: string) => {
    add(`${p}hc_head_fn`, 'F32', [hc, hc * D]);
    add(`${p}hc_head_base`, 'F32', [hc]);
    add(`${p}hc_head_scale`, 'F32', [1]);
  };
  const block = (p: string, ratio: number, hash: boolean) => {
    for (const part of ['attn', 'ffn']) {
      add(`${p}.hc_${part}_fn`, 'F32', [mix, hc * D]);
      add(`${p}.hc_${part}_base`, 'F32', [mix]);
      add(`${p}.hc_${part}_scale`, 'F32', [3]);
    }
    add(`${p}.attn_norm.weight`, 'BF16', [D]);
    add(`${p}.ffn_norm.weight`, 'BF16', [D]);
    const H = c.num_attention_heads;
    const hd = c.head_dim;
    const qr = c.q_lora_rank;
    add(`${p}.attn.attn_sink`, 'F32', [H]);
    fp8(`${p}.attn.wq_a`, qr, D);
    add(`${p}.attn.q_norm.weight`, 'BF16', [qr]);
    fp8(`${p}.attn.wq_b`, H * hd, qr);
    fp8(`${p}.attn.wkv`, hd, D);
    add(`${p}.attn.kv_norm.weight`, 'BF16', [hd]);
    fp8(`${p}.attn.wo_a`, c.o_groups * c.o_lora_rank, (H * hd) / c.o_groups);
    fp8(`${p}.attn.wo_b`, D, c.o_groups * c.o_lora_rank);
    if (ratio > 0) {
      const overlap = ratio === 4 ? 2 : 1;
      add(`${p}.attn.compressor.ape`, 'F32', [ratio, overlap * hd]);
      add(`${p}.attn.compressor.wkv.weight`, 'BF16', [overlap * hd, D]);
      add(`${p}.attn.compressor.wgate.weight`, 'BF16', [overlap * hd, D]);
      add(`${p}.attn.compressor.norm.weight`, 'BF16', [hd]);
    }
    if (ratio === 4) {
      const dI = c.index_head_dim;
      fp8(`${p}.attn.indexer.wq_b`, c.index_n_heads * dI, qr);
      add(`${p}.attn.indexer.weights_proj.weight`, 'BF16', [c.index_n_heads, D]);
      add(`${p}.attn.indexer.compressor.ape`, 'F32', [ratio, 2 * dI]);
      add(`${p}.attn.indexer.compressor.wkv.weight`, 'BF16', [2 * dI, D]);
      add(`${p}.attn.indexer.compressor.wgate.weight`, 'BF16', [2 * dI, D]);
      add(`${p}.attn.indexer.compressor.norm.weight`, 'BF16', [dI]);
    }
    const E = c.n_routed_experts;
    const I = c.moe_intermediate_size;
    add(`${p}.ffn.gate.weight`, 'BF16', [E, D]);
    if (hash) add(`${p}.ffn.gate.tid2eid`, 'I64', [c.vocab_size, c.num_experts_per_tok]);
    else add(`${p}.ffn.gate.bias`, 'F32', [E]);
    for (let e = 0; e < E; e++) {
      fp4(`${p}.ffn.experts.${e}.w1`, I, D);
      fp4(`${p}.ffn.experts.${e}.w3`, I, D);
      fp4(`${p}.ffn.experts.${e}.w2`, D, I);
    }
    fp8(`${p}.ffn.shared_experts.w1`, I, D);
    fp8(`${p}.ffn.shared_experts.w3`, I, D);
    fp8(`${p}.ffn.shared_experts.w2`, D, I);
  };
  const L = c.num_hidden_layers;
  add('embed.weight', 'BF16', [c.vocab_size, D]);
  add('head.weight', 'BF16', [c.vocab_size, D]);
  add('norm.weight', 'BF16', [D]);
  hcHead('');
  for (let i = 0; i < L; i++) block(`layers.${i}`, c.compress_ratios[i]!, i < c.num_hash_layers);
  for (let j = 0; j < c.num_nextn_predict_layers; j++) {
    const p = `mtp.${j}`;
    block(p, c.compress_ratios[L + j] ?? 0, false);
    fp8(`${p}.e_proj`, D, D);
    fp8(`${p}.h_proj`, D, D);
    for (const norm of ['enorm', 'hnorm', 'norm']) add(`${p}.${norm}.weight`, 'BF16', [D]);
    hcHead(`${p}.`);
  }
  return out;
}

/** Tensors, elements and bytes of a list, by dtype and in all. */
export function storedTotals(tensors: readonly TensorEntry[]) {
  const byDtype: Record<string, { tensors: number; elements: number }> = {};
  let elements = 0;
  let bytes = 0;
  for (const t of tensors) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    const d = (byDtype[t.dtype] ??= { tensors: 0, elements: 0 });
    d.tensors++;
    d.elements += n;
    elements += n;
    bytes += n * DTYPE_BYTES[t.dtype]!;
  }
  return { tensors: tensors.length, elements, bytes, byDtype };
}
