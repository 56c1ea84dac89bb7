/**
 * The one explorer state: a configuration and a few view settings. Every result the page
 * shows is derived from them here, once per change; components read these and call the
 * setters, and never compute the model themselves.
 */
import {
  archValues,
  canonicalImport,
  ConfigError,
  defaultConfig,
  DEFAULT_PRESET_ID,
  explain,
  findPreset,
  isEdited,
  JsonSyntaxError,
  parseHFConfig,
  parseJsonText,
  resolveDeployment,
  resolveExplorer,
  resolveWithBase,
  type ArchValues,
  type ByteUnit,
  type DeploymentSettings,
  type ExplorerConfig,
  type ExplorerResult,
  type Pin,
} from '../core/index.ts';

import type { Theme } from '../share/link-format.ts';

export type { Theme };

/** Pins kept side by side; pinning one more drops the oldest. */
export const MAX_PINS = 3;

/**
 * The comparison the page opens with: each model on a node it fits on, in the precision it is
 * served in (Meta: Maverick in FP8 on one H100 host; DeepSeek-V3 in its FP8 checkpoint on 8 x H200).
 */
const DEFAULT_PINS: [string, string, Partial<DeploymentSettings>][] = [
  ['llama4-scout', 'Llama 4 Scout, BF16, 8 × H100', {}],
  ['llama4-maverick', 'Llama 4 Maverick, FP8, 8 × H100', { weights: 'fp8' }],
  ['deepseek-v3', 'DeepSeek-V3, FP8, 8 × H200', { deviceId: 'h200' }],
];

let nextPinId = 1;

function pin(config: ExplorerConfig, label: string): Pin {
  return { id: nextPinId++, label, config: structuredClone(config) };
}

function defaultPins(): Pin[] {
  return DEFAULT_PINS.map(([id, label, deployment]) => {
    const config = defaultConfig(id);
    return pin({ ...config, deployment: { ...config.deployment, ...deployment } }, label);
  });
}

/**
 * Setters check a change before taking it: a value the core rejects leaves the state as it was
 * and reports the problem under the control's name.
 */
export class ExplorerState {
  #config = $state.raw<ExplorerConfig>(defaultConfig());
  #result = $state.raw<ExplorerResult>(null!);
  /** Problems with the last rejected input, by control name. */
  errors = $state<Record<string, string>>({});
  importError = $state<string | null>(null);
  unit = $state<ByteUnit>('GB');
  theme = $state<Theme>('system');
  pins = $state.raw<Pin[]>(defaultPins());

  constructor(config: ExplorerConfig = defaultConfig()) {
    this.#config = config;
    this.#result = resolveExplorer(config);
  }

  get config(): ExplorerConfig {
    return this.#config;
  }

  /** The model's counts and the serving estimate of the current configuration. */
  get result(): ExplorerResult {
    return this.#result;
  }

  readonly arch: ArchValues = $derived(archValues(this.result.spec));
  /** "Llama 4 Scout", or "custom, based on Llama 4 Scout" after an edit. */
  readonly modelLabel: string = $derived(
    isEdited(this.result.base, this.result.spec)
      ? `custom, based on ${this.result.base.name}`
      : this.result.base.name,
  );
  readonly explanations = $derived(
    explain(
      this.result.spec,
      this.result.count,
      this.result.serving,
      this.config.deployment.kvDtype,
      this.unit,
    ),
  );

  /** Shows a configuration (from a link); false, with the state unchanged, if it is invalid. */
  load(config: ExplorerConfig): boolean {
    try {
      this.#set(config, resolveExplorer(config));
      return true;
    } catch (error) {
      if (error instanceof ConfigError) return false;
      throw error;
    }
  }

  selectPreset(id: string): void {
    if (!findPreset(id)) return;
    const config = { ...this.config, source: { kind: 'preset' as const, id }, arch: {} };
    this.#set(config, resolveExplorer(config));
    this.errors = {};
    this.importError = null;
  }

  /** Sets one architecture number, if the model stays valid. */
  setArch(field: keyof ArchValues, value: number): boolean {
    const config = { ...this.config, arch: { ...this.config.arch, [field]: value } };
    try {
      this.#set(config, resolveWithBase(this.result.base, config));
    } catch (error) {
      if (error instanceof ConfigError) return this.reject(field, error.message);
      throw error;
    }
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
    const result = resolveDeployment(this.result, deployment);
    if (result.servingError !== null) return this.reject(field, result.servingError);
    this.#set({ ...this.config, deployment }, result);
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
      const config = { ...this.config, source: { kind: 'config' as const, name, json }, arch: {} };
      this.#set(config, resolveWithBase(parseHFConfig(json, { name }), config));
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
    const config = { ...this.config, arch: {} };
    this.#set(config, resolveWithBase(this.result.base, config));
    this.errors = {};
  }

  pinCurrent(): void {
    this.pins = [...this.pins.slice(-(MAX_PINS - 1)), pin(this.config, this.modelLabel)];
  }

  unpin(id: number): void {
    this.pins = this.pins.filter((p) => p.id !== id);
  }

  #set(config: ExplorerConfig, result: ExplorerResult): void {
    this.#config = config;
    this.#result = result;
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
