/**
 * A GGUF file's tensors as the parts llama.cpp places (local-placement.ts): each tensor's exact
 * bytes (its ggml type's blocks, checkpoint/ggml-types.ts) go to its block's mixer, routed
 * experts or FFN by its name (checkpoint/gguf-weights.ts `ggufTensorKind`, llama.cpp's
 * gguf-py/gguf/constants.py TENSOR_NAMES), so memory and speed are exact for that file.
 */
import type { GgufTensorInfo } from '../checkpoint/gguf.ts';
import { ggufModelCounts, type GgufMetadataSource } from '../checkpoint/gguf-metadata.ts';
import { ggufTensorKind } from '../checkpoint/gguf-weights.ts';
import type { ModelSpec } from '../model/types.ts';
import { ConfigError } from '../model/errors.ts';
import type { LayerParts, ModelParts } from './local-placement.ts';

const BLOCK = /^blk\.(\d+)\./;

/** Which part of its block a tensor belongs to: norms go with the sublayer they precede. */
function partOf(name: string): 'mixer' | 'experts' | 'ffn' {
  switch (ggufTensorKind(name)) {
    case 'experts':
      return 'experts';
    case 'router':
    case 'shared_experts':
    case 'ffn':
      return 'ffn';
    case 'norm':
      return /ffn|post_ffw|exp_probs/.test(name) ? 'ffn' : 'mixer';
    default:
      return 'mixer';
  }
}

/**
 * The parts of a model of `layers` decoder layers from its GGUF tensors; the file's blocks must
 * be the model's layers (an MTP block past them, as GLM's `blk.<L>`, is left out, as llama.cpp
 * leaves it unloaded). Throws ConfigError when the file has fewer blocks.
 */
export function ggufParts(tensors: readonly GgufTensorInfo[], layers: number): ModelParts {
  const parts: LayerParts[] = Array.from({ length: layers }, () => ({
    mixer: 0,
    experts: 0,
    ffn: 0,
    names: { mixer: [], experts: [], ffn: [] },
  }));
  let embedding = 0;
  let output = 0;
  let blocks = 0;
  for (const t of tensors) {
    const block = BLOCK.exec(t.name);
    if (!block) {
      if (ggufTensorKind(t.name) === 'embedding') embedding += t.bytes;
      else output += t.bytes; // output, output_norm and other model-level tensors
      continue;
    }
    const i = Number(block[1]);
    blocks = Math.max(blocks, i + 1);
    if (i >= layers) continue;
    const part = partOf(t.name);
    const layer = parts[i]!;
    layer[part] += t.bytes;
    (layer.names[part] as string[]).push(t.name);
  }
  if (blocks < layers)
    throw new ConfigError('gguf', `${blocks} blocks`, `the model's ${layers} layers`);
  // Tied embeddings: llama.cpp loads the output from token_embd and keeps a copy on the GPU.
  if (!tensors.some((t) => t.name === 'output.weight')) output += embedding;
  return { layers: parts, embedding, output };
}

/**
 * Checks that a GGUF file holds the model it is used for: as many blocks as the model has layers
 * (one more for an MTP block) and, for a MoE model, as many experts. ConfigError naming both.
 */
export function checkGgufFitsModel(file: GgufMetadataSource, spec: ModelSpec): void {
  const counts = ggufModelCounts(file);
  const arch = counts.architecture ?? 'GGUF';
  const blocks = typeof counts.blockCount === 'number' ? counts.blockCount : null;
  if (
    blocks !== null &&
    blocks !== spec.layers &&
    blocks !== spec.layers + (spec.mtp?.modules ?? 0)
  )
    throw new ConfigError(
      'gguf',
      `a ${arch} file of ${blocks} blocks`,
      `a file of ${spec.name}'s ${spec.layers} layers`,
    );
  const experts = typeof counts.expertCount === 'number' ? counts.expertCount : null;
  if (experts !== null && spec.moe && experts !== spec.moe.experts)
    throw new ConfigError(
      'gguf',
      `a ${arch} file of ${experts} experts`,
      `a file of ${spec.name}'s ${spec.moe.experts} experts`,
    );
}
