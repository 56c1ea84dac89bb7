import {
  archValues,
  baseSpec,
  ConfigError,
  defaultConfig,
  DEFAULT_PRESET_ID,
  findPreset,
  isEdited,
  JsonSyntaxError,
  parseHFConfig,
  parseJsonText,
  resolveExplorer,
  resolveServing,
  servingOptions,
  applyOverrides,
  canonicalImport,
  type ArchValues,
  type DeploymentSettings,
  type ExplorerConfig,
  type ExplorerResult,
} from '../core/index.ts';

export type ByteUnit = 'GB' | 'GiB';
export type Theme = 'system' | 'light' | 'dark';

/** A configuration pinned for side-by-side comparison. */
export interface Pinned {
  id: number;
  label: string;
  config: ExplorerConfig;
}

let nextPinId = 1;

/**
 * The comparison the page opens with: each model on a node it fits on, in the precision it is
 * served in (Meta: Maverick in FP8 on one H100 host; DeepSeek-V3 in its FP8 checkpoint on 8 x H200).
 */
const DEFAULT_PINS: [string, string, Partial<DeploymentSettings>][] = [
  ['llama4-scout', 'Llama 4 Scout, BF16, 8 × H100', {}],
  ['llama4-maverick', 'Llama 4 Maverick, FP8, 8 × H100', { weights: 'fp8' }],
  ['deepseek-v3', 'DeepSeek-V3, FP8, 8 × H200', { deviceId: 'h200' }],
];

function withDeployment(
  config: ExplorerConfig,
  deployment: Partial<DeploymentSettings>,
): ExplorerConfig {
  return { ...config, deployment: { ...config.deployment, ...deployment } };
}

function pin(config: ExplorerConfig, label: string): Pinned {
  return {
    id: nextPinId++,
    label,
    config: structuredClone($state.snapshot(config) as ExplorerConfig),
  };
}

/**
 * The one explorer state: a configuration (`config`) and a few view settings. Every number is
 * derived from `config` by the core. Setters check a change before taking it: a value the core
 * rejects leaves the state as it was and reports the problem under the control's name.
 */
export class ExplorerState {
  config = $state<ExplorerConfig>(defaultConfig());
  /** Problems with the last rejected input, by control name. */
  errors = $state<Record<string, string>>({});
  importError = $state<string | null>(null);
  unit = $state<ByteUnit>('GB');
  theme = $state<Theme>('system');
  pinned = $state<Pinned[]>(
    DEFAULT_PINS.map(([id, label, deployment]) =>
      pin(withDeployment(defaultConfig(id), deployment), label),
    ),
  );

  readonly result: ExplorerResult = $derived(resolveExplorer(this.config));
  readonly arch: ArchValues = $derived(archValues(this.result.spec));
  /** "Llama 4 Scout", or "custom, based on Llama 4 Scout" after an edit. */
  readonly modelLabel: string = $derived(
    isEdited(this.result.base, this.result.spec)
      ? `custom, based on ${this.result.base.name}`
      : this.result.base.name,
  );

  constructor(config?: ExplorerConfig) {
    if (config) this.config = config;
  }

  selectPreset(id: string): void {
    if (!findPreset(id)) return;
    this.config = { ...this.config, source: { kind: 'preset', id }, arch: {} };
    this.errors = {};
    this.importError = null;
  }

  /** Sets one architecture number, if the model stays valid. */
  setArch(field: keyof ArchValues, value: number): boolean {
    const arch = { ...this.config.arch, [field]: value };
    try {
      applyOverrides(baseSpec(this.config.source), arch);
    } catch (error) {
      if (error instanceof ConfigError) return this.reject(field, error.message);
      throw error;
    }
    this.config = { ...this.config, arch };
    return this.accept(field);
  }

  /** Sets one deployment setting, if it makes a valid layout. */
  setDeployment<K extends keyof DeploymentSettings>(
    field: K,
    value: DeploymentSettings[K],
  ): boolean {
    return this.updateDeployment({ [field]: value }, field);
  }

  /** Sets several deployment settings at once (a layout change), if they make a valid layout. */
  updateDeployment(patch: Partial<DeploymentSettings>, field: string): boolean {
    const deployment = { ...this.config.deployment, ...patch };
    try {
      resolveServing(this.result.spec, servingOptions(deployment), this.result.count);
    } catch (error) {
      if (error instanceof ConfigError) return this.reject(field, error.message);
      throw error;
    }
    this.config = { ...this.config, deployment };
    return this.accept(field);
  }

  /** Imports config.json text; on failure the current model stays and `importError` says why. */
  importConfig(text: string, fileName = 'config.json'): boolean {
    try {
      const parsed = parseJsonText(text);
      const spec = parseHFConfig(parsed);
      const name = spec.name !== spec.family ? spec.name : fileName.replace(/\.json$/i, '');
      // Kept as a share link carries it (the fields the parser reads), so links reproduce it.
      const json = canonicalImport(parsed);
      resolveExplorer({ ...this.config, source: { kind: 'config', name, json }, arch: {} });
      this.config = { ...this.config, source: { kind: 'config', name, json }, arch: {} };
      this.importError = null;
      this.errors = {};
      return true;
    } catch (error) {
      if (error instanceof ConfigError || error instanceof JsonSyntaxError) {
        this.importError = `${fileName}: ${error.message}`;
        return false;
      }
      throw error;
    }
  }

  resetArch(): void {
    this.config = { ...this.config, arch: {} };
    this.errors = {};
  }

  pinCurrent(): void {
    if (this.pinned.length >= 3) this.pinned = this.pinned.slice(1);
    this.pinned = [...this.pinned, pin(this.config, this.modelLabel)];
  }

  unpin(id: number): void {
    this.pinned = this.pinned.filter((p) => p.id !== id);
  }

  private reject(field: string, message: string): false {
    this.errors = { ...this.errors, [field]: message };
    return false;
  }

  private accept(field: string): true {
    if (field in this.errors) {
      const { [field]: _, ...rest } = this.errors;
      this.errors = rest;
    }
    return true;
  }
}

export { DEFAULT_PRESET_ID };
