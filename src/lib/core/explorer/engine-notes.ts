/**
 * The engine, node and speculative-decoding controls in words, and their typed values read
 * against engine-ranges.ts's ranges. Loaded with the controls (EngineControls.svelte), not at
 * start.
 */
import type { HostRange } from '../serving/host-ranges.ts';
import type { EngineDefaults, EngineId } from '../serving/engines.ts';
import { ENGINE_LABELS } from './engine-settings.ts';

/**
 * The engine's memory default in words.
 *
 * @example formatEngineMemoryNote('sglang', { utilization: 0.897, ... }) // 'SGLang mem_fraction_static 0.897 (by device)'
 */
export function formatEngineMemoryNote(
  engine: EngineId,
  defaults: Pick<EngineDefaults, 'utilization'>,
) {
  const name = ENGINE_LABELS[engine];
  switch (engine) {
    case 'vllm':
      return `${name} gpu_memory_utilization ${defaults.utilization} of the device`;
    case 'sglang':
      return `${name} mem_fraction_static ${defaults.utilization} (by device) of the memory free before loading`;
    case 'trtllm':
      return `${name} free_gpu_memory_fraction ${defaults.utilization} of what weights and activations leave`;
    case 'llamacpp':
      return `${name} allocates from the whole device`;
  }
}

/**
 * The nodes of a deployment in words, where the devices exceed one node: "2 nodes of 8".
 * Null within one node.
 */
export function formatNodesNote(nodes: number, gpusPerNode: number): string | null {
  return nodes > 1 ? `${nodes} nodes of ${gpusPerNode}` : null;
}

/**
 * A typed value within a range, or the message that names the field, the value and the range.
 *
 * @example parseRanged('17', ENGINE_RANGES.draftTokens) // { error: 'Draft tokens: expected a whole number from 1 to 16, got "17"' }
 */
export function parseRanged(
  text: string,
  range: HostRange,
): { value: number; error?: undefined } | { value?: undefined; error: string } {
  const trimmed = text.trim();
  const value = /^-?\d*\.?\d+(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (range.integer && !Number.isInteger(value))
  ) {
    const kind = range.integer ? 'a whole number' : 'a number';
    return {
      error: `${range.label}: expected ${kind} from ${range.min} to ${range.max}, got ${JSON.stringify(trimmed.slice(0, 40))}`,
    };
  }
  return { value };
}
