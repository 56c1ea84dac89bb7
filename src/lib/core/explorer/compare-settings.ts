/**
 * What the comparison shows, as data: the pins it opens with, how many it keeps, and the one
 * GPU and precision its columns share unless the reader turns that off. Small on purpose: the
 * share link reads it, while the table itself (compare.ts) loads with the panel.
 */
import type { WeightFormatId } from '../serving/weight-formats.ts';
import { DEFAULT_DEPLOYMENT, type ExplorerConfig } from './explorer-config.ts';

/** Pins kept side by side; pinning one more drops the oldest. */
export const MAX_PINS = 3;

/** How the columns are deployed. */
export interface CompareSettings {
  /** true: every column on `devices` × `deviceId` in `weights`; false: each pin keeps its own. */
  same: boolean;
  deviceId: string;
  devices: number;
  weights: WeightFormatId;
}

/** The pins and the settings: what a share link carries of the comparison. */
export interface Comparison {
  pins: ExplorerConfig[];
  settings: CompareSettings;
}

/**
 * One node every default pin fits on, in one precision: 8 × H200 in FP8 holds DeepSeek-V3's
 * 671B parameters (its own checkpoint format) with room for the KV cache.
 */
export const DEFAULT_COMPARE: Readonly<CompareSettings> = {
  same: true,
  deviceId: 'h200',
  devices: 8,
  weights: 'fp8',
};

/**
 * The comparison the page opens with, each on a node it is served on, in its served precision
 * (Meta: Maverick in FP8 on one H100 host; DeepSeek-V3 in its FP8 checkpoint on 8 x H200).
 */
export function defaultComparison(): Comparison {
  const pin = (id: string, deployment: Partial<ExplorerConfig['deployment']>): ExplorerConfig => ({
    source: { kind: 'preset', id },
    arch: {},
    deployment: { ...DEFAULT_DEPLOYMENT, ...deployment },
  });
  return {
    pins: [
      pin('llama4-scout', {}),
      pin('llama4-maverick', { weights: 'fp8' }),
      pin('deepseek-v3', { deviceId: 'h200' }),
    ],
    settings: { ...DEFAULT_COMPARE },
  };
}

/**
 * The configuration a column shows: the pin's own, or with `same` on, the pin's model, context
 * and batch on the shared GPUs and precision, in the automatic layout at the catalog price (a
 * pin's layout or price was chosen for its own GPUs). A pin with system RAM keeps its host on
 * one of the shared GPUs: a host goes with one GPU (serving/local-estimate.ts).
 */
export function comparedConfig(pin: ExplorerConfig, settings: CompareSettings): ExplorerConfig {
  if (!settings.same) return pin;
  return {
    ...pin,
    deployment: {
      ...pin.deployment,
      deviceId: settings.deviceId,
      devices: pin.deployment.host ? 1 : settings.devices,
      weights: settings.weights,
      expertWeights: null,
      tp: null,
      ep: 1,
      pp: 1,
      usdPerHour: null,
    },
  };
}
