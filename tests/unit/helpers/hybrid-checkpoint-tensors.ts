/**
 * Tensor lists of hybrid linear-attention checkpoints, as the Hub stores them: Qwen3-Next-80B-A3B
 * (Gated DeltaNet + gated attention, `mtp.*`) and Kimi-Linear-48B-A3B (KDA + MLA). Names, shapes
 * and dtypes follow the model-inspector listings quoted in docs/research/families/qwen3_next.md
 * and kimi_linear.md (section 2). Built by hand from those tables, not from the count, so a test
 * of one against the other can fail.
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';

type Make = (name: string, ...shape: number[]) => TensorEntry;

const bf16: Make = (name, ...shape) => ({ name, dtype: 'BF16', shape });
const f32: Make = (name, ...shape) => ({ name, dtype: 'F32', shape });

/** Qwen3-Next-80B-A3B's sizes (tests/fixtures/new-families/qwen3-next-80b-a3b-instruct.config.json). */
export const QWEN3_NEXT_80B = {
  vocab: 151_936,
  hidden: 2048,
  layers: 48,
  fullInterval: 4,
  heads: 16,
  kvHeads: 2,
  headDim: 256,
  keyHeads: 16,
  valueHeads: 32,
  keyHeadDim: 128,
  valueHeadDim: 128,
  convKernel: 4,
  experts: 512,
  expertWidth: 512,
  sharedWidth: 512,
};

export type Qwen3NextShape = typeof QWEN3_NEXT_80B;

/** Qwen3NextAttention: q_proj doubled for the output gate, q/k norms of head_dim. */
export function gatedAttention(p: string, s: Qwen3NextShape): TensorEntry[] {
  const a = `${p}.self_attn`;
  return [
    bf16(`${a}.q_proj.weight`, 2 * s.heads * s.headDim, s.hidden),
    bf16(`${a}.k_proj.weight`, s.kvHeads * s.headDim, s.hidden),
    bf16(`${a}.v_proj.weight`, s.kvHeads * s.headDim, s.hidden),
    bf16(`${a}.o_proj.weight`, s.hidden, s.heads * s.headDim),
    bf16(`${a}.q_norm.weight`, s.headDim),
    bf16(`${a}.k_norm.weight`, s.headDim),
  ];
}

/** Qwen3NextGatedDeltaNet. */
function gatedDeltaNet(p: string, s: Qwen3NextShape): TensorEntry[] {
  const a = `${p}.linear_attn`;
  const key = s.keyHeads * s.keyHeadDim;
  const value = s.valueHeads * s.valueHeadDim;
  return [
    bf16(`${a}.in_proj_qkvz.weight`, 2 * key + 2 * value, s.hidden),
    bf16(`${a}.in_proj_ba.weight`, 2 * s.valueHeads, s.hidden),
    bf16(`${a}.conv1d.weight`, 2 * key + value, 1, s.convKernel),
    bf16(`${a}.dt_bias`, s.valueHeads),
    bf16(`${a}.A_log`, s.valueHeads),
    bf16(`${a}.norm.weight`, s.valueHeadDim),
    bf16(`${a}.out_proj.weight`, s.hidden, value),
  ];
}

/** Qwen2MoeSparseMoeBlock as stored: one tensor per expert projection, a gated shared expert. */
export function qwenMoe(p: string, s: Qwen3NextShape): TensorEntry[] {
  const m = `${p}.mlp`;
  const out = [bf16(`${m}.gate.weight`, s.experts, s.hidden)];
  for (let e = 0; e < s.experts; e++) {
    out.push(
      bf16(`${m}.experts.${e}.gate_proj.weight`, s.expertWidth, s.hidden),
      bf16(`${m}.experts.${e}.up_proj.weight`, s.expertWidth, s.hidden),
      bf16(`${m}.experts.${e}.down_proj.weight`, s.hidden, s.expertWidth),
    );
  }
  out.push(
    bf16(`${m}.shared_expert.gate_proj.weight`, s.sharedWidth, s.hidden),
    bf16(`${m}.shared_expert.up_proj.weight`, s.sharedWidth, s.hidden),
    bf16(`${m}.shared_expert.down_proj.weight`, s.hidden, s.sharedWidth),
    bf16(`${m}.shared_expert_gate.weight`, 1, s.hidden),
  );
  return out;
}

export function norms(p: string, hidden: number): TensorEntry[] {
  return [
    bf16(`${p}.input_layernorm.weight`, hidden),
    bf16(`${p}.post_attention_layernorm.weight`, hidden),
  ];
}

/**
 * Every tensor of a Qwen3-Next checkpoint, all BF16: the decoder, then the MTP module
 * (`mtp.fc`, `mtp.pre_fc_norm_embedding`, `mtp.pre_fc_norm_hidden`, `mtp.layers.0` a
 * full-attention MoE layer, `mtp.norm`) that Qwen/Qwen3-Next-80B-A3B-Instruct stores.
 */
export function qwen3NextTensors(s: Qwen3NextShape, withMtp = true): TensorEntry[] {
  const out = [bf16('model.embed_tokens.weight', s.vocab, s.hidden)];
  for (let i = 0; i < s.layers; i++) {
    const p = `model.layers.${i}`;
    const full = (i + 1) % s.fullInterval === 0;
    out.push(...(full ? gatedAttention(p, s) : gatedDeltaNet(p, s)));
    out.push(...qwenMoe(p, s), ...norms(p, s.hidden));
  }
  out.push(bf16('model.norm.weight', s.hidden), bf16('lm_head.weight', s.vocab, s.hidden));
  if (!withMtp) return out;
  out.push(...qwenMtp(s));
  return out;
}

/** The MTP module Qwen3-Next and Qwen3.5 store beside the decoder: one gated-attention MoE layer. */
export function qwenMtp(s: Qwen3NextShape): TensorEntry[] {
  return [
    bf16('mtp.fc.weight', s.hidden, 2 * s.hidden),
    bf16('mtp.pre_fc_norm_embedding.weight', s.hidden),
    bf16('mtp.pre_fc_norm_hidden.weight', s.hidden),
    ...gatedAttention('mtp.layers.0', s),
    ...qwenMoe('mtp.layers.0', s),
    ...norms('mtp.layers.0', s.hidden),
    bf16('mtp.norm.weight', s.hidden),
  ];
}

/** Kimi-Linear-48B-A3B's sizes (tests/fixtures/new-families/kimi-linear-48b-a3b-instruct.config.json). */
export const KIMI_LINEAR_48B = {
  vocab: 163_840,
  hidden: 2304,
  layers: 27,
  /** 0-indexed MLA layers: linear_attn_config.full_attn_layers minus one. */
  mlaLayers: [3, 7, 11, 15, 19, 23, 26],
  denseLayers: 1,
  intermediate: 9216,
  kdaHeads: 32,
  kdaHeadDim: 128,
  convKernel: 4,
  heads: 32,
  kvLoraRank: 512,
  nope: 128,
  rope: 64,
  vHeadDim: 128,
  experts: 256,
  expertWidth: 1024,
  sharedWidth: 1024,
};

export type KimiLinearShape = typeof KIMI_LINEAR_48B;

/** KimiDeltaAttention: A_log [1, 1, heads, 1] and dt_bias in F32, the rest BF16. */
function kda(p: string, s: KimiLinearShape): TensorEntry[] {
  const a = `${p}.self_attn`;
  const width = s.kdaHeads * s.kdaHeadDim;
  return [
    ...['q', 'k', 'v'].flatMap((x) => [
      bf16(`${a}.${x}_proj.weight`, width, s.hidden),
      bf16(`${a}.${x}_conv1d.weight`, width, 1, s.convKernel),
    ]),
    bf16(`${a}.f_a_proj.weight`, s.kdaHeadDim, s.hidden),
    bf16(`${a}.f_b_proj.weight`, width, s.kdaHeadDim),
    f32(`${a}.dt_bias`, width),
    f32(`${a}.A_log`, 1, 1, s.kdaHeads, 1),
    bf16(`${a}.b_proj.weight`, s.kdaHeads, s.hidden),
    bf16(`${a}.g_a_proj.weight`, s.kdaHeadDim, s.hidden),
    bf16(`${a}.g_b_proj.weight`, width, s.kdaHeadDim),
    bf16(`${a}.o_norm.weight`, s.kdaHeadDim),
    bf16(`${a}.o_proj.weight`, s.hidden, width),
  ];
}

/** KimiMLAAttention: q_proj directly (q_lora_rank null), the rope slice kept, unrotated. */
function mla(p: string, s: KimiLinearShape): TensorEntry[] {
  const a = `${p}.self_attn`;
  return [
    bf16(`${a}.q_proj.weight`, s.heads * (s.nope + s.rope), s.hidden),
    bf16(`${a}.kv_a_proj_with_mqa.weight`, s.kvLoraRank + s.rope, s.hidden),
    bf16(`${a}.kv_a_layernorm.weight`, s.kvLoraRank),
    bf16(`${a}.kv_b_proj.weight`, s.heads * (s.nope + s.vHeadDim), s.kvLoraRank),
    bf16(`${a}.o_proj.weight`, s.hidden, s.heads * s.vHeadDim),
  ];
}

/** KimiSparseMoeBlock: experts w1/w3 [I, H], w2 [H, I]; e_score_correction_bias in BF16. */
function kimiMoe(p: string, s: KimiLinearShape): TensorEntry[] {
  const m = `${p}.block_sparse_moe`;
  const out = [
    bf16(`${m}.gate.weight`, s.experts, s.hidden),
    bf16(`${m}.gate.e_score_correction_bias`, s.experts),
  ];
  for (let e = 0; e < s.experts; e++) {
    out.push(
      bf16(`${m}.experts.${e}.w1.weight`, s.expertWidth, s.hidden),
      bf16(`${m}.experts.${e}.w2.weight`, s.hidden, s.expertWidth),
      bf16(`${m}.experts.${e}.w3.weight`, s.expertWidth, s.hidden),
    );
  }
  out.push(
    bf16(`${m}.shared_experts.gate_proj.weight`, s.sharedWidth, s.hidden),
    bf16(`${m}.shared_experts.up_proj.weight`, s.sharedWidth, s.hidden),
    bf16(`${m}.shared_experts.down_proj.weight`, s.hidden, s.sharedWidth),
  );
  return out;
}

/** Every tensor of a Kimi-Linear checkpoint (no MTP: num_nextn_predict_layers 0). */
export function kimiLinearTensors(s: KimiLinearShape): TensorEntry[] {
  const out = [bf16('model.embed_tokens.weight', s.vocab, s.hidden)];
  for (let i = 0; i < s.layers; i++) {
    const p = `model.layers.${i}`;
    out.push(...(s.mlaLayers.includes(i) ? mla(p, s) : kda(p, s)));
    if (i < s.denseLayers) {
      out.push(
        bf16(`${p}.mlp.gate_proj.weight`, s.intermediate, s.hidden),
        bf16(`${p}.mlp.up_proj.weight`, s.intermediate, s.hidden),
        bf16(`${p}.mlp.down_proj.weight`, s.hidden, s.intermediate),
      );
    } else out.push(...kimiMoe(p, s));
    out.push(...norms(p, s.hidden));
  }
  out.push(bf16('model.norm.weight', s.hidden), bf16('lm_head.weight', s.vocab, s.hidden));
  return out;
}
