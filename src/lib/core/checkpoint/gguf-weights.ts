/**
 * What a GGUF model's weights take: exact bytes and weights in all, by tensor type, by kind of
 * tensor and by block, with the architecture and the counts that size it. Kinds come from the
 * tensor names llama.cpp writes (`TENSOR_NAMES` in llama.cpp gguf-py/gguf/constants.py):
 * "token_embd", "output", "output_norm", and per block "blk.N.<name>" with attn_* (attention),
 * ffn_gate_inp and exp_probs_b (the router), ffn_{gate,up,down,gate_up}_exps (the routed
 * experts, all experts of a layer in one 3-D tensor), ffn_*_shexp (shared experts), other
 * ffn_* (a dense FFN), ssm_* (state-space mixers) and *norm* (norms).
 */
import type { GgufTensorInfo } from './gguf.ts';
import { ggufModelCounts, type GgufMetadataSource, type GgufModelCounts } from './gguf-metadata.ts';

export const GGUF_TENSOR_KINDS = [
  'embedding', 'output', 'attention', 'ssm', 'router', 'experts', 'shared_experts', 'ffn',
  'norm', 'other',
] as const; // prettier-ignore

export type GgufTensorKind = (typeof GGUF_TENSOR_KINDS)[number];

/**
 * The kind of a tensor, from its llama.cpp name.
 *
 * @example ggufTensorKind('blk.3.ffn_down_exps.weight') // 'experts'
 */
export function ggufTensorKind(name: string): GgufTensorKind {
  const block = /^blk\.\d+\.(.+)$/.exec(name);
  const base = (block ? block[1]! : name).replace(/\.(weight|bias|scale)$/, '');
  if (/norm/.test(base)) return 'norm';
  if (!block) {
    if (/^(token_embd|per_layer_token_embd|position_embd|token_types)$/.test(base))
      return 'embedding';
    return base === 'output' ? 'output' : 'other';
  }
  if (/^ffn_gate_inp_shexp$|_shexp$/.test(base)) return 'shared_experts';
  if (/^(ffn_gate_inp|exp_probs_b)$/.test(base)) return 'router';
  if (/_(ch)?exps$/.test(base)) return 'experts';
  if (/^attn/.test(base)) return 'attention';
  if (/^ssm_/.test(base)) return 'ssm';
  if (/^ffn_/.test(base)) return 'ffn';
  return 'other';
}

/** Bytes, weights and tensors of a group of tensors. */
export interface GgufWeightGroup {
  readonly bytes: number;
  readonly params: number;
  readonly tensors: number;
}

/** One block's ("blk.N.*") bytes in all and of its routed experts. */
export interface GgufBlockWeights {
  readonly block: number;
  readonly bytes: number;
  readonly expertBytes: number;
}

export interface GgufWeights extends GgufModelCounts {
  /** Bytes of all tensors' data (without the padding between them) and weights in all. */
  readonly bytes: number;
  readonly params: number;
  /** By ggml type name ("Q4_K", "MXFP4", "F32", ...), in order of first appearance. */
  readonly byType: Readonly<Record<string, GgufWeightGroup>>;
  /** By kind; every kind is present, empty ones with zeros. */
  readonly byKind: Readonly<Record<GgufTensorKind, GgufWeightGroup>>;
  /** Per block index found in the names, in order. */
  readonly blocks: readonly GgufBlockWeights[];
}

type Mutable = { bytes: number; params: number; tensors: number };

/**
 * The weights summary of a parsed file or merged split model.
 *
 * @example ggufWeights(parseGguf(bytes)).byKind.experts.bytes // the routed experts' bytes
 */
export function ggufWeights(
  model: GgufMetadataSource & { readonly tensors: readonly GgufTensorInfo[] },
): GgufWeights {
  const total: Mutable = { bytes: 0, params: 0, tensors: 0 };
  const byType: Record<string, Mutable> = {};
  const byKind = Object.fromEntries(
    GGUF_TENSOR_KINDS.map((k) => [k, { bytes: 0, params: 0, tensors: 0 }]),
  ) as Record<GgufTensorKind, Mutable>;
  const blocks = new Map<number, { block: number; bytes: number; expertBytes: number }>();
  for (const t of model.tensors) {
    const kind = ggufTensorKind(t.name);
    const type = (byType[t.typeName] ??= { bytes: 0, params: 0, tensors: 0 });
    for (const group of [total, type, byKind[kind]]) {
      group.bytes += t.bytes;
      group.params += t.elements;
      group.tensors += 1;
    }
    const n = /^blk\.(\d+)\./.exec(t.name);
    if (!n) continue;
    const block = Number(n[1]);
    const b = blocks.get(block) ?? { block, bytes: 0, expertBytes: 0 };
    b.bytes += t.bytes;
    if (kind === 'experts') b.expertBytes += t.bytes;
    blocks.set(block, b);
  }
  return {
    ...ggufModelCounts(model),
    bytes: total.bytes,
    params: total.params,
    byType,
    byKind,
    blocks: [...blocks.values()].sort((a, b) => a.block - b.block),
  };
}
