/**
 * Tensor lists as Hugging Face checkpoints store them, built from a config: the names and shapes
 * of models/mixtral/modeling_mixtral.py (`named_parameters` of MixtralForCausalLM), for the
 * checkpoint tests and the loopback Hub's safetensors headers. Built by hand from the modeling
 * file, not from the count, so a test of one against the other can fail.
 */
import type { TensorEntry } from '../../../src/lib/core/checkpoint/safetensors.ts';

export interface MixtralShape {
  vocab: number;
  hidden: number;
  intermediate: number;
  layers: number;
  heads: number;
  kvHeads: number;
  experts: number;
}

/** Mixtral-8x7B's sizes (tests/fixtures/models/mixtral-8x7b.json). */
export const MIXTRAL_8X7B: MixtralShape = {
  vocab: 32000,
  hidden: 4096,
  intermediate: 14336,
  layers: 32,
  heads: 32,
  kvHeads: 8,
  experts: 8,
};

/** Every tensor of a Mixtral checkpoint, in BF16. */
export function mixtralTensors(s: MixtralShape): TensorEntry[] {
  const hd = s.hidden / s.heads;
  const t = (name: string, ...shape: number[]): TensorEntry => ({ name, dtype: 'BF16', shape });
  const out = [t('model.embed_tokens.weight', s.vocab, s.hidden)];
  for (let i = 0; i < s.layers; i++) {
    const p = `model.layers.${i}`;
    out.push(
      t(`${p}.self_attn.q_proj.weight`, s.heads * hd, s.hidden),
      t(`${p}.self_attn.k_proj.weight`, s.kvHeads * hd, s.hidden),
      t(`${p}.self_attn.v_proj.weight`, s.kvHeads * hd, s.hidden),
      t(`${p}.self_attn.o_proj.weight`, s.hidden, s.heads * hd),
      t(`${p}.block_sparse_moe.gate.weight`, s.experts, s.hidden),
      t(`${p}.input_layernorm.weight`, s.hidden),
      t(`${p}.post_attention_layernorm.weight`, s.hidden),
    );
    for (let e = 0; e < s.experts; e++) {
      const x = `${p}.block_sparse_moe.experts.${e}`;
      out.push(
        t(`${x}.w1.weight`, s.intermediate, s.hidden),
        t(`${x}.w2.weight`, s.hidden, s.intermediate),
        t(`${x}.w3.weight`, s.intermediate, s.hidden),
      );
    }
  }
  out.push(t('model.norm.weight', s.hidden), t('lm_head.weight', s.vocab, s.hidden));
  return out;
}

/** A safetensors file's bytes up to the end of its header (no data): length, then JSON. */
export function safetensorsHead(tensors: readonly TensorEntry[], metadata = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const { name, dtype, shape } of tensors) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 2;
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length);
  let n = json.length;
  for (let i = 0; i < 8; i++, n = Math.floor(n / 256)) out[i] = n % 256;
  out.set(json, 8);
  return out;
}
