/**
 * LongCat-Flash for the tests: a config.json built from the documented config-class defaults, and
 * the checkpoint's tensor list built from the research doc's tensor table
 * (docs/research/families/longcat_flash.md section 2), by hand from the modeling file, not from
 * the count, so a test of one against the other can fail.
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';

/**
 * LongCat-Flash-Chat's config.json as far as it is known. No copy of the real file was found
 * (longcat_flash.md section 4): these are the defaults of transformers' `LongcatFlashConfig`
 * (configuration_longcat_flash.py, commit 008e5743: "defaults ... chosen to match
 * LongCat-Flash-Chat"), plus the keys quoted from a real config (`num_layers`, `moe_topk`,
 * `n_routed_experts`, `zero_expert_num`, `zero_expert_type`, `expert_ffn_hidden_size`) and those
 * seen in test configs (`ffn_hidden_size`, `attention_method`, `mla_scale_*`). Meituan's remote
 * config leaves `num_hidden_layers` unset (None).
 */
export const LONGCAT_FLASH_CHAT: Record<string, unknown> = {
  architectures: ['LongcatFlashForCausalLM'],
  model_type: 'longcat_flash',
  vocab_size: 131072,
  hidden_size: 6144,
  num_layers: 28,
  num_hidden_layers: null,
  num_attention_heads: 64,
  ffn_hidden_size: 12288,
  q_lora_rank: 1536,
  kv_lora_rank: 512,
  qk_nope_head_dim: 128,
  qk_rope_head_dim: 64,
  v_head_dim: 128,
  head_dim: 64,
  attention_method: 'MLA',
  mla_scale_q_lora: 2,
  mla_scale_kv_lora: 3.4641016151377544,
  moe_topk: 12,
  n_routed_experts: 512,
  zero_expert_num: 256,
  zero_expert_type: 'identity',
  expert_ffn_hidden_size: 2048,
  routed_scaling_factor: 6.0,
  attention_bias: false,
  tie_word_embeddings: false,
  max_position_embeddings: 131072,
  rope_theta: 10000000.0,
  rms_norm_eps: 1e-5,
  torch_dtype: 'bfloat16',
};

/** The sizes the tensor list needs, named as in config.json. */
export interface LongcatShape {
  vocab_size: number;
  hidden_size: number;
  num_layers: number;
  num_attention_heads: number;
  ffn_hidden_size: number;
  q_lora_rank: number;
  kv_lora_rank: number;
  qk_nope_head_dim: number;
  qk_rope_head_dim: number;
  v_head_dim: number;
  n_routed_experts: number;
  zero_expert_num: number;
  expert_ffn_hidden_size: number;
}

/** The sizes of a LongCat config (its keys as LongcatShape). */
export function longcatShape(config: Record<string, unknown>): LongcatShape {
  return config as unknown as LongcatShape;
}

/**
 * Every tensor of a LongCat-Flash checkpoint (BF16; the router's classifier in F32, as
 * `_keep_in_fp32_modules = ["classifier.weight"]`, and its correction bias in F32), one
 * `model.layers.{i}` per logical layer, experts stored one by one (`mlp.experts.{e}.*`).
 */
export function longcatTensors(s: LongcatShape): TensorEntry[] {
  const h = s.hidden_size;
  const t = (name: string, dtype: string, ...shape: number[]): TensorEntry => ({
    name,
    dtype,
    shape,
  });
  const slots = s.n_routed_experts + s.zero_expert_num;
  const out = [t('model.embed_tokens.weight', 'BF16', s.vocab_size, h)];
  for (let i = 0; i < s.num_layers; i++) {
    const p = `model.layers.${i}`;
    for (const j of [0, 1]) {
      out.push(
        t(`${p}.input_layernorm.${j}.weight`, 'BF16', h),
        t(`${p}.post_attention_layernorm.${j}.weight`, 'BF16', h),
        ...mlaTensors(`${p}.self_attn.${j}`, s),
        ...mlpTensors(`${p}.mlps.${j}`, h, s.ffn_hidden_size),
      );
    }
    out.push(
      t(`${p}.mlp.router.classifier.weight`, 'F32', slots, h),
      t(`${p}.mlp.router.e_score_correction_bias`, 'F32', slots),
    );
    for (let e = 0; e < s.n_routed_experts; e++)
      out.push(...mlpTensors(`${p}.mlp.experts.${e}`, h, s.expert_ffn_hidden_size));
  }
  out.push(t('model.norm.weight', 'BF16', h), t('lm_head.weight', 'BF16', s.vocab_size, h));
  return out;
}

/** One MLA sublayer (`LongcatFlashMLA`, q-LoRA, no biases). */
function mlaTensors(p: string, s: LongcatShape): TensorEntry[] {
  const h = s.hidden_size;
  const n = s.num_attention_heads;
  const qk = s.qk_nope_head_dim + s.qk_rope_head_dim;
  return [
    { name: `${p}.q_a_proj.weight`, dtype: 'BF16', shape: [s.q_lora_rank, h] },
    { name: `${p}.q_a_layernorm.weight`, dtype: 'BF16', shape: [s.q_lora_rank] },
    { name: `${p}.q_b_proj.weight`, dtype: 'BF16', shape: [n * qk, s.q_lora_rank] },
    {
      name: `${p}.kv_a_proj_with_mqa.weight`,
      dtype: 'BF16',
      shape: [s.kv_lora_rank + s.qk_rope_head_dim, h],
    },
    { name: `${p}.kv_a_layernorm.weight`, dtype: 'BF16', shape: [s.kv_lora_rank] },
    {
      name: `${p}.kv_b_proj.weight`,
      dtype: 'BF16',
      shape: [n * (s.qk_nope_head_dim + s.v_head_dim), s.kv_lora_rank],
    },
    { name: `${p}.o_proj.weight`, dtype: 'BF16', shape: [h, n * s.v_head_dim] },
  ];
}

/** A SwiGLU MLP without biases: gate_proj, up_proj [width, h], down_proj [h, width]. */
function mlpTensors(p: string, h: number, width: number): TensorEntry[] {
  return [
    { name: `${p}.gate_proj.weight`, dtype: 'BF16', shape: [width, h] },
    { name: `${p}.up_proj.weight`, dtype: 'BF16', shape: [width, h] },
    { name: `${p}.down_proj.weight`, dtype: 'BF16', shape: [h, width] },
  ];
}
