/**
 * The tensor list of Qwen3.5-35B-A3B's checkpoint as the Hub stores it: the text model under
 * `model.language_model.*` (Gated DeltaNet with four input projections, gated attention, the
 * routed experts fused into two 3-D tensors per layer), the vision tower under `model.visual.*`,
 * `lm_head`, and the MTP module under `mtp.*` (its experts one tensor per projection). Names,
 * shapes and dtypes follow the model-inspector listing of the real 14 shards (1,811 tensors,
 * "参数总量: 35,951,822,704") quoted in docs/research/families/qwen3_5_moe.md §2. Built by hand
 * from that listing, not from the count, so a test of one against the other can fail.
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';
import { gatedAttention, norms, qwenMoe, qwenMtp } from './hybrid-checkpoint-tensors.ts';

type Make = (name: string, ...shape: number[]) => TensorEntry;

const bf16: Make = (name, ...shape) => ({ name, dtype: 'BF16', shape });
const f32: Make = (name, ...shape) => ({ name, dtype: 'F32', shape });

/** Qwen3.5-35B-A3B's sizes (tests/fixtures/new-families/qwen3.6-35b-a3b.config.json). */
const S = {
  vocab: 248_320,
  hidden: 2048,
  layers: 40,
  fullInterval: 4,
  heads: 16,
  kvHeads: 2,
  headDim: 256,
  keyHeads: 16,
  valueHeads: 32,
  keyHeadDim: 128,
  valueHeadDim: 128,
  convKernel: 4,
  experts: 256,
  expertWidth: 512,
  sharedWidth: 512,
};
const VISION = {
  depth: 27,
  hidden: 1152,
  mlp: 4304,
  positions: 2304,
  patch: 16,
  temporal: 2,
  merge: 2,
};

/** Qwen3_5MoeGatedDeltaNet: in_proj_qkv [8192, 2048], in_proj_z [4096, 2048], b and a [32, 2048]. */
function gatedDeltaNet(p: string): TensorEntry[] {
  const a = `${p}.linear_attn`;
  const key = S.keyHeads * S.keyHeadDim;
  const value = S.valueHeads * S.valueHeadDim;
  return [
    bf16(`${a}.in_proj_qkv.weight`, 2 * key + value, S.hidden),
    bf16(`${a}.in_proj_z.weight`, value, S.hidden),
    bf16(`${a}.in_proj_b.weight`, S.valueHeads, S.hidden),
    bf16(`${a}.in_proj_a.weight`, S.valueHeads, S.hidden),
    bf16(`${a}.conv1d.weight`, 2 * key + value, 1, S.convKernel),
    bf16(`${a}.dt_bias`, S.valueHeads),
    f32(`${a}.A_log`, S.valueHeads),
    f32(`${a}.norm.weight`, S.valueHeadDim),
    bf16(`${a}.out_proj.weight`, S.hidden, value),
  ];
}

/**
 * The decoder's MoE block: Qwen3-Next's, with the experts fused into [E, 2I, H] and [E, H, I]
 * (the MTP layer keeps Qwen3-Next's per-expert tensors: qwenMtp).
 */
function fusedMoe(p: string): TensorEntry[] {
  const block = qwenMoe(p, S);
  const m = `${p}.mlp`;
  return [
    ...block.filter((t) => !/\.experts\.\d+\./.test(t.name)),
    bf16(`${m}.experts.gate_up_proj`, S.experts, 2 * S.expertWidth, S.hidden),
    bf16(`${m}.experts.down_proj`, S.experts, S.hidden, S.expertWidth),
  ];
}

/** Linear(i, o) with bias, as the vision tower stores it. */
const linear = (p: string, o: number, i: number) => [
  bf16(`${p}.weight`, o, i),
  bf16(`${p}.bias`, o),
];
const layerNorm = (p: string, d: number) => [bf16(`${p}.weight`, d), bf16(`${p}.bias`, d)];

function visual(): TensorEntry[] {
  const v = VISION;
  const d = v.hidden;
  const m = d * v.merge ** 2;
  const out = [
    bf16('model.visual.patch_embed.proj.weight', d, 3, v.temporal, v.patch, v.patch),
    bf16('model.visual.patch_embed.proj.bias', d),
    bf16('model.visual.pos_embed.weight', v.positions, d),
  ];
  for (let i = 0; i < v.depth; i++) {
    const b = `model.visual.blocks.${i}`;
    out.push(
      ...layerNorm(`${b}.norm1`, d),
      ...layerNorm(`${b}.norm2`, d),
      ...linear(`${b}.attn.qkv`, 3 * d, d),
      ...linear(`${b}.attn.proj`, d, d),
      ...linear(`${b}.mlp.linear_fc1`, v.mlp, d),
      ...linear(`${b}.mlp.linear_fc2`, d, v.mlp),
    );
  }
  out.push(
    ...layerNorm('model.visual.merger.norm', d),
    ...linear('model.visual.merger.linear_fc1', m, m),
    ...linear('model.visual.merger.linear_fc2', S.hidden, m),
  );
  return out;
}

/** Every tensor of Qwen3.5-35B-A3B's checkpoint: 1,811, as the listing counts them. */
export function qwen35Tensors(): TensorEntry[] {
  const t = 'model.language_model';
  const out = [bf16(`${t}.embed_tokens.weight`, S.vocab, S.hidden)];
  for (let i = 0; i < S.layers; i++) {
    const p = `${t}.layers.${i}`;
    out.push(...((i + 1) % 4 === 0 ? gatedAttention(p, S) : gatedDeltaNet(p)));
    out.push(...fusedMoe(p), ...norms(p, S.hidden));
  }
  out.push(bf16(`${t}.norm.weight`, S.hidden), bf16('lm_head.weight', S.vocab, S.hidden));
  out.push(...visual());
  out.push(...qwenMtp(S));
  return out;
}
