/**
 * The comparison's data: each pin resolved once when the pins or their settings change (not on
 * a slider move), and the table in the chosen byte unit. A module of its own, so that an embed
 * that does not show the comparison does not load it.
 */
import {
  compareTable,
  resolvePin,
  type CompareSettings,
  type CompareTable,
} from '../core/index.ts';
import type { ExplorerState } from './explorer.svelte.ts';

export class ComparePanelState {
  constructor(private readonly explorer: ExplorerState) {}

  readonly #pinned = $derived.by(() =>
    this.explorer.pins.map((pin) => resolvePin(pin, this.explorer.compareSettings)),
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
