/**
 * The count proven against the checkpoint: the parameters its tensors hold, by component, next
 * to the count from config.json (params/count.ts). Stored extras that are not parameters of
 * inference (quantization scales, saved buffers, MTP layers) are set apart and named.
 */
import type { ParamComponent, ParamCount } from '../params/count.ts';
import { tensorKind, storedParameters, type StoredExtra } from './classify.ts';
import { elements, type TensorEntry } from './safetensors.ts';

export interface CheckpointCheck {
  /** Tensors in the checkpoint, extras included. */
  tensors: number;
  /** Parameters of inference the checkpoint holds (extras apart). */
  total: number;
  /** The checkpoint's total equals the count's, to the parameter. */
  matches: boolean;
  /** Checkpoint minus count, for each component where they differ ('unknown': unnamed tensors). */
  differences: { component: ParamComponent | 'unknown'; parameters: number }[];
  /** What is stored beside the parameters: kind, tensors, elements. */
  extras: { kind: StoredExtra; tensors: number; elements: number }[];
  /** Names of tensors no rule places (at most 20), counted under 'unknown'. */
  unknown: string[];
}

/**
 * Compares a checkpoint's tensors with the count of the model its config describes (`layers`:
 * num_hidden_layers, past which stored layers are MTP layers; `packedI8`: its I8 tensors hold two
 * FP4 values a byte, classify.ts `storedParameters`).
 *
 * @example checkCheckpoint(tensorsOfMixtral, countParams(mixtralSpec), 32).matches // true
 */
export function checkCheckpoint(
  tensors: readonly TensorEntry[],
  count: ParamCount,
  layers: number,
  packedI8 = false,
): CheckpointCheck {
  const stored = new Map<ParamComponent | 'unknown', number>();
  const extras = new Map<StoredExtra, { tensors: number; elements: number }>();
  const unknown: string[] = [];
  let total = 0;
  for (const tensor of tensors) {
    const n = elements(tensor);
    const kind = tensorKind(tensor.name, layers);
    if (kind && 'extra' in kind) {
      const e = extras.get(kind.extra) ?? { tensors: 0, elements: 0 };
      extras.set(kind.extra, { tensors: e.tensors + 1, elements: e.elements + n });
      continue;
    }
    const component = kind ? kind.component : 'unknown';
    if (!kind && unknown.length < 20) unknown.push(tensor.name);
    const params = storedParameters(tensor.name, tensor.dtype, n, packedI8);
    stored.set(component, (stored.get(component) ?? 0) + params);
    total += params;
  }
  const components = new Set([...stored.keys(), ...componentsOf(count)]);
  const differences = [...components]
    .map((component) => ({
      component,
      parameters:
        (stored.get(component) ?? 0) - (component === 'unknown' ? 0 : count.breakdown[component]),
    }))
    .filter((d) => d.parameters !== 0);
  return {
    tensors: tensors.length,
    total,
    matches: total === count.total,
    differences,
    extras: [...extras].map(([kind, e]) => ({ kind, ...e })),
    unknown,
  };
}

function componentsOf(count: ParamCount): ParamComponent[] {
  return (Object.keys(count.breakdown) as ParamComponent[]).filter(
    (c) => c !== 'mtp' && count.breakdown[c] > 0,
  );
}
