import type { ModelSpec } from '../model/types.ts';
import { mlpParams } from './blocks.ts';
import type { LayerParams } from './layer-params.ts';

/**
 * The range of what a token touches with zero-computation experts (LongCat-Flash: top-12 of
 * 512 real + 256 zero slots, so 0 to 12 real experts per MoE layer; the tech report's
 * "18.6B–31.3B activated", arXiv 2509.01322, is this range without the input embedding).
 */
export function activeRange(
  spec: ModelSpec,
  kinds: readonly { layer: LayerParams; count: number }[],
  active: number,
): { min: number; max: number } | undefined {
  const moe = spec.moe;
  if (!moe?.zeroExperts) return undefined;
  const picks = Math.min(moe.topK, moe.experts);
  const fewest = Math.max(0, moe.topK - moe.zeroExperts);
  const expert = mlpParams(spec.hiddenSize, moe.expert);
  let spared = 0;
  for (const { layer, count } of kinds)
    if (layer.ffn === 'moe') spared += count * (picks - Math.min(fewest, picks)) * expert;
  return { min: active - spared, max: active };
}
