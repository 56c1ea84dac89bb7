/**
 * Tensor lists of two hybrid checkpoints as Hugging Face stores them, built by hand from the
 * modeling files' `named_parameters` (not from the count, so a test of one against the other can
 * fail): Granite 4.0-H (models/granitemoehybrid, models/bamba `BambaMixer`; tensor table in
 * docs/research/families/granitemoehybrid.md §2) and MiniMax-M1 (MiniMax-AI/MiniMax-M1
 * `modeling_minimax_m1.py` and its `model.safetensors.index.json`; docs/research/families/minimax.md §2).
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';

export interface GraniteHybridShape {
  vocab: number;
  hidden: number;
  /** 'mamba' or 'attention', one per layer. */
  layerTypes: readonly string[];
  heads: number;
  kvHeads: number;
  mambaHeads: number;
  mambaHeadDim: number;
  mambaGroups: number;
  mambaState: number;
  mambaConv: number;
  /** Routed experts (0: dense) of `expertWidth`; the shared MLP is `sharedWidth` wide. */
  experts: number;
  expertWidth: number;
  sharedWidth: number;
}

const bf16 = (name: string, ...shape: number[]): TensorEntry => ({ name, dtype: 'BF16', shape });

/**
 * Every tensor of a Granite 4.0-H checkpoint, in BF16 (the published checkpoints are BF16:
 * Tiny's 12.93 GiB of safetensors is its 6,939,037,248 parameters x 2 bytes). The lm_head is
 * tied to the embedding and not stored.
 */
export function graniteHybridTensors(s: GraniteHybridShape): TensorEntry[] {
  const out = [bf16('model.embed_tokens.weight', s.vocab, s.hidden)];
  s.layerTypes.forEach((type, i) => {
    const p = `model.layers.${i}`;
    out.push(
      bf16(`${p}.input_layernorm.weight`, s.hidden),
      bf16(`${p}.post_attention_layernorm.weight`, s.hidden),
      ...(type === 'mamba' ? mambaTensors(s, `${p}.mamba`) : attentionTensors(s, `${p}.self_attn`)),
      bf16(`${p}.shared_mlp.input_linear.weight`, 2 * s.sharedWidth, s.hidden),
      bf16(`${p}.shared_mlp.output_linear.weight`, s.hidden, s.sharedWidth),
    );
    if (s.experts > 0) {
      const m = `${p}.block_sparse_moe`;
      out.push(
        bf16(`${m}.router.layer.weight`, s.experts, s.hidden),
        bf16(`${m}.input_linear.weight`, s.experts, 2 * s.expertWidth, s.hidden),
        bf16(`${m}.output_linear.weight`, s.experts, s.hidden, s.expertWidth),
      );
    }
  });
  out.push(bf16('model.norm.weight', s.hidden));
  return out;
}

/** `BambaMixer`: d = heads x head_dim, conv over x, B and C. */
function mambaTensors(s: GraniteHybridShape, p: string): TensorEntry[] {
  const d = s.mambaHeads * s.mambaHeadDim;
  const conv = d + 2 * s.mambaGroups * s.mambaState;
  return [
    bf16(`${p}.in_proj.weight`, d + conv + s.mambaHeads, s.hidden),
    bf16(`${p}.conv1d.weight`, conv, 1, s.mambaConv),
    bf16(`${p}.conv1d.bias`, conv),
    bf16(`${p}.dt_bias`, s.mambaHeads),
    bf16(`${p}.A_log`, s.mambaHeads),
    bf16(`${p}.D`, s.mambaHeads),
    bf16(`${p}.norm.weight`, d),
    bf16(`${p}.out_proj.weight`, s.hidden, d),
  ];
}

/** `GraniteMoeSharedAttention`: head_dim = hidden / heads, no bias. */
function attentionTensors(s: GraniteHybridShape, p: string): TensorEntry[] {
  const hd = s.hidden / s.heads;
  return [
    bf16(`${p}.q_proj.weight`, s.heads * hd, s.hidden),
    bf16(`${p}.k_proj.weight`, s.kvHeads * hd, s.hidden),
    bf16(`${p}.v_proj.weight`, s.kvHeads * hd, s.hidden),
    bf16(`${p}.o_proj.weight`, s.hidden, s.heads * hd),
  ];
}

export interface MinimaxShape {
  vocab: number;
  hidden: number;
  /** `attn_type_list`: 0 lightning, 1 softmax, one per layer. */
  attnTypes: readonly number[];
  heads: number;
  kvHeads: number;
  headDim: number;
  experts: number;
  expertWidth: number;
}

/**
 * Every tensor of a MiniMax-M1 checkpoint: the names of its `model.safetensors.index.json`
 * (8,243 tensors), BF16 except the routers' `block_sparse_moe.gate.weight`, stored in F32 (the
 * index's total_size, 912,210,767,872 bytes, is 2 bytes per parameter plus 2 more per gate
 * element; minimax.md §4).
 */
export function minimaxTensors(s: MinimaxShape): TensorEntry[] {
  const p = s.heads * s.headDim;
  const out = [bf16('model.embed_tokens.weight', s.vocab, s.hidden)];
  s.attnTypes.forEach((type, i) => {
    const a = `model.layers.${i}.self_attn`;
    const m = `model.layers.${i}.block_sparse_moe`;
    out.push(
      bf16(`model.layers.${i}.input_layernorm.weight`, s.hidden),
      bf16(`model.layers.${i}.post_attention_layernorm.weight`, s.hidden),
      ...(type === 0
        ? [
            bf16(`${a}.qkv_proj.weight`, 3 * p, s.hidden),
            bf16(`${a}.output_gate.weight`, p, s.hidden),
            bf16(`${a}.norm.weight`, p),
            bf16(`${a}.out_proj.weight`, s.hidden, p),
          ]
        : [
            bf16(`${a}.q_proj.weight`, p, s.hidden),
            bf16(`${a}.k_proj.weight`, s.kvHeads * s.headDim, s.hidden),
            bf16(`${a}.v_proj.weight`, s.kvHeads * s.headDim, s.hidden),
            bf16(`${a}.o_proj.weight`, s.hidden, p),
          ]),
      { name: `${m}.gate.weight`, dtype: 'F32', shape: [s.experts, s.hidden] },
    );
    for (let e = 0; e < s.experts; e++) {
      out.push(
        bf16(`${m}.experts.${e}.w1.weight`, s.expertWidth, s.hidden),
        bf16(`${m}.experts.${e}.w2.weight`, s.hidden, s.expertWidth),
        bf16(`${m}.experts.${e}.w3.weight`, s.expertWidth, s.hidden),
      );
    }
  });
  out.push(bf16('model.norm.weight', s.hidden), bf16('lm_head.weight', s.vocab, s.hidden));
  return out;
}

/** Bytes of a tensor list's data (4 per F32 element, 2 per other). */
export function storedBytes(tensors: readonly TensorEntry[]): number {
  let bytes = 0;
  for (const t of tensors)
    bytes += t.shape.reduce((a, b) => a * b, 1) * (t.dtype === 'F32' ? 4 : 2);
  return bytes;
}
