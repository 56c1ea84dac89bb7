/**
 * An imported config as a link carries it: the nearest preset and the field edits that turn the
 * preset's config into it (url-codec.ts writes them as `m=` and `x.<field>=`). Finding them costs
 * parses of the config (nearestPreset), so the form is kept with the config object it describes:
 * an import finds it once, a link read back brings it, and rewriting the address bar on every
 * slider move reuses it.
 */
import { applyFieldEdits, nearestPreset, type FieldEdit, type Preset } from '../core/index.ts';

/** A preset and the edits, applied in order, that make an imported config. */
export interface LinkForm {
  preset: Preset;
  edits: readonly FieldEdit[];
}

const forms = new WeakMap<object, LinkForm>();

/**
 * The config a preset and edits make, remembered with its form: `linkForm` of the result gives
 * them back without parsing, so a link reproduces this very config.
 *
 * @example importedJson(findPreset('mixtral-8x7b')!, [['num_experts_per_tok', 3]]).num_experts_per_tok // 3
 */
export function importedJson(preset: Preset, edits: readonly FieldEdit[]): Record<string, unknown> {
  const json = applyFieldEdits(preset.config, edits);
  forms.set(json, { preset, edits });
  return json;
}

/**
 * The form of an imported config: the remembered one, else the nearest preset's (which parses
 * the config; throws ConfigError when it does not parse).
 */
export function linkForm(json: unknown): LinkForm {
  const known = typeof json === 'object' && json !== null ? forms.get(json) : undefined;
  return known ?? nearestPreset(json);
}
