/** Deployments for serving tests: one H100 SXM, BF16, batch 1, default assumptions, unless told. */
import {
  findDevice,
  findPreset,
  presetSpec,
  resolveServing,
  type Deployment,
  type ModelSpec,
  type ResolvedServing,
  type ServingOptions,
} from '../../../src/lib/core/index.ts';

export const h100 = findDevice('h100-sxm')!;

/** `spec` placed on H100 SXM devices at `contextTokens` (4096 unless given), with `options` applied. */
export function deployOnH100(
  spec: ModelSpec,
  options: Partial<ServingOptions> = {},
  contextTokens = 4096,
): Deployment {
  return resolveServing(spec, { device: h100, devices: 1, contextTokens, batch: 1, ...options })
    .deployment;
}

/**
 * SGLang's DeepSeek-V3 on 8 x H200 with attention DP 8 over EP 8, FP8, 64 sequences in flight:
 * prompts in passes of their own that the other data-parallel ranks wait for; `memory` on top.
 */
export function deepseekDpAttention(memory: ServingOptions['memory'] = {}): ResolvedServing {
  return resolveServing(presetSpec(findPreset('deepseek-v3')!), {
    device: findDevice('h200')!,
    devices: 8,
    tp: 1,
    ep: 8,
    weights: 'fp8',
    contextTokens: 4096,
    batch: 64,
    memory: { engine: 'sglang', ...memory },
  });
}
