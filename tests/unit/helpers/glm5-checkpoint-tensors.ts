/**
 * The tensor list of zai-org/GLM-5.2's BF16 checkpoint as the Hub stores it (59,585 tensors,
 * `total_size` 1,506,659,919,872 at b4734de4): MLA on every layer, the lightning indexer on the
 * 21 "full" layers of `indexer_types` and on the MTP layer 78, layers 0-2 dense, 3-77 MoE with
 * one tensor per expert projection, `e_score_correction_bias` in FP32, and layer 78's eh_proj,
 * enorm, hnorm and shared_head.norm (no embedding or head copies). Names and shapes follow
 * docs/research/families/glm_moe_dsa.md §2; built by hand from it, not from the count.
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';

const bf16 = (name: string, ...shape: number[]): TensorEntry => ({ name, dtype: 'BF16', shape });
const f32 = (name: string, ...shape: number[]): TensorEntry => ({ name, dtype: 'F32', shape });

const H = 6144;
const S = {
  vocab: 154_880,
  layers: 78,
  heads: 64,
  qLora: 2048,
  kvLora: 512,
  nope: 192,
  rope: 64,
  v: 256,
  indexHeads: 32,
  indexDim: 128,
  dense: 12_288,
  experts: 256,
  expert: 2048,
};

/** GLM-5.2's `indexer_types`: "full" on layers 0, 1, 2 and every 4th from 6. */
export const GLM52_INDEXER_LAYERS = [0, 1, 2, ...Array.from({ length: 18 }, (_, k) => 6 + 4 * k)];

function attention(p: string, indexer: boolean): TensorEntry[] {
  const a = `${p}.self_attn`;
  const out = [
    bf16(`${a}.q_a_proj.weight`, S.qLora, H),
    bf16(`${a}.q_a_layernorm.weight`, S.qLora),
    bf16(`${a}.q_b_proj.weight`, S.heads * (S.nope + S.rope), S.qLora),
    bf16(`${a}.kv_a_proj_with_mqa.weight`, S.kvLora + S.rope, H),
    bf16(`${a}.kv_a_layernorm.weight`, S.kvLora),
    bf16(`${a}.kv_b_proj.weight`, S.heads * (S.nope + S.v), S.kvLora),
    bf16(`${a}.o_proj.weight`, H, S.heads * S.v),
  ];
  if (indexer)
    out.push(
      bf16(`${a}.indexer.wq_b.weight`, S.indexHeads * S.indexDim, S.qLora),
      bf16(`${a}.indexer.wk.weight`, S.indexDim, H),
      bf16(`${a}.indexer.k_norm.weight`, S.indexDim),
      bf16(`${a}.indexer.k_norm.bias`, S.indexDim),
      bf16(`${a}.indexer.weights_proj.weight`, S.indexHeads, H),
    );
  return out;
}

const mlp = (p: string, width: number) => [
  bf16(`${p}.gate_proj.weight`, width, H),
  bf16(`${p}.up_proj.weight`, width, H),
  bf16(`${p}.down_proj.weight`, H, width),
];

function moe(p: string): TensorEntry[] {
  const out = [
    bf16(`${p}.mlp.gate.weight`, S.experts, H),
    f32(`${p}.mlp.gate.e_score_correction_bias`, S.experts),
  ];
  for (let e = 0; e < S.experts; e++) out.push(...mlp(`${p}.mlp.experts.${e}`, S.expert));
  out.push(...mlp(`${p}.mlp.shared_experts`, S.expert));
  return out;
}

function layer(i: number, indexer: boolean): TensorEntry[] {
  const p = `model.layers.${i}`;
  return [
    ...attention(p, indexer),
    bf16(`${p}.input_layernorm.weight`, H),
    bf16(`${p}.post_attention_layernorm.weight`, H),
    ...(i < 3 ? mlp(`${p}.mlp`, S.dense) : moe(p)),
  ];
}

/** Every tensor of zai-org/GLM-5.2 (BF16): 59,585. */
export function glm52Tensors(): TensorEntry[] {
  const full = new Set(GLM52_INDEXER_LAYERS);
  const out = [bf16('model.embed_tokens.weight', S.vocab, H)];
  for (let i = 0; i < S.layers; i++) out.push(...layer(i, full.has(i)));
  out.push(bf16('model.norm.weight', H), bf16('lm_head.weight', S.vocab, H));
  const m = `model.layers.${S.layers}`;
  out.push(
    ...layer(S.layers, true),
    bf16(`${m}.eh_proj.weight`, H, 2 * H),
    bf16(`${m}.enorm.weight`, H),
    bf16(`${m}.hnorm.weight`, H),
    bf16(`${m}.shared_head.norm.weight`, H),
  );
  return out;
}
