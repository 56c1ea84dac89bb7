/**
 * The share-link codec: the whole explorer configuration as a short, readable query string,
 * and back. Pure: no `location`, no `history` (the adapter in url-sync.svelte.ts does that).
 *
 * Version 1, parameters (each left out when it equals the preset's or the default):
 *   v=1            codec version (the decoder is picked by it)
 *   m=<preset id>  model (default llama4-scout)
 *   L h E k s f kv hd dl st   layers, hidden size, routed experts, top-k, shared experts,
 *                  expert FFN size, KV heads, head dim, dense prefix, interleave step
 *   g n tp ep pp   GPU type, GPUs, tensor / expert / pipeline parallel
 *   w ew kd kl     weight, expert and KV precision, KV layout
 *   ctx b sk cf usd  context, batch, routing skew, capacity factor, $/GPU-hour
 *   u th           bytes unit (GiB), theme
 *
 * @example encode(defaultConfig()) // 'v=1'
 * @example decode('v=1&m=deepseek-v3&k=4').config.arch // { topK: 4 }
 */
import {
  ConfigError,
  CONTROLS,
  DEFAULT_DEPLOYMENT,
  DEFAULT_PRESET_ID,
  DEVICE_IDS,
  findPreset,
  KV_DTYPES,
  KV_LAYOUTS,
  parseHFConfig,
  presets,
  resolveExplorer,
  WEIGHT_FORMAT_IDS,
  type ArchOverrides,
  type ArchValues,
  type ControlId,
  type DeploymentSettings,
  type ExplorerConfig,
} from '../core/index.ts';
import { PRESENTATION_KEYS } from './presentation.ts';

export const CODEC_VERSION = 1;

/** What a link sets besides the model: view settings. */
export interface ViewSettings {
  unit: 'GB' | 'GiB';
  theme: 'system' | 'light' | 'dark';
}

export interface SharedState {
  config: ExplorerConfig;
  view: ViewSettings;
}

export const DEFAULT_VIEW: ViewSettings = { unit: 'GB', theme: 'system' };

const ARCH_KEYS: readonly [string, keyof ArchValues, ControlId][] = [
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

type NumberField = 'devices' | 'contextTokens' | 'batch' | 'skew' | 'capacityFactor' | 'usdPerHour';
const NUMBER_KEYS: readonly [string, NumberField, ControlId][] = [
  ['n', 'devices', 'devices'],
  ['ctx', 'contextTokens', 'context'],
  ['b', 'batch', 'batch'],
  ['sk', 'skew', 'skew'],
  ['cf', 'capacityFactor', 'capacityFactor'],
  ['usd', 'usdPerHour', 'usdPerHour'],
];

const LAYOUT_KEYS: readonly [string, 'tp' | 'ep' | 'pp'][] = [
  ['tp', 'tp'],
  ['ep', 'ep'],
  ['pp', 'pp'],
];

/** The query string for a state (without "?"): short, readable, defaults left out. */
export function encode(state: SharedState): string {
  const p = new URLSearchParams();
  p.set('v', String(CODEC_VERSION));
  const { source, arch, deployment: d } = state.config;
  if (source.kind === 'preset' && source.id !== DEFAULT_PRESET_ID) p.set('m', source.id);
  if (source.kind === 'config') encodeImported(p, source.name, source.json);
  for (const [key, field] of ARCH_KEYS) {
    const value = arch[field];
    if (value !== undefined) p.set(key, String(value));
  }
  const def = DEFAULT_DEPLOYMENT;
  if (d.deviceId !== def.deviceId) p.set('g', d.deviceId);
  for (const [key, field] of NUMBER_KEYS) {
    const value = d[field];
    if (value !== def[field] && value !== null) p.set(key, String(value));
  }
  for (const [key, field] of LAYOUT_KEYS) {
    if (d[field] !== def[field] && d[field] !== null) p.set(key, String(d[field]));
  }
  if (d.weights) p.set('w', d.weights);
  if (d.expertWeights) p.set('ew', d.expertWeights);
  if (d.kvDtype !== def.kvDtype) p.set('kd', d.kvDtype);
  if (d.kvLayout !== def.kvLayout) p.set('kl', d.kvLayout);
  if (state.view.unit !== DEFAULT_VIEW.unit) p.set('u', state.view.unit);
  if (state.view.theme !== DEFAULT_VIEW.theme) p.set('th', state.view.theme);
  return p.toString();
}

/**
 * An imported config as a preset plus overrides: the preset of the same model_type that
 * differs in the fewest fields, then `x.<field>=<JSON value>` for each field the parser reads
 * that differs (`x.<field>=` when the config does not have it), and `mn=<name>`.
 */
function encodeImported(p: URLSearchParams, name: string, json: unknown): void {
  const touched = new Set<string>();
  parseHFConfig(json, { touched });
  // The name travels as mn=; every other field the parser reads is compared.
  const paths = [...touched].filter((path) => path !== '_name_or_path').sort();
  const type = getPath(json, 'model_type');
  const sameType = presets.filter((preset) => getPath(preset.config, 'model_type') === type);
  let best: { id: string; diffs: [string, unknown][] } | null = null;
  for (const preset of sameType.length > 0 ? sameType : presets) {
    const diffs = paths
      .map((path) => [path, getPath(json, path)] as [string, unknown])
      .filter(
        ([path, value]) => !isObjectValue(value) && !sameJson(value, getPath(preset.config, path)),
      );
    if (!best || diffs.length < best.diffs.length) best = { id: preset.id, diffs };
  }
  if (!best) return;
  // Clearing a field the parser defaults to the preset's value changes nothing: leave it out.
  const base = findPreset(best.id)!.config;
  const target = specKey(json);
  const diffs = best.diffs.filter(
    ([, value], i, all) =>
      value !== undefined ||
      specKey(
        withOverrides(
          base,
          all.filter((_, j) => j !== i),
        ),
      ) !== target,
  );
  if (best.id !== DEFAULT_PRESET_ID) p.set('m', best.id);
  p.set('mn', name);
  for (const [path, value] of diffs)
    p.set(`x.${path}`, value === undefined ? '' : JSON.stringify(value));
}

/**
 * An imported config as a link carries it: the nearest preset's config with the differing
 * fields applied. The explorer keeps imports in this form, so that a link reproduces the state
 * exactly (decode(encode(s)) = s), and the model is the same as the file's.
 */
export function canonicalImport(name: string, json: unknown): Record<string, unknown> {
  const once = (input: unknown) => {
    const p = new URLSearchParams();
    encodeImported(p, name, input);
    return applyConfigOverrides(findPreset(p.get('m') ?? DEFAULT_PRESET_ID)!.config, p, []);
  };
  // Reading a config back can pick a closer preset; a few rounds reach the fixed point.
  let current = once(json);
  for (let round = 0; round < 4; round++) {
    const next = once(current);
    if (JSON.stringify(next) === JSON.stringify(current)) break;
    current = next;
  }
  return current;
}

/** The parsed model, as a comparable string (the name aside). */
function specKey(json: unknown): string {
  try {
    return JSON.stringify({ ...parseHFConfig(json), name: '' });
  } catch {
    return '';
  }
}

function withOverrides(
  base: Record<string, unknown>,
  diffs: [string, unknown][],
): Record<string, unknown> {
  const params = new URLSearchParams(
    diffs.map(([path, value]) => [`x.${path}`, value === undefined ? '' : JSON.stringify(value)]),
  );
  return applyConfigOverrides(base, params, []);
}

function isObjectValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function getPath(json: unknown, path: string): unknown {
  let node: unknown = json;
  for (const key of path.split('.')) {
    if (
      typeof node !== 'object' ||
      node === null ||
      Array.isArray(node) ||
      !Object.hasOwn(node, key)
    )
      return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Path segments a link may set: plain config names, never prototype keys. */
const SAFE_SEGMENT = /^[A-Za-z0-9_]{1,64}$/;
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Applies `x.<path>` overrides to a copy of a preset's config; bad ones become warnings. */
function applyConfigOverrides(
  base: Record<string, unknown>,
  params: URLSearchParams,
  warnings: string[],
): Record<string, unknown> {
  const json = structuredClone(base);
  for (const [key, text] of params) {
    if (!key.startsWith('x.')) continue;
    const segments = key.slice(2).split('.');
    if (segments.length > 3 || segments.some((s) => !SAFE_SEGMENT.test(s) || FORBIDDEN.has(s))) {
      warnings.push(`${shown(key)}: not a config field name; ignored`);
      continue;
    }
    let value: unknown;
    if (text !== '') {
      try {
        value = JSON.parse(text);
      } catch {
        warnings.push(`${key}: expected a JSON value, got ${shown(text)}; ignored`);
        continue;
      }
      const primitive = (v: unknown) =>
        v === null || ['number', 'string', 'boolean'].includes(typeof v);
      if (
        !primitive(value) &&
        !(Array.isArray(value) && value.length <= 4096 && value.every(primitive))
      ) {
        warnings.push(
          `${key}: expected a number, string, boolean or list, got ${shown(text)}; ignored`,
        );
        continue;
      }
    }
    let node = json;
    for (const segment of segments.slice(0, -1)) {
      const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    const last = segments[segments.length - 1]!;
    if (text === '') delete node[last];
    else node[last] = value;
  }
  return json;
}

export interface Decoded extends SharedState {
  /** One line per ignored parameter: which, the value, what was expected. */
  warnings: string[];
}

/** Shows a received value safely in a warning: trimmed, never markup (it is shown as text). */
function shown(value: string): string {
  const trimmed = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(trimmed);
}

/**
 * Reads a query string (with or without "?"). Never throws: unknown, malformed, out-of-range
 * or hostile values are left out and reported in `warnings`; the rest of the link applies.
 */
export function decode(query: string): Decoded {
  const warnings: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  } catch {
    return {
      config: defaultState().config,
      view: { ...DEFAULT_VIEW },
      warnings: ['the link could not be read'],
    };
  }
  const version = params.get('v');
  const v = version === null ? CODEC_VERSION : Number(version);
  if (!Number.isInteger(v) || !(v in DECODERS)) {
    warnings.push(
      `v: expected a link version (1), got ${shown(version ?? '')}; read as version ${CODEC_VERSION}`,
    );
  }
  const decoder = DECODERS[Number.isInteger(v) && v in DECODERS ? v : CODEC_VERSION]!;
  return decoder(params, warnings);
}

type Decoder = (params: URLSearchParams, warnings: string[]) => Decoded;

/** One decoder per version, so that old links keep opening when the format changes. */
const DECODERS: Record<number, Decoder> = { 1: decodeV1 };

function defaultState(): SharedState {
  return {
    config: {
      source: { kind: 'preset', id: DEFAULT_PRESET_ID },
      arch: {},
      deployment: { ...DEFAULT_DEPLOYMENT },
    },
    view: { ...DEFAULT_VIEW },
  };
}

const KNOWN = new Set<string>([
  ...PRESENTATION_KEYS,
  'v',
  'm',
  'mn',
  'g',
  'w',
  'ew',
  'kd',
  'kl',
  'u',
  'th',
  ...ARCH_KEYS.map(([k]) => k),
  ...NUMBER_KEYS.map(([k]) => k),
  ...LAYOUT_KEYS.map(([k]) => k),
]);

function decodeV1(params: URLSearchParams, warnings: string[]): Decoded {
  const state = defaultState();
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!KNOWN.has(key) && !key.startsWith('x.'))
      warnings.push(`${shown(key)}: not a parameter of this explorer; ignored`);
    else if (seen.has(key)) warnings.push(`${key}: given more than once; the first value is used`);
    seen.add(key);
  }
  const get = (key: string) => params.get(key);
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined => {
    const value = get(key);
    if (value === null) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    warnings.push(`${key}: expected one of ${allowed.join(', ')}, got ${shown(value)}; ignored`);
    return undefined;
  };
  const number = (key: string, control: ControlId, integer: boolean): number | undefined => {
    const text = get(key);
    if (text === null) return undefined;
    const c = CONTROLS[control];
    const value = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    if (
      !Number.isFinite(value) ||
      value < c.min ||
      value > c.max ||
      (integer && !Number.isInteger(value))
    ) {
      warnings.push(
        `${key} (${c.label}): expected ${integer ? 'a whole number' : 'a number'} from ${c.min} to ${c.max}, got ${shown(text)}; ignored`,
      );
      return undefined;
    }
    return value;
  };

  const model = get('m');
  if (model !== null) {
    if (findPreset(model)) state.config.source = { kind: 'preset', id: model };
    else
      warnings.push(`m: expected a preset id, got ${shown(model)}; showing ${DEFAULT_PRESET_ID}`);
  }
  const name = get('mn');
  if (name !== null || [...params.keys()].some((k) => k.startsWith('x.'))) {
    const base = findPreset(
      state.config.source.kind === 'preset' ? state.config.source.id : DEFAULT_PRESET_ID,
    )!;
    const json = applyConfigOverrides(base.config, params, warnings);
    try {
      parseHFConfig(json);
      state.config.source = {
        kind: 'config',
        name: (name ?? `${base.name} (edited)`).slice(0, 120),
        json,
      };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      warnings.push(
        `x.*: the imported config is not valid (${error.message}); showing ${base.name}`,
      );
    }
  }
  const arch: ArchOverrides = {};
  for (const [key, field, control] of ARCH_KEYS) {
    const value = number(key, control, true);
    if (value !== undefined) arch[field] = value;
  }
  state.config.arch = arch;
  const d: DeploymentSettings = state.config.deployment;
  const device = oneOf('g', DEVICE_IDS);
  if (device) d.deviceId = device;
  for (const [key, field, control] of NUMBER_KEYS) {
    const value = number(key, control, CONTROLS[control].step === 1);
    if (value !== undefined) d[field] = value;
  }
  for (const [key, field] of LAYOUT_KEYS) {
    const value = number(key, 'devices', true);
    if (value !== undefined) d[field] = value;
  }
  d.weights = oneOf('w', WEIGHT_FORMAT_IDS) ?? null;
  d.expertWeights = oneOf('ew', WEIGHT_FORMAT_IDS) ?? null;
  d.kvDtype = oneOf('kd', KV_DTYPES) ?? d.kvDtype;
  d.kvLayout = oneOf('kl', KV_LAYOUTS) ?? d.kvLayout;
  state.view.unit = oneOf('u', ['GB', 'GiB'] as const) ?? 'GB';
  state.view.theme = oneOf('th', ['system', 'light', 'dark'] as const) ?? 'system';
  return { ...sanitize(state, warnings), warnings };
}

/**
 * Values that are each in range can still not fit together (top-k above the experts, a
 * tensor-parallel size that does not divide the heads): such values are dropped, last first,
 * with a warning, until the model and the layout are valid.
 */
function sanitize(state: SharedState, warnings: string[]): SharedState {
  const config = state.config;
  const keys = ARCH_KEYS.filter(([, field]) => config.arch[field] !== undefined);
  for (;;) {
    try {
      const result = resolveExplorer(config);
      if (result.servingError) {
        const { tp, ep, pp } = config.deployment;
        if (tp !== null || ep !== 1 || pp !== 1) {
          warnings.push(`tp, ep, pp: ${result.servingError}; the default layout is used`);
          config.deployment = { ...config.deployment, tp: null, ep: 1, pp: 1 };
          continue;
        }
      }
      return state;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const last = keys.pop();
      if (!last) return { config: { ...config, arch: {} }, view: state.view };
      const [key, field] = last;
      warnings.push(`${key}: ${error.message}; ignored`);
      const { [field]: _, ...rest } = config.arch;
      config.arch = rest;
    }
  }
}
