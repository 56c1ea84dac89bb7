/**
 * An imported config as a share link carries it, read back: the preset's config with
 * `x.<field>=<JSON value>` edits and a name (`mn=`). Never throws, and never gives a model that
 * does not build: an edit the config reader does not use is left out, a config the model
 * refuses (one that parses but cannot be counted, a dense prefix past the layers, a size past
 * the limits) gives the preset; each with a warning naming the setting, the value and what was
 * expected. Only links with such parameters need it: the element loads it on demand
 * (link-decoders.ts).
 */
import {
  ConfigError,
  DEFAULT_DEPLOYMENT,
  describeValue,
  applyFieldEdits,
  isEditablePath,
  parseHFConfig,
  resolveWithBase,
  type ExplorerConfig,
  type FieldEdit,
  type Preset,
} from '../core/index.ts';
import { importedJson } from './imported-link.ts';
import { shown } from './link-format.ts';
import { cleanModelName } from './model-name.ts';
import { describeError, nameList } from './notices.ts';

type Source = ExplorerConfig['source'];

/** An edit's value: a JSON primitive, or a short list of them. */
function isEditValue(value: unknown): boolean {
  const primitive = (v: unknown) =>
    v === null || ['number', 'string', 'boolean'].includes(typeof v);
  return (
    primitive(value) || (Array.isArray(value) && value.length <= 4096 && value.every(primitive))
  );
}

/** The `x.<path>` parameters as field edits, the first of each; bad ones become warnings. */
export function readFieldEdits(params: URLSearchParams, warnings: string[]): FieldEdit[] {
  const edits: FieldEdit[] = [];
  const seen = new Set<string>();
  for (const [key, text] of params) {
    if (!key.startsWith('x.') || seen.has(key)) continue; // a repeat: checkKeys reports it
    seen.add(key);
    const path = key.slice(2);
    if (!isEditablePath(path)) {
      warnings.push(`${shown(key)}: not a config field name; ignored`);
      continue;
    }
    if (text === '') {
      edits.push([path, undefined]);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      warnings.push(`${key}: expected a JSON value, got ${shown(text)}; ignored`);
      continue;
    }
    if (!isEditValue(value)) {
      warnings.push(
        `${key}: expected a number, string, boolean or list, got ${shown(text)}; ignored`,
      );
      continue;
    }
    edits.push([path, value]);
  }
  return edits;
}

/** `mn` cleaned (see model-name.ts), each change a warning; null when absent or empty. */
function readName(text: string | null, warnings: string[]): string | null {
  if (text === null) return null;
  const { name, notes } = cleanModelName(text);
  for (const note of notes) warnings.push(`mn: ${note}`);
  return name === '' ? null : name;
}

/**
 * The edits the config reader uses, and the paths it does not; throws whatever the model
 * throws when the edited config does not build (parse, limits, layer pattern, counts).
 */
function checkEdits(preset: Preset, edits: readonly FieldEdit[]) {
  const touched = new Set<string>();
  const family = buildEdited(preset, edits, touched);
  const kept = edits.filter(([path]) => touched.has(path));
  const unread = edits.filter(([path]) => !touched.has(path)).map(([path]) => `x.${path}`);
  // The link gives the preset with the kept edits alone, and an edit left out can be what made
  // another valid (x.quantization_config=true, then x.quantization_config.activation_scheme=[…]
  // making it an object again): that config must build too.
  if (unread.length > 0) buildEdited(preset, kept, new Set());
  return { kept, unread, family };
}

/**
 * Builds the preset's config with `edits`, noting the fields read in `touched`; its family.
 * Throws as the model does.
 */
function buildEdited(preset: Preset, edits: readonly FieldEdit[], touched: Set<string>) {
  const json = applyFieldEdits(preset.config, edits);
  const spec = parseHFConfig(json, { touched });
  // The parse alone misses what only resolving finds: a dense prefix past the layers, counts
  // past 2^53. The deployment cannot make the model throw; its errors come back as values.
  const config = { source: { kind: 'config' as const, name: '', json }, arch: {} };
  resolveWithBase(spec, { ...config, deployment: { ...DEFAULT_DEPLOYMENT } });
  return spec.family;
}

/** Why the edited config was refused: the edit it names (else all of them), the value, the limit. */
function refusal(error: unknown, edits: readonly FieldEdit[], preset: Preset): string {
  const keys = edits.map(([path]) => `x.${path}`);
  const showing = `the link's config is not used, showing ${preset.name}`;
  if (error instanceof ConfigError) {
    const fields = error.field.split(' or ');
    const named = edits.find(([path]) => fields.includes(path));
    if (named)
      return `x.${named[0]}: expected ${error.expected}, got ${describeValue(error.value)}; ${showing}`;
    return `${nameList(keys)}: ${error.message}; ${showing}`;
  }
  return `${nameList(keys)}: the model could not be built (${describeError(error)}); ${showing}`;
}

/**
 * The model of a link with `x.*` edits or a name, on the preset of `m`: an imported config made
 * of the preset's config and the edits, or the preset itself when no edit applies (each edit
 * left out with a warning).
 *
 * @example readImported(new URLSearchParams('m=mixtral-8x7b&x.num_experts_per_tok=3'), [], mixtral8x7b)
 *   // { kind: 'config', name: 'Mixtral 8x7B (edited)', json: { ..., num_experts_per_tok: 3 } }
 */
export function readImported(params: URLSearchParams, warnings: string[], preset: Preset): Source {
  const source: Source = { kind: 'preset', id: preset.id };
  const nameText = params.get('mn');
  const edits = readFieldEdits(params, warnings);
  const name = readName(nameText, warnings);
  let checked: ReturnType<typeof checkEdits>;
  try {
    checked = checkEdits(preset, edits);
  } catch (error) {
    warnings.push(refusal(error, edits, preset));
    return source;
  }
  const { kept, unread, family } = checked;
  if (unread.length > 0)
    warnings.push(`${nameList(unread)}: not read for a ${family} model; ignored`);
  if (kept.length === 0 && name === null) {
    if (nameText !== null) warnings.push(`mn: empty; showing ${preset.name}`);
    return source;
  }
  const label = name ?? `${preset.name} (edited)`;
  if (name === null && nameText !== null) warnings.push(`mn: empty; named ${shown(label)}`);
  return { kind: 'config', name: label, json: importedJson(preset, kept) };
}
