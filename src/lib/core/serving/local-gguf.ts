/**
 * A GGUF file's tensors as the parts llama.cpp places (local-placement.ts): each tensor's exact
 * bytes (its ggml type's blocks, checkpoint/ggml-types.ts) go to its block's mixer, routed
 * experts or FFN by its name (checkpoint/gguf-weights.ts `ggufTensorKind`, llama.cpp's
 * gguf-py/gguf/constants.py TENSOR_NAMES), so memory and speed are exact for that file.
 */
import type { GgufTensorInfo } from '../checkpoint/gguf.ts';
import {
  ggufFileType,
  ggufModelCounts,
  ggufString,
  type GgufMetadataSource,
  type GgufModelCounts,
} from '../checkpoint/gguf-metadata.ts';
import type { GgufModel } from '../checkpoint/gguf-split.ts';
import { ggufTensorKind, ggufWeights } from '../checkpoint/gguf-weights.ts';
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
export function ggufParts(
  tensors: readonly Pick<GgufTensorInfo, 'name' | 'bytes'>[],
  layers: number,
): ModelParts {
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

/** What differs between a file's counts and a model, as ConfigError's value and expectation. */
function mismatchOf(
  counts: { [K in 'architecture' | 'blockCount' | 'expertCount']: GgufModelCounts[K] | null },
  spec: ModelSpec,
): { got: string; expected: string } | null {
  const arch = counts.architecture ?? 'GGUF';
  const blocks = typeof counts.blockCount === 'number' ? counts.blockCount : null;
  if (
    blocks !== null &&
    blocks !== spec.layers &&
    blocks !== spec.layers + (spec.mtp?.modules ?? 0)
  )
    return {
      got: `a ${arch} file of ${blocks} blocks`,
      expected: `a file of ${spec.name}'s ${spec.layers} layers`,
    };
  const experts = typeof counts.expertCount === 'number' ? counts.expertCount : null;
  if (experts !== null && spec.moe && experts !== spec.moe.experts)
    return {
      got: `a ${arch} file of ${experts} experts`,
      expected: `a file of ${spec.name}'s ${spec.moe.experts} experts`,
    };
  return null;
}

/**
 * Checks that a GGUF file holds the model it is used for: as many blocks as the model has layers
 * (one more for an MTP block) and, for a MoE model, as many experts. ConfigError naming both.
 */
export function checkGgufFitsModel(file: GgufMetadataSource, spec: ModelSpec): void {
  const mismatch = mismatchOf(ggufModelCounts(file), spec);
  if (mismatch) throw new ConfigError('gguf', mismatch.got, mismatch.expected);
}

/**
 * What a GGUF model's header says, kept by a deployment that uses it (plain data: it goes into
 * the explorer's configuration, and is copied with it).
 */
export interface GgufHeaderSummary {
  /** Files read: 1, or the parts of a split model. */
  readonly parts: number;
  /** general.architecture ("gpt-oss", "qwen3moe"); null when absent. */
  readonly architecture: string | null;
  /** general.name, as the file names its model; null when absent. */
  readonly modelName: string | null;
  /** The quant it was made with (general.file_type: "Q4_K_M"); null when not said. */
  readonly fileType: string | null;
  /** `<arch>.block_count` and `<arch>.expert_count`, which must be the model's. */
  readonly blockCount: number | null;
  readonly expertCount: number | null;
  /** Exact bytes of all tensors' data, and the weights they hold. */
  readonly bytes: number;
  readonly params: number;
  /** Bytes by ggml type, most first. */
  readonly byType: readonly { readonly type: string; readonly bytes: number }[];
  /** Every tensor's name and exact bytes, in file order: what ggufParts places. */
  readonly tensors: readonly { readonly name: string; readonly bytes: number }[];
}

/**
 * A GGUF model file a deployment on one machine uses for its weights
 * (DeploymentSettings.gguf): each tensor's exact bytes replace the weight formats'.
 */
export interface DeploymentGguf {
  /** The file's name (a split model's first part's). */
  readonly name: string;
  /**
   * The Hub file it is, as a share link writes it (share/gguf-link.ts); absent for a file
   * dropped from a disk, which a link cannot carry.
   */
  readonly hub?: string;
  /** Its header; null while a link's file is read, or when it could not be (no file used). */
  readonly header: GgufHeaderSummary | null;
}

/** One count of a key that may be per layer: the count, or null for none or an array. */
const single = (count: number | readonly number[] | undefined) =>
  typeof count === 'number' ? count : null;

/**
 * The summary of a read GGUF model (one file or a merged split one).
 *
 * @example summarizeGguf(mergeGgufSplits(parts)).byType[0] // { type: 'MXFP4', bytes: ... }
 */
export function summarizeGguf(model: GgufModel): GgufHeaderSummary {
  const weights = ggufWeights(model);
  const byType = Object.entries(weights.byType)
    .map(([type, group]) => ({ type, bytes: group.bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    parts: model.parts.length,
    architecture: weights.architecture ?? null,
    modelName: ggufString(model, 'general.name') ?? null,
    fileType: ggufFileType(model) ?? null,
    blockCount: single(weights.blockCount),
    expertCount: single(weights.expertCount),
    bytes: weights.bytes,
    params: weights.params,
    byType,
    tensors: model.tensors.map((t) => ({ name: t.name, bytes: t.bytes })),
  };
}

/**
 * Why a deployment's GGUF file is not the model's, in a sentence naming both; null when it is
 * (or has not been read).
 *
 * @example ggufMismatch(gptOss20bFile, gptOss120b)
 *   // "gpt-oss-20b.gguf is a gpt-oss file of 24 blocks; expected a file of gpt-oss-120b's 36 layers"
 */
export function ggufMismatch(gguf: DeploymentGguf, spec: ModelSpec): string | null {
  const mismatch = gguf.header && mismatchOf(gguf.header, spec);
  return mismatch ? `${gguf.name} is ${mismatch.got}; expected ${mismatch.expected}` : null;
}

const partsByHeader = new WeakMap<GgufHeaderSummary, { layers: number; parts: ModelParts }>();

/**
 * The parts of `spec` from a deployment's GGUF file, as `serve --gguf` places them; undefined
 * without a file read (the weight formats size the model). ConfigError when the file is not the
 * model's (ggufMismatch), naming both, or has fewer blocks than it has layers.
 */
export function ggufDeploymentParts(
  gguf: DeploymentGguf | null | undefined,
  spec: ModelSpec,
): ModelParts | undefined {
  const header = gguf?.header;
  if (!gguf || !header) return undefined;
  const mismatch = ggufMismatch(gguf, spec);
  if (mismatch) throw new ConfigError('gguf', gguf.name, spec.name, `gguf: ${mismatch}`);
  // The same file at the same depth is placed once, not on every slider move.
  const known = partsByHeader.get(header);
  if (known?.layers === spec.layers) return known.parts;
  const parts = ggufParts(header.tensors, spec.layers);
  partsByHeader.set(header, { layers: spec.layers, parts });
  return parts;
}
