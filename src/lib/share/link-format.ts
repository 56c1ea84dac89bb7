/**
 * The share link's format, version 1: its parameters and the state they carry. Shared by the
 * encoder and the decoders (url-codec.ts, decode-v1.ts).
 */
import {
  DEFAULT_DEPLOYMENT,
  DEFAULT_PRESET_ID,
  type ArchValues,
  type ByteUnit,
  type Comparison,
  type ControlId,
  type ExplorerConfig,
  type PlanSettings,
  type TrainingSettings,
} from '../core/index.ts';
import { HOST_KEYS } from './host-keys.ts';
import type { HubLink } from './hub-link.ts';
import { escapeHidden } from './model-name.ts';
import { PRESENTATION_KEYS } from './presentation.ts';
import { PLAN_KEYS } from './plan-keys.ts';
import { TRAINING_KEYS } from './training-keys.ts';

export const CODEC_VERSION = 1;

/** The page's colour theme: the system's, or one chosen. */
export type Theme = 'system' | 'light' | 'dark';

/** What a link sets besides the model: view settings. */
export interface ViewSettings {
  unit: ByteUnit;
  theme: Theme;
}

export interface SharedState {
  config: ExplorerConfig;
  view: ViewSettings;
  /** The pins and how they are deployed; left out, the default comparison. */
  compare?: Comparison;
  /** The Hub model the config was read from (`hf=`, `hub=`), to read again when opened. */
  hub?: HubLink;
  /** The Training view's settings (training-keys.ts); left out, the default (Scout's card). */
  training?: TrainingSettings;
  /** The Plan view's settings (plan-keys.ts); left out or null, the default ones. */
  plan?: PlanSettings | null;
}

export const DEFAULT_VIEW: ViewSettings = { unit: 'GB', theme: 'system' };

export const ARCH_KEYS: readonly [string, keyof ArchValues, ControlId][] = [
  ['L', 'layers', 'layers'],
  ['h', 'hiddenSize', 'hiddenSize'],
  ['E', 'experts', 'experts'],
  ['k', 'topK', 'topK'],
  ['s', 'sharedExperts', 'sharedExperts'],
  ['f', 'expertFfn', 'expertFfn'],
  ['kv', 'kvHeads', 'kvHeads'],
  ['hd', 'headDim', 'headDim'],
  ['dl', 'denseLayers', 'denseLayers'],
  ['st', 'moeStep', 'moeStep'],
];

export type NumberField =
  'devices' | 'contextTokens' | 'batch' | 'skew' | 'capacityFactor' | 'usdPerHour';
export const NUMBER_KEYS: readonly [string, NumberField, ControlId][] = [
  ['n', 'devices', 'devices'],
  ['ctx', 'contextTokens', 'context'],
  ['b', 'batch', 'batch'],
  ['sk', 'skew', 'skew'],
  ['cf', 'capacityFactor', 'capacityFactor'],
  ['usd', 'usdPerHour', 'usdPerHour'],
];

export const LAYOUT_KEYS: readonly [string, 'tp' | 'ep' | 'pp'][] = [
  ['tp', 'tp'],
  ['ep', 'ep'],
  ['pp', 'pp'],
];

/** The engine, devices per node, sequences, CUDA-graph batch, vLLM's scheduler and CUDA graphs, SGLang's mixed chunks, eager prefill and prefill delayer, speculative decoding, and the whole run's prompt and answer tokens and benchmark run (decode-serving.ts `readEngine`). */
export const ENGINE_KEYS = [
  'eng',
  'gpn',
  'mns',
  'cgb',
  'mf',
  'mbt',
  'ss',
  'pw',
  'mc',
  'ef',
  'pd',
  'sd',
  'dt',
  'acc',
  'wi',
  'wo',
  'wn',
  'wr',
  'ws',
  'wmin',
  'wmax',
] as const;

export interface Decoded extends SharedState {
  compare: Comparison;
  training: TrainingSettings;
  /** One line per ignored parameter: which, the value, what was expected. */
  warnings: string[];
}

/**
 * Shows a received value safely in a warning: trimmed, quoted, hidden characters (controls,
 * bidirectional overrides) spelled out as \u escapes, never markup (it is shown as text).
 */
export function shown(value: string): string {
  const trimmed = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return escapeHidden(JSON.stringify(trimmed));
}

export function defaultState(): SharedState {
  return {
    config: {
      source: { kind: 'preset', id: DEFAULT_PRESET_ID },
      arch: {},
      deployment: { ...DEFAULT_DEPLOYMENT },
    },
    view: { ...DEFAULT_VIEW },
  };
}

/**
 * The parameters a pin (`p=<preset id>,<key>:<value>,...`) may carry: the model's and the
 * deployment's, besides the `x.<field>` edits.
 */
export const PIN_KEYS = new Set<string>([
  'mn',
  'g',
  'w',
  'ew',
  'kd',
  'kl',
  ...ENGINE_KEYS,
  ...ARCH_KEYS.map(([k]) => k),
  ...NUMBER_KEYS.map(([k]) => k),
  ...LAYOUT_KEYS.map(([k]) => k),
  ...HOST_KEYS,
]);

/**
 * The comparison's parameters: `p` (one per pinned column, in order; `p=` alone: none),
 * `cs=0` (each column on its own GPUs), `cg` `cn` `cw` (the shared GPU type, count, precision).
 */
export const COMPARE_KEYS = ['p', 'cs', 'cg', 'cn', 'cw'] as const;

/** Every parameter name of version 1 but the `x.<field>` edits. */
export const KNOWN = new Set<string>([
  ...PRESENTATION_KEYS,
  ...PIN_KEYS,
  ...COMPARE_KEYS,
  ...TRAINING_KEYS,
  ...PLAN_KEYS,
  'v',
  'm',
  'u',
  'th',
  'hf',
  'hub',
  'gguf',
  // The published run a link was opened from (state/opened-run.ts): read at start, not state.
  'from',
]);
