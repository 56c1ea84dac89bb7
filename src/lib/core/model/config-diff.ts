/**
 * How a config.json differs from the nearest preset: the preset of the same model_type that
 * differs in the fewest of the fields the parser reads, and those fields. A share link carries
 * an imported config in this form (preset id plus edits); the explorer keeps imports in it too,
 * so that a link reproduces the model exactly.
 *
 * @example nearestPreset({ ...mixtral8x7b, num_experts_per_tok: 3 })
 *   // { preset: mixtral-8x7b, edits: [['num_experts_per_tok', 3]] }
 */
import { isObject } from './config-reader.ts';
import { parseHFConfig } from './hf-config.ts';
import { presetLoaded, presets, type Preset } from './presets.ts';

/** One field set in a config: its dotted path and value; `undefined` removes the field. */
export type FieldEdit = readonly [path: string, value: unknown];

/** Path segments an edit may set: plain config names, never prototype keys. */
const SAFE_SEGMENT = /^[A-Za-z0-9_]{1,64}$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
/** Nested at most this deep (text_config.rope_scaling.factor). */
export const MAX_PATH_DEPTH = 3;

/** Whether `path` names a config field an edit may set: 1 to 3 plain segments, no prototype keys. */
export function isEditablePath(path: string): boolean {
  const segments = path.split('.');
  return (
    segments.length <= MAX_PATH_DEPTH &&
    segments.every((s) => SAFE_SEGMENT.test(s) && !FORBIDDEN.has(s))
  );
}

/** The value at a dotted path of a JSON object (own properties only), or undefined. */
export function getPath(json: unknown, path: string): unknown {
  let node: unknown = json;
  for (const key of path.split('.')) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * A copy of `base` with the edits applied (paths that are not editable are skipped). Objects
 * on the way are created; a removed field is deleted.
 */
export function applyFieldEdits(
  base: Record<string, unknown>,
  edits: readonly FieldEdit[],
): Record<string, unknown> {
  const json = structuredClone(base);
  for (const [path, value] of edits) {
    if (!isEditablePath(path)) continue;
    const segments = path.split('.');
    let node = json;
    for (const segment of segments.slice(0, -1)) {
      const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
      if (!isObject(next)) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    const last = segments[segments.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return json;
}

/** The parsed model, as a comparable string (the name aside); '' when it does not parse. */
function specKey(json: unknown): string {
  try {
    return JSON.stringify({ ...parseHFConfig(json), name: '' });
  } catch {
    return '';
  }
}

/**
 * The preset nearest to a config and the edits that turn it into the config: for each field
 * the parser reads (the name aside: it travels apart), the config's value where it differs
 * from the preset's. Removing a field that the parser defaults to the preset's value changes
 * nothing, and is left out. Only presets at hand are candidates (the page loads them all before
 * an import; the default one always is). Throws ConfigError when the config does not parse.
 */
export function nearestPreset(json: unknown): { preset: Preset; edits: FieldEdit[] } {
  const touched = new Set<string>();
  parseHFConfig(json, { touched });
  const paths = [...touched].filter((path) => path !== '_name_or_path').sort();
  const type = getPath(json, 'model_type');
  const atHand = presets.filter(presetLoaded);
  const sameType = atHand.filter((preset) => preset.modelType === type);
  let best: { preset: Preset; edits: FieldEdit[] } | null = null;
  for (const preset of sameType.length > 0 ? sameType : atHand) {
    const edits = paths
      .map((path): FieldEdit => [path, getPath(json, path)])
      .filter(
        ([path, value]) => !isObject(value) && !sameJson(value, getPath(preset.config, path)),
      );
    if (!best || edits.length < best.edits.length) best = { preset, edits };
  }
  const { preset, edits } = best!;
  const target = specKey(json);
  const needed = edits.filter(
    ([, value], i, all) =>
      value !== undefined ||
      specKey(
        applyFieldEdits(
          preset.config,
          all.filter((_, j) => j !== i),
        ),
      ) !== target,
  );
  return { preset, edits: needed };
}

/**
 * A config as a link carries it: the nearest preset's config with the differing fields
 * applied. Reading a config back can pick a closer preset; a few rounds reach the fixed point,
 * where nearestPreset(canonicalImport(c)) applied gives canonicalImport(c) again.
 */
export function canonicalImport(json: unknown): Record<string, unknown> {
  const once = (input: unknown) => {
    const { preset, edits } = nearestPreset(input);
    return applyFieldEdits(preset.config, edits);
  };
  let current = once(json);
  for (let round = 0; round < 4; round++) {
    const next = once(current);
    if (JSON.stringify(next) === JSON.stringify(current)) break;
    current = next;
  }
  return current;
}
