/** Deployments for serving tests: one H100 SXM, BF16, batch 1, default assumptions, unless told. */
import {
  findDevice,
  resolveServing,
  type Deployment,
  type ModelSpec,
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
