/**
 * Counting that a family's reader brings with it. DeepSeek-V4's blocks (its compressed
 * attention and hyper-connections: families/deepseek-v4-blocks.ts) are counted by code that loads
 * with its reader, on demand, as the reader does (families/registry.ts), so that the page and the
 * <moe-explorer> element download it only for a model that has them. The reader installs them
 * before it returns a spec, so every spec that has these blocks finds them here.
 */
import { ConfigError } from './errors.ts';
import type { AttentionLayerKind, CompressedAttention, HyperConnections } from './types.ts';

/** DeepSeek-V4's blocks, counted. */
export interface CompressedBlocks {
  /**
   * A layer's attention: the part every layer has, and given its `kind`, the compressor and
   * indexer of that kind too.
   */
  attention(hidden: number, a: CompressedAttention, kind?: AttentionLayerKind): number;
  /** The hyper-connections of one layer, or (`head`) the final collapse of the streams. */
  hyperConnections(hidden: number, hc: HyperConnections, head: boolean): number;
}

let installed: CompressedBlocks | null = null;

/** Makes DeepSeek-V4's blocks countable (its reader calls this). */
export function installCompressedBlocks(blocks: CompressedBlocks): void {
  installed = blocks;
}

/** DeepSeek-V4's block counts; a ConfigError if no DeepSeek-V4 config has been read yet. */
export function compressedBlocks(): CompressedBlocks {
  if (installed !== null) return installed;
  throw new ConfigError('model_type', 'deepseek_v4', 'a config read first (parseHFConfig)');
}

/** The hyper-connections of a spec's layer (or, `head`, its final collapse); 0 without them. */
export function hyperConnectionParams(
  hidden: number,
  hc: HyperConnections | null | undefined,
  head = false,
): number {
  return hc ? compressedBlocks().hyperConnections(hidden, hc, head) : 0;
}
