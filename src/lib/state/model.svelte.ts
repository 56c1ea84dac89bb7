import {
  ConfigError,
  countParams,
  DEFAULT_PRESET_ID,
  findPreset,
  JsonSyntaxError,
  parseHFConfig,
  parseJsonText,
  presetSpec,
  type ModelSpec,
  type ParamCount,
} from '../core/index.ts';

/** Where the model comes from: a preset, or a config.json the user imported. */
export type ModelSource =
  { kind: 'preset'; id: string } | { kind: 'config'; name: string; spec: ModelSpec };

/**
 * The one model state of the page: the source is the only `$state`; the spec and the counts are
 * derived from it by the core. A failed import leaves the current model in place and sets
 * `importError`.
 */
export class ModelState {
  source = $state<ModelSource>({ kind: 'preset', id: DEFAULT_PRESET_ID });
  importError = $state<string | null>(null);

  readonly spec: ModelSpec = $derived.by(() => {
    const source = this.source;
    if (source.kind === 'config') return source.spec;
    const preset = findPreset(source.id) ?? findPreset(DEFAULT_PRESET_ID)!;
    return presetSpec(preset);
  });

  readonly count: ParamCount = $derived(countParams(this.spec));

  selectPreset(id: string): void {
    if (!findPreset(id)) return;
    this.source = { kind: 'preset', id };
    this.importError = null;
  }

  /** Imports config.json text; returns whether it worked. `fileName` names the source in errors. */
  importConfig(text: string, fileName = 'config.json'): boolean {
    try {
      const json = parseJsonText(text);
      const spec = parseHFConfig(json);
      countParams(spec); // surfaces sizes too large to count before the page switches
      const name = spec.name !== spec.family ? spec.name : fileName.replace(/\.json$/i, '');
      this.source = { kind: 'config', name, spec: { ...spec, name } };
      this.importError = null;
      return true;
    } catch (error) {
      if (error instanceof ConfigError || error instanceof JsonSyntaxError) {
        this.importError = `${fileName}: ${error.message}`;
        return false;
      }
      throw error;
    }
  }
}
