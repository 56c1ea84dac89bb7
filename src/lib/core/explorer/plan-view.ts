/**
 * What the Plan view says of a planned deployment (planner/planned.ts): its layout and pools in
 * words, what binds it, and the explorer's deployment settings that show it (Apply).
 */
import type { Binding, PlannedDeployment } from '../planner/planned.ts';
import type { DeploymentSettings } from './explorer-config.ts';

/**
 * What limits a deployment, in words.
 *
 * @example formatBinding('bandwidth') // 'memory bandwidth: each decode step reads the weights and the KV cache'
 */
export function formatBinding(binds: Binding): string {
  switch (binds) {
    case 'memory':
      return 'memory: the weights and the KV cache fill the devices, so no larger batch fits';
    case 'bandwidth':
      return 'memory bandwidth: each decode step reads the weights and the KV cache';
    case 'compute':
      return 'compute: the matrix multiplications of each step take the longest';
    case 'communication':
      return 'communication: the all-reduces and expert all-to-alls between devices';
    case 'overhead':
      return "the engine's fixed cost per step (scheduling, kernel launches)";
    default: {
      const unknown: never = binds;
      throw new Error(`formatBinding: unknown binding ${String(unknown)}`);
    }
  }
}

/**
 * A deployment's decode layout in words.
 *
 * @example formatPlanLayout({ gpus: 8, deviceName: 'H200', tp: 8, ep: 8, pp: 1, ... }) // '8 × H200, TP 8 EP 8 PP 1'
 */
export function formatPlanLayout(p: PlannedDeployment): string {
  return `${p.gpus} × ${p.deviceName}, TP ${p.tp} EP ${p.ep} PP ${p.pp}`;
}

/**
 * Its pools in words: one pool that prefills and decodes, or the prefill replicas per decode
 * replicas of a disaggregated unit.
 *
 * @example formatPlanPools({ prefill: { gpus: 8, replicas: 1, decodeReplicas: 2, ... }, ... })
 *   // '1 prefill replica of 8 GPUs (TP 8 EP 8 PP 1) per 2 decode replicas'
 */
export function formatPlanPools(p: PlannedDeployment): string {
  const pre = p.prefill;
  if (!pre) return 'one pool prefills and decodes';
  const replicas = `${pre.replicas} prefill replica${pre.replicas === 1 ? '' : 's'}`;
  const decode = `${pre.decodeReplicas} decode replica${pre.decodeReplicas === 1 ? '' : 's'}`;
  return `${replicas} of ${pre.gpus} GPUs (TP ${pre.tp} EP ${pre.ep} PP ${pre.pp}) per ${decode}`;
}

/**
 * The explorer's deployment settings that show a planned deployment's decode replica: device,
 * count, layout, formats, KV format, engine, batch and the context the plan holds (the cheapest's
 * `explorer.contextTokens`; else `contextTokens`), at the plan's price (null: the catalog's),
 * with no host, speculative decoding or node size of its own, as the planner scores it.
 *
 * @example planDeploymentPatch(cheapest, 2048, 3.59).devices // cheapest.gpus
 */
export function planDeploymentPatch(
  p: PlannedDeployment,
  contextTokens: number,
  catalogUsdPerHour: number,
): Partial<DeploymentSettings> {
  return {
    deviceId: p.device,
    devices: p.gpus,
    tp: p.tp,
    ep: p.ep,
    pp: p.pp,
    weights: p.weights,
    expertWeights: p.expertWeights,
    kvDtype: p.kvDtype,
    engine: p.engine,
    batch: p.batch,
    contextTokens: p.explorer?.contextTokens ?? contextTokens,
    usdPerHour: p.usdPerDeviceHour === catalogUsdPerHour ? null : p.usdPerDeviceHour,
    host: null,
    gguf: null,
    speculative: null,
    gpusPerNode: null,
  };
}
