/**
 * Version 1 of the share link, read back. Never throws: unknown, malformed, out-of-range or
 * hostile values are left out and reported in `warnings`; the rest of the link applies.
 */
import {
  ConfigError,
  CONTROLS,
  DEFAULT_COMPARE,
  DEFAULT_DEPLOYMENT,
  DEFAULT_PRESET_ID,
  defaultComparison,
  DEVICE_IDS,
  findPreset,
  KV_DTYPES,
  KV_LAYOUTS,
  applyFieldEdits,
  isEditablePath,
  parseHFConfig,
  resolveExplorer,
  WEIGHT_FORMAT_IDS,
  type ArchOverrides,
  type CompareSettings,
  type Comparison,
  type ControlId,
  type DeploymentSettings,
  type ExplorerConfig,
  type FieldEdit,
} from '../core/index.ts';
import {
  ARCH_KEYS,
  KNOWN,
  LAYOUT_KEYS,
  NUMBER_KEYS,
  shown,
  type Decoded,
  type ViewSettings,
} from './link-format.ts';
import { readPins } from './decode-pins.ts';

/** The `x.<path>` parameters of a link as field edits; bad ones become warnings. */
function readFieldEdits(params: URLSearchParams, warnings: string[]): FieldEdit[] {
  const edits: FieldEdit[] = [];
  const primitive = (v: unknown) =>
    v === null || ['number', 'string', 'boolean'].includes(typeof v);
  for (const [key, text] of params) {
    if (!key.startsWith('x.')) continue;
    const path = key.slice(2);
    if (!isEditablePath(path)) {
      warnings.push(`${shown(key)}: not a config field name; ignored`);
      continue;
    }
    if (text === '') {
      edits.push([path, undefined]);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      warnings.push(`${key}: expected a JSON value, got ${shown(text)}; ignored`);
      continue;
    }
    if (
      !primitive(value) &&
      !(Array.isArray(value) && value.length <= 4096 && value.every(primitive))
    ) {
      warnings.push(
        `${key}: expected a number, string, boolean or list, got ${shown(text)}; ignored`,
      );
      continue;
    }
    edits.push([path, value]);
  }
  return edits;
}

/** Typed reads of a link's parameters; every refused value becomes a warning. */
class LinkReader {
  constructor(
    readonly params: URLSearchParams,
    readonly warnings: string[],
  ) {}

  get(key: string): string | null {
    return this.params.get(key);
  }

  /** One of `allowed`, or undefined (with a warning when a value was given). */
  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.get(key);
    if (value === null) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.warnings.push(
      `${key}: expected one of ${allowed.join(', ')}, got ${shown(value)}; ignored`,
    );
    return undefined;
  }

  /** A plain decimal number within a control's range, or undefined (with a warning). */
  number(key: string, control: ControlId, integer: boolean): number | undefined {
    const text = this.get(key);
    if (text === null) return undefined;
    const c = CONTROLS[control];
    const value = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
    if (
      !Number.isFinite(value) ||
      value < c.min ||
      value > c.max ||
      (integer && !Number.isInteger(value))
    ) {
      this.warnings.push(
        `${key} (${c.label}): expected ${integer ? 'a whole number' : 'a number'} from ${c.min} to ${c.max}, got ${shown(text)}; ignored`,
      );
      return undefined;
    }
    return value;
  }
}

/** Warns about unknown and repeated parameters. */
function checkKeys(params: URLSearchParams, warnings: string[]): void {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!KNOWN.has(key) && !key.startsWith('x.'))
      warnings.push(`${shown(key)}: not a parameter of this explorer; ignored`);
    else if (seen.has(key) && key !== 'p')
      warnings.push(`${key}: given more than once; the first value is used`);
    seen.add(key);
  }
}

/** The model: a preset (`m`), or an imported config as a preset plus `x.*` edits and `mn`. */
function readSource(r: LinkReader): ExplorerConfig['source'] {
  let source: ExplorerConfig['source'] = { kind: 'preset', id: DEFAULT_PRESET_ID };
  const model = r.get('m');
  if (model !== null) {
    if (findPreset(model)) source = { kind: 'preset', id: model };
    else
      r.warnings.push(`m: expected a preset id, got ${shown(model)}; showing ${DEFAULT_PRESET_ID}`);
  }
  const name = r.get('mn');
  if (name === null && ![...r.params.keys()].some((k) => k.startsWith('x.'))) return source;
  const base = findPreset(source.kind === 'preset' ? source.id : DEFAULT_PRESET_ID)!;
  const json = applyFieldEdits(base.config, readFieldEdits(r.params, r.warnings));
  try {
    parseHFConfig(json);
    return { kind: 'config', name: (name ?? `${base.name} (edited)`).slice(0, 120), json };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    r.warnings.push(
      `x.*: the imported config is not valid (${error.message}); showing ${base.name}`,
    );
    return source;
  }
}

function readArch(r: LinkReader): ArchOverrides {
  const arch: ArchOverrides = {};
  for (const [key, field, control] of ARCH_KEYS) {
    const value = r.number(key, control, true);
    if (value !== undefined) arch[field] = value;
  }
  return arch;
}

function readDeployment(r: LinkReader): DeploymentSettings {
  const d: DeploymentSettings = { ...DEFAULT_DEPLOYMENT };
  const device = r.oneOf('g', DEVICE_IDS);
  if (device) d.deviceId = device;
  for (const [key, field, control] of NUMBER_KEYS) {
    const value = r.number(key, control, CONTROLS[control].step === 1);
    if (value !== undefined) d[field] = value;
  }
  for (const [key, field] of LAYOUT_KEYS) {
    const value = r.number(key, 'devices', true);
    if (value !== undefined) d[field] = value;
  }
  d.weights = r.oneOf('w', WEIGHT_FORMAT_IDS) ?? null;
  d.expertWeights = r.oneOf('ew', WEIGHT_FORMAT_IDS) ?? null;
  d.kvDtype = r.oneOf('kd', KV_DTYPES) ?? d.kvDtype;
  d.kvLayout = r.oneOf('kl', KV_LAYOUTS) ?? d.kvLayout;
  return d;
}

/** A configuration (the page's, or a pin's) from its parameters, made valid (see sanitize). */
export function readConfig(params: URLSearchParams, warnings: string[]): ExplorerConfig {
  const r = new LinkReader(params, warnings);
  const config = { source: readSource(r), arch: readArch(r), deployment: readDeployment(r) };
  return sanitize(config, warnings);
}

/** The comparison's settings (`cs`, `cg`, `cn`, `cw`) and pins (`p`). */
function readComparison(r: LinkReader): Comparison {
  const d = DEFAULT_COMPARE;
  const settings: CompareSettings = {
    same: (r.oneOf('cs', ['0', '1'] as const) ?? '1') === '1',
    deviceId: r.oneOf('cg', DEVICE_IDS) ?? d.deviceId,
    devices: r.number('cn', 'devices', true) ?? d.devices,
    weights: r.oneOf('cw', WEIGHT_FORMAT_IDS) ?? d.weights,
  };
  const pins = readPins(r.params.getAll('p'), r.warnings, readConfig);
  return { pins: pins ?? defaultComparison().pins, settings };
}

export function decodeV1(params: URLSearchParams, warnings: string[]): Decoded {
  checkKeys(params, warnings);
  const config = readConfig(params, warnings);
  const r = new LinkReader(params, warnings);
  const view: ViewSettings = {
    unit: r.oneOf('u', ['GB', 'GiB'] as const) ?? 'GB',
    theme: r.oneOf('th', ['system', 'light', 'dark'] as const) ?? 'system',
  };
  return { config, view, compare: readComparison(r), warnings };
}

/**
 * Values that are each in range can still not fit together (top-k above the experts, a
 * tensor-parallel size that does not divide the heads): such values are dropped, last first,
 * with a warning, until the model and the layout are valid.
 */
function sanitize(config: ExplorerConfig, warnings: string[]): ExplorerConfig {
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
      return config;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const last = keys.pop();
      if (!last) return { ...config, arch: {} };
      const [key, field] = last;
      warnings.push(`${key}: ${error.message}; ignored`);
      const { [field]: _, ...rest } = config.arch;
      config.arch = rest;
    }
  }
}
