/**
 * The comparison's data: each pin resolved once when the pins or their settings change (not on
 * a slider move), and the table in the chosen byte unit. A module of its own, so that an embed
 * that does not show the comparison does not load it.
 */
import {
  compareTable,
  findPreset,
  presetLoaded,
  resolvePin,
  type CompareSettings,
  type CompareTable,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';
import { presetsLoading } from './family-readers.ts';

export class ComparePanelState {
  constructor(private readonly explorer: ExplorerState) {}

  /** Counts the loads of pinned presets that settled: each recomputes the columns. */
  #settled = $state(0);
  /**
   * Whether a pinned preset is still loading (the default pins: Maverick and DeepSeek-V3 load
   * when the comparison is first shown). One whose load failed gives a column without figures.
   */
  readonly loading = $derived.by(() => {
    void this.#settled;
    const ids = this.explorer.pins.map(({ config: { source } }) =>
      source.kind === 'preset' ? source.id : null,
    );
    const waiting = presetsLoading(ids);
    void waiting?.then(() => this.#settled++);
    return waiting !== null;
  });

  /** What the panel says above its table: a pinned model loading, or one that could not load. */
  readonly status = $derived.by(() => {
    if (this.loading) return 'Loading the pinned models…';
    const missing = this.explorer.pins
      .map(({ config: { source } }) => (source.kind === 'preset' ? findPreset(source.id) : null))
      .filter((preset) => preset && !presetLoaded(preset))
      .map((preset) => preset!.name)
      .filter((name, i, all) => all.indexOf(name) === i);
    if (missing.length === 0) return null;
    return `${missing.join(', ')} could not be loaded (check the connection and reload): no figures in ${missing.length === 1 ? 'its column' : 'their columns'}.`;
  });

  readonly #pinned = $derived.by(() =>
    this.loading
      ? []
      : this.explorer.pins.map((pin) => resolvePin(pin, this.explorer.compareSettings)),
  );
  readonly table: CompareTable = $derived.by(() => compareTable(this.#pinned, this.explorer.unit));

  /** Whether the columns share one GPU and precision, and which. */
  get settings(): CompareSettings {
    return this.explorer.compareSettings;
  }

  setSettings(patch: Partial<CompareSettings>): void {
    this.explorer.setCompareSettings(patch);
  }

  pin(): void {
    this.explorer.pinCurrent();
  }

  unpin(id: number): void {
    this.explorer.unpin(id);
  }
}
