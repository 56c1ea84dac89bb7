/**
 * The system-RAM controls' state: turning the host on and off, its settings, and what the page
 * says about the placement (how much each side holds, the suggested --n-cpu-moe). Loaded with
 * the controls (HostControls.svelte), with the local model: the first download has neither.
 */
import {
  ddrBytesPerSecond,
  ddrOf,
  describeHostRange,
  gpuShareSource,
  HOST_RANGES,
  inHostRange,
  type HostRange,
  type HostSettings,
  type LocalServingEstimate,
} from '../core/index.ts';
import { canonicalNumber } from '../share/decimals.ts';
import type { ControlsState } from './controls.svelte.ts';
import { defaultHost } from './host-settings.ts';
import { install } from './local-model.ts';

/** The host's number settings as the controls name them (and their errors). */
export type HostNumberField = 'ram' | 'rbw' | 'ncmoe' | 'ngl' | 'gshare';

/** The GPU share as its field shows it: a percentage of the core's fraction. */
const GPU_SHARE_PERCENT: HostRange = {
  label: 'GPU share of the unified pool, %',
  min: HOST_RANGES.gpuShare.min * 100,
  max: HOST_RANGES.gpuShare.max * 100,
  integer: false,
};

/** Each field's range, in the unit it is typed in; blank: null (every layer, the default share). */
const FIELDS: Record<HostNumberField, { range: HostRange; blank: boolean }> = {
  ram: { range: HOST_RANGES.ram, blank: false },
  rbw: { range: HOST_RANGES.rbw, blank: false },
  ncmoe: { range: HOST_RANGES.ncmoe, blank: false },
  ngl: { range: HOST_RANGES.ngl, blank: true },
  gshare: { range: GPU_SHARE_PERCENT, blank: true },
};

/** The local estimate of a deployment with a host; null for a data-centre one. */
export function localEstimateOf(serving: unknown): LocalServingEstimate | null {
  return serving !== null && typeof serving === 'object' && 'hostBytes' in serving
    ? (serving as LocalServingEstimate)
    : null;
}

export class HostControlsState {
  constructor(readonly controls: ControlsState) {}
  /** Range errors of the number fields, by field; the model's own come from the explorer. */
  errors = $state.raw<Partial<Record<HostNumberField | 'host', string>>>({});

  get explorer() {
    return this.controls.explorer;
  }
  get host(): HostSettings | null {
    return this.explorer.config.deployment.host;
  }
  readonly local = $derived.by(() => localEstimateOf(this.explorer.result.serving));
  /** The unified pool's GPU share, for a device whose GPU and CPU share one memory. */
  readonly unified = $derived.by(() => this.controls.device?.unified ?? null);
  /**
   * A unified device's GPU share: the one in use (the host's, else the device's default), the
   * default, where the default comes from and how it is changed; null for a GPU with its own
   * memory.
   */
  readonly gpuShare = $derived.by(() => {
    const device = this.controls.device;
    const unified = device?.unified;
    if (!device || !unified) return null;
    const set = this.host?.gpuShare ?? null;
    return {
      share: set ?? unified.gpuShare,
      defaultShare: unified.gpuShare,
      changed: set !== null && set !== unified.gpuShare,
      source: gpuShareSource(device.id) ?? null,
      poolBytes: device.memoryBytes,
    };
  });
  /** Layers llama.cpp counts for --n-cpu-moe and -ngl (every decoder layer). */
  readonly layers = $derived.by(() => this.explorer.result.count.layers.length);
  /** The speed and channels last picked, kept while the bandwidth is theirs. */
  #picked = $state.raw<{ mts: number; channels: number } | null>(null);
  /** The DDR speed and channels of the host's bandwidth; null for a measured figure. */
  readonly ddr = $derived.by(() => {
    const bandwidth = this.host?.bandwidthBytesPerSecond;
    if (bandwidth === undefined) return null;
    const picked = this.#picked;
    return picked && ddrBytesPerSecond(picked.mts, picked.channels) === bandwidth
      ? picked
      : ddrOf(bandwidth);
  });
  /** Layers whose routed experts are in RAM now. */
  readonly expertLayersInRam = $derived.by(() => {
    const layers = this.local?.placement.layers ?? [];
    return layers.filter((l) => l.experts === 'host').length;
  });

  /**
   * The --n-cpu-moe to suggest: the fewest expert layers in RAM for the GPU to fit, when the
   * GPU does not fit now ('fit'), or when more layers than that are in RAM ('faster'); null
   * when there is nothing to suggest.
   */
  readonly suggestion = $derived.by(() => {
    const l = this.local;
    const host = this.host;
    const n = l?.suggestedNCpuMoe ?? null;
    if (!l || !host || n === null) return null;
    if (!l.fitsDevice) return { n, why: 'fit' as const };
    const current = host.cpuMoe ? this.layers : host.nCpuMoe;
    return current > n ? { n, why: 'faster' as const } : null;
  });

  /** Turns system RAM on (one GPU, the device's own link) or off. */
  setOn(on: boolean): boolean {
    if (!on) return this.explorer.updateDeployment({ host: null }, 'host');
    install();
    const host = defaultHost(this.controls.device);
    return this.explorer.updateDeployment({ host, devices: 1, tp: null, ep: 1, pp: 1 }, 'host');
  }

  /** Changes some of the host's settings, if there is a host and the model takes them. */
  set(patch: Partial<HostSettings>, field = 'host'): boolean {
    const host = this.host;
    return host !== null && this.explorer.updateDeployment({ host: { ...host, ...patch } }, field);
  }

  /**
   * Sets a number field from its text: GB for RAM, GB/s for its bandwidth, layers for the
   * placement flags, a percentage for a unified pool's GPU share; blank GPU layers means every
   * layer, a blank share the device's default. A value out of range is refused.
   */
  setNumber(field: HostNumberField, text: string): boolean {
    const { range, blank } = FIELDS[field];
    const value = text.trim() === '' ? null : Number(text);
    const refuse = (message: string) => (
      (this.errors = { ...this.errors, [field]: message }),
      false
    );
    if (value === null && !blank) return refuse(`${range.label}: expected a number`);
    if (value !== null && !inHostRange(range, value))
      return refuse(`${range.label}: expected ${describeHostRange(range)}, got ${text.trim()}`);
    const { [field]: _, ...rest } = this.errors;
    this.errors = rest;
    return this.set(patchOf(field, value), field);
  }

  /** Gives a unified pool's GPU share back to the device's default. */
  resetGpuShare(): boolean {
    const { gshare: _, ...rest } = this.errors;
    this.errors = rest;
    return this.set({ gpuShare: null }, 'gshare');
  }

  /** Sets the bandwidth to that of DDR memory at `mts` MT/s on `channels` channels. */
  setDdr(mts: number, channels: number): boolean {
    this.#picked = { mts, channels };
    return this.set({ bandwidthBytesPerSecond: ddrBytesPerSecond(mts, channels) }, 'rbw');
  }

  /** Applies the suggested --n-cpu-moe (and turns --cpu-moe off). */
  applySuggestion(): boolean {
    const s = this.suggestion;
    return s !== null && this.set({ cpuMoe: false, nCpuMoe: s.n }, 'ncmoe');
  }
}

/** The host settings a number field's value sets. */
function patchOf(field: HostNumberField, value: number | null): Partial<HostSettings> {
  switch (field) {
    case 'ram':
      return { memoryBytes: Math.round(value! * 1e9) };
    case 'rbw':
      return { bandwidthBytesPerSecond: Math.round(value! * 1e9) };
    case 'ncmoe':
      return { nCpuMoe: value! };
    case 'ngl':
      return { gpuLayers: value };
    case 'gshare':
      return { gpuShare: value === null ? null : canonicalNumber(value / 100) };
  }
}
