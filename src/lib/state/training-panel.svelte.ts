/**
 * The Training view's data: the run, the memory, the curve and the formulas, derived once per
 * change of the model, the training settings or the byte unit (training-view.ts). A module of
 * its own, loaded with the panel, so the page and an embed without it do not load the training
 * model.
 */
import {
  isEdited,
  isPublishedRun,
  TRAINING_SCENARIOS,
  trainingFacts,
  trainingFitSuggestions,
  type TrainingFacts,
  type TrainingFitSuggestion,
  type TrainingScenario,
  type TrainingSettings,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { PresetChoice } from './preset-choice.svelte.ts';

/** What the Training view draws: live (TrainingPanelState) or a LazyView's snapshot of it. */
export interface TrainingView {
  readonly facts: TrainingFacts;
  readonly settings: TrainingSettings;
  readonly unit: ExplorerState['unit'];
  readonly modelLabel: string;
}

export class TrainingPanelState implements TrainingView {
  readonly #choice: PresetChoice;

  constructor(private readonly explorer: ExplorerState) {
    this.#choice = new PresetChoice(explorer);
  }

  /** The preset shown, unedited; null for an edited or imported model (no published point). */
  readonly presetId: string | null = $derived.by(() => {
    const { config, result } = this.explorer;
    const { source } = config;
    return source.kind === 'preset' && !isEdited(result.base, result.spec) ? source.id : null;
  });

  readonly facts: TrainingFacts = $derived.by(() => {
    const { spec, count } = this.explorer.result;
    return trainingFacts(spec, count, this.explorer.training, this.presetId, this.explorer.unit);
  });

  get settings(): TrainingSettings {
    return this.explorer.training;
  }
  get unit() {
    return this.explorer.unit;
  }
  get modelLabel(): string {
    return this.explorer.modelLabel;
  }
  /** The preset of a scenario still loading, for "Loading …". */
  get loadingScenario(): string | null {
    return this.#choice.loadingName;
  }
  get scenarioFailure(): string | null {
    return this.#choice.failure;
  }

  /**
   * The smallest changes that make the layout fit in memory (core explorer/training-fit.ts);
   * empty when it fits. A few dozen memory estimates: the advice calls it when idle.
   */
  fitSuggestions(): TrainingFitSuggestion[] {
    const { spec, count } = this.explorer.result;
    return trainingFitSuggestions({ spec, count }, this.explorer.training);
  }

  set(patch: Partial<TrainingSettings>): void {
    this.explorer.training = { ...this.explorer.training, ...patch };
  }

  /** Shows a published run as its source states it: its model (once loaded) and its settings. */
  async applyScenario(scenario: TrainingScenario): Promise<boolean> {
    const shown = await this.#choice.choose(scenario.presetId);
    if (shown) this.explorer.training = structuredClone(scenario.settings);
    return shown;
  }

  readonly scenarios = TRAINING_SCENARIOS;

  /** Whether the model and settings shown are `scenario` as published (its button pressed). */
  shows(scenario: TrainingScenario): boolean {
    return scenario.presetId === this.presetId && isPublishedRun(this.presetId, this.settings);
  }

  /** A plain copy, for a LazyView to keep while the panel is off screen. */
  snapshot(): TrainingView {
    const { facts, settings, unit, modelLabel } = this;
    return { facts, settings, unit, modelLabel };
  }
}
