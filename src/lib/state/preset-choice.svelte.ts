/**
 * Choosing a preset in the picker: a preset other than the default loads first (its config and
 * its family's reader, a chunk each), so the choice is shown once it has; the last choice wins,
 * and one that could not load says so and leaves the model as it was.
 */
import { findPreset, presetLoaded, presets, trainingForPreset } from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { presetsLoading } from './family-readers.ts';

export class PresetChoice {
  /** The preset chosen and still loading, if any. */
  loading = $state<string | null>(null);
  /** Why the last choice could not be shown, if it could not. */
  failure = $state<string | null>(null);

  constructor(private readonly explorer: ExplorerState) {}

  /** The name of the preset loading, for "Loading …". */
  get loadingName(): string | null {
    return this.loading === null ? null : (findPreset(this.loading)?.name ?? null);
  }

  /**
   * Fetches every preset when the picker is about to be used (pointer over it, or focus): by
   * the time a choice is made they are usually at hand, with no download at the page's start.
   */
  prefetch(): void {
    void presetsLoading(presets.map((preset) => preset.id));
  }

  /** Shows preset `id` once it has loaded; true if it is shown. */
  async choose(id: string): Promise<boolean> {
    const preset = findPreset(id);
    if (!preset) return false;
    this.failure = null;
    const waiting = presetsLoading([id], { retry: true });
    if (waiting) {
      this.loading = id;
      await waiting;
      if (this.loading !== id) return false; // another choice came meanwhile
      this.loading = null;
    }
    if (!presetLoaded(preset)) {
      this.failure = `${preset.name} could not be loaded: check the connection and choose it again.`;
      return false;
    }
    this.explorer.selectPreset(id);
    // A published training run the reader has not changed follows the model to its own.
    this.explorer.training = trainingForPreset(id, this.explorer.training);
    return true;
  }
}
