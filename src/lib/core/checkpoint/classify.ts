/**
 * Which part of the model a checkpoint tensor belongs to, from its name, in the components the
 * count reports (params/count.ts ParamBreakdown), or as a stored extra that is not a parameter
 * of inference. The names follow the Hugging Face checkpoints of the supported families (the
 * `named_parameters` of each modeling file, e.g. models/deepseek_v3/modeling_deepseek_v3.py
 * `model.layers.{i}.mlp.experts.{e}.gate_proj.weight`).
 *
 * Hybrid checkpoints: a Mamba mixer is the layer's token mixer, counted with attention (Jamba's
 * and Granite-4.0-H's `mamba.*`). Nemotron-H's Hub checkpoints name every block's module
 * `backbone.layers.{i}.mixer`, whatever it is (remote-code modeling_nemotron_h.py
 * `NemotronHBlock`); the name still tells the kind: only the MLP block has `mixer.up_proj` /
 * `mixer.down_proj` directly (the MoE block's are under `experts.` / `shared_experts.`, the Mamba
 * block has in_proj / out_proj, attention q/k/v/o_proj), so no rule needs the layer's kind.
 */
import type { ParamComponent } from '../params/count.ts';

/**
 * What a stored tensor is when it is not a parameter of inference:
 * - `scale`: quantization scales and zero points (FP8 `weight_scale_inv`, MXFP4 `_scales`);
 * - `buffer`: saved buffers (`rotary_emb.inv_freq`);
 * - `mtp`: multi-token-prediction layers (DeepSeek-V3 report, section 2.2), counted apart.
 */
export type StoredExtra = 'scale' | 'buffer' | 'mtp';

export type TensorKind = { component: ParamComponent } | { extra: StoredExtra };

/** [pattern, kind], first match wins; names are matched whole, prefixes ("model.") included. */
const RULES: readonly [RegExp, TensorKind][] = [
  // DeepSeek-V4's hyper-connections (hc_attn_scale is a parameter, not a quantization scale),
  // but an MTP module's (mtp.0.hc_head_fn) are the module's.
  [/(^|\.)mtp\.\d+\.hc_\w+$/, { extra: 'mtp' }],
  [/(^|\.)hc_(attn|ffn|head)_(fn|base|scale)$/, { component: 'hyperConnections' }],
  [
    /(\.scale|_scale_inv|_scale|_scales|\.qzeros|\.g_idx|\.absmax|\.quant_map)$/,
    { extra: 'scale' },
  ],
  // DeepSeek-V4's token-to-expert table of its hash-routed layers: stored, not a parameter.
  [/\.inv_freq$|\.tid2eid$/, { extra: 'buffer' }],
  [/(^|\.)(mtp|nextn)\./, { extra: 'mtp' }],
  [
    /(^|\.)(vision_model|vision_tower|visual|multi_modal_projector|mm_projector)\./,
    {
      component: 'vision',
    },
  ],
  [
    /(^|\.)(embed_tokens|wte|word_embeddings|tok_embeddings|embeddings|embed)\.weight$/,
    {
      component: 'embedding',
    },
  ],
  [/(^|\.)(lm_head|output|head)\.(weight|bias)$/, { component: 'lmHead' }],
  [/\.shared_experts?(_gate)?\.|\.shared_mlp\./, { component: 'sharedExperts' }],
  // GraniteMoe's experts are two fused 3-D tensors (models/granitemoe `GraniteMoeParallelExperts`).
  [/\.experts\.|\.block_sparse_moe\.(input|output)_linear\./, { component: 'routedExperts' }],
  [
    /\.(gate|router|router\.layer|router\.classifier)\.(weight|bias|e_score_correction_bias)$/,
    {
      component: 'router',
    },
  ],
  [/\.(e_score_correction_bias|moe_statics\.\w+)$/, { component: 'router' }],
  // Nemotron-H's MLP block (models/nemotron_h `NemotronHMLP` as the block's `mixer`).
  [/\.mixer\.(up_proj|down_proj)\.(weight|bias)$/, { component: 'denseFfn' }],
  [/\.(self_attn|attn|attention|linear_attn|mixer|mamba)\./, { component: 'attention' }],
  // LongCat-Flash numbers its two norms and two MLPs per layer: `input_layernorm.0`, `mlps.1`.
  [/norm[\w]*\.(\d+\.)?(weight|bias)$|\.ln_\w+\.(weight|bias)$/, { component: 'norms' }],
  [/\.(mlp|mlps\.\d+|feed_forward|ffn)\./, { component: 'denseFfn' }],
];

const LAYER = /(?:^|\.)layers\.(\d+)\./;

/**
 * The kind of a tensor of a checkpoint whose decoder has `layers` layers: a layer index at or
 * past it is an MTP layer (DeepSeek-V3 and GLM store theirs as `model.layers.{61}`); null when
 * the name matches no rule.
 *
 * @example tensorKind('model.layers.3.mlp.experts.7.down_proj.weight', 61) // { component: 'routedExperts' }
 * @example tensorKind('model.layers.61.eh_proj.weight', 61) // { extra: 'mtp' }
 */
export function tensorKind(name: string, layers: number): TensorKind | null {
  const layer = LAYER.exec(name);
  if (layer && Number(layer[1]) >= layers && !/(vision|visual)/.test(name)) return { extra: 'mtp' };
  for (const [pattern, kind] of RULES) if (pattern.test(name)) return kind;
  return null;
}

/**
 * Parameters a stored tensor holds: its elements, twice for MXFP4 blocks (two 4-bit values
 * per byte: gpt-oss `*_blocks`, U8; models/gpt_oss/convert_gpt_oss_weights_to_hf.py), and
 * twice for a checkpoint whose config says its I8 tensors pack two FP4 values a byte (`packedI8`:
 * DeepSeek-V4's `expert_dtype` "fp4", e2m1 pairs in I8; an INT8 checkpoint's I8 is one value).
 */
export function storedParameters(
  name: string,
  dtype: string,
  elements: number,
  packedI8 = false,
): number {
  const packed = (dtype === 'U8' && name.endsWith('_blocks')) || (packedI8 && dtype === 'I8');
  return packed ? 2 * elements : elements;
}
