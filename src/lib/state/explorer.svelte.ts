/**
 * The one explorer state: a configuration and a few view settings. Every result the page
 * shows is derived from them here, once per change; components read these and call the
 * setters, and never compute the model themselves.
 */
import {
  applyOverrides,
  archValues,
  baseSpec,
  countParams,
  DEFAULT_COMPARE,
  defaultComparison,
  defaultConfig,
  deploymentLabel,
  DEFAULT_PRESET_ID,
  findPreset,
  isEdited,
  MAX_PINS,
  resolveDeployment,
  resolveWithBase,
  type ArchValues,
  type ByteUnit,
  type DeploymentLabel,
  type CompareSettings,
  type Comparison,
  type DeploymentSettings,
  type ExplorerConfig,
  type ExplorerResult,
  type ModelSpec,
  type Pin,
  type PlanSettings,
  type TrainingSettings,
  DEFAULT_TRAINING,
} from '../core/index.ts';

import type { Theme } from '../share/link-format.ts';
import { describeError } from '../share/notices.ts';
import { servingPending } from './serving-stand-ins.ts';

export type { Theme };

let nextPinId = 1;

/**
 * resolveWithBase, or, while the serving model is not at hand (share.ts `loadServing`,
 * serving-stand-ins.ts), the model and its counts alone: no serving numbers, and no error either, as none is known yet.
 */
function resolveOrCount(base: ModelSpec, config: ExplorerConfig): ExplorerResult {
  if (!servingPending()) return resolveWithBase(base, config);
  const spec = applyOverrides(base, config.arch);
  return {
    base,
    spec,
    count: countParams(spec),
    resolved: null,
    serving: null,
    servingError: null,
  };
}

/** Whether the serving numbers are shown, still loading, or could not load (share.ts). */
export type ServingStatus = 'ready' | 'loading' | 'failed';

function pin(config: ExplorerConfig): Pin {
  return { id: nextPinId++, config: structuredClone(config) };
}

/**
 * Setters check a change before taking it: a value the core rejects leaves the state as it was
 * and reports the problem under the control's name.
 */
export class ExplorerState {
  #config = $state.raw<ExplorerConfig>(defaultConfig());
  #result = $state.raw<ExplorerResult>(null!);
  /** Problems with the last rejected input, by control name. */
  errors = $state.raw<Record<string, string>>({});
  importError = $state<string | null>(null);
  unit = $state<ByteUnit>('GB');
  theme = $state<Theme>('system');
  pins = $state.raw<Pin[]>(defaultComparison().pins.map(pin));
  /** How the pinned columns are deployed (one GPU and precision for all, by default). */
  compareSettings = $state.raw<CompareSettings>({ ...DEFAULT_COMPARE });
  /**
   * The Training view's settings. Taken as given: whether they fit the model (a layout that
   * divides the GPUs) is the panel's to say (training-view.ts `trainingFacts`). Set by
   * the panel (training-panel.svelte.ts), a link and a guided question.
   */
  training = $state.raw<TrainingSettings>({ ...DEFAULT_TRAINING });
  /**
   * The Plan view's settings (core explorer/plan-settings.ts); null: the default ones, which
   * load with the panel (the page and the element start without them). Set by the panel
   * (plan-panel.svelte.ts) and a link.
   */
  plan = $state.raw<PlanSettings | null>(null);
  /** 'loading' while the serving model is not at hand: the result then has counts only. */
  servingStatus = $state<ServingStatus>(servingPending() ? 'loading' : 'ready');

  constructor(config: ExplorerConfig = defaultConfig()) {
    this.#config = config;
    this.#result = resolveOrCount(baseSpec(config.source), config);
  }

  /** The serving model has loaded: the current model on `deployment`, with its numbers. */
  completeServing(deployment: DeploymentSettings): void {
    const config = { ...this.config, deployment };
    this.#set(config, resolveWithBase(this.result.base, config));
    this.servingStatus = 'ready';
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

  /** The deployment the serving numbers describe, in words; null for invalid settings. */
  readonly deploymentLabel: DeploymentLabel | null = $derived(
    this.result.resolved ? deploymentLabel(this.result.resolved) : null,
  );

  /** Shows a configuration (from a link); false, with the state unchanged, if it is invalid. */
  load(config: ExplorerConfig): boolean {
    return this.open(config) === null;
  }

  /**
   * Shows a configuration; if the model refuses it (ConfigError, or anything else: a link or a
   * file is hostile input), the state stays as it was and the reason comes back.
   */
  open(config: ExplorerConfig): string | null {
    try {
      this.#set(config, resolveOrCount(baseSpec(config.source), config));
      return null;
    } catch (error) {
      return describeError(error);
    }
  }

  selectPreset(id: string): void {
    if (!findPreset(id)) return;
    const source = { kind: 'preset' as const, id };
    const base = baseSpec(source);
    // MTP drafts with the model's own modules: a model without them turns it off.
    const { deployment } = this.config;
    const keep = deployment.speculative?.method !== 'mtp' || (base.mtp?.modules ?? 0) > 0;
    const config = {
      ...this.config,
      source,
      arch: {},
      deployment: keep ? deployment : { ...deployment, speculative: null },
    };
    this.#set(config, resolveOrCount(base, config));
    this.errors = {};
    this.importError = null;
  }

  /** Sets one architecture number, if the model stays valid. */
  setArch(field: keyof ArchValues, value: number): boolean {
    const config = { ...this.config, arch: { ...this.config.arch, [field]: value } };
    try {
      this.#set(config, resolveOrCount(this.result.base, config));
    } catch (error) {
      // A ConfigError names the field; anything else (a count too big to hold) is refused too.
      return this.reject(field, describeError(error));
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
    let result: ExplorerResult;
    try {
      result = resolveDeployment(this.result, deployment);
    } catch (error) {
      return this.reject(field, describeError(error));
    }
    if (result.servingError !== null) return this.reject(field, result.servingError);
    this.#set({ ...this.config, deployment }, result);
    return this.accept(field);
  }

  /**
   * Shows an imported config (import-config.ts), clearing the problems of earlier input; on
   * failure, the state stays and `importError` says why, named after the file.
   */
  showImport(config: ExplorerConfig, fileName: string): boolean {
    const error = this.open(config);
    this.importError = error === null ? null : `${fileName}: ${error}`;
    if (error === null) this.errors = {};
    return error === null;
  }

  resetArch(): void {
    const config = { ...this.config, arch: {} };
    this.#set(config, resolveOrCount(this.result.base, config));
    this.errors = {};
  }

  pinCurrent(): void {
    this.pins = [...this.pins.slice(-(MAX_PINS - 1)), pin(this.config)];
  }

  unpin(id: number): void {
    this.pins = this.pins.filter((p) => p.id !== id);
  }

  setCompareSettings(patch: Partial<CompareSettings>): void {
    this.compareSettings = { ...this.compareSettings, ...patch };
  }

  /** The pins and their settings, as a share link carries them. */
  get comparison(): Comparison {
    return { pins: this.pins.map((p) => p.config), settings: this.compareSettings };
  }

  /** Shows the comparison of a link (its last MAX_PINS pins). */
  loadComparison(comparison: Comparison): void {
    this.pins = comparison.pins.slice(-MAX_PINS).map(pin);
    this.compareSettings = { ...comparison.settings };
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
