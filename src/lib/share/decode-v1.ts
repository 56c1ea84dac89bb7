/**
 * Version 1 of the share link, read back. Never throws: unknown, malformed, out-of-range or
 * hostile values are left out and reported in `warnings`; the rest of the link applies. The
 * deployment, the comparison and an imported config are read by the decoders of
 * link-decoders.ts, which the element loads on demand.
 */
import {
  CONTROLS,
  DEFAULT_DEPLOYMENT,
  DEFAULT_PRESET_ID,
  DEFAULT_TRAINING,
  isEditablePath,
  resolveExplorer,
  type ArchOverrides,
  type ControlId,
  type ExplorerConfig,
  type ExplorerResult,
} from '../core/index.ts';
import {
  ARCH_KEYS,
  KNOWN,
  defaultState,
  shown,
  type Decoded,
  type ViewSettings,
} from './link-format.ts';
import { canonicalNumber } from './decimals.ts';
import { readSource } from './decode-source.ts';
import { linkDecoders } from './link-decoders.ts';
import type { HostRange } from './host-link.ts';
import { readHubLink } from './hub-link.ts';
import { describeError, nameList } from './notices.ts';

/** Typed reads of a link's parameters; every refused value becomes a warning. */
export class LinkReader {
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

  /** A plain decimal number within a control's range (or a host's), else undefined (warned). */
  number(key: string, range: ControlId | HostRange, integer: boolean): number | undefined {
    const c = typeof range === 'string' ? CONTROLS[range] : range;
    const text = this.get(key);
    if (text === null) return undefined;
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
    // The value as the field shows it: cf=1.4500000000000002 (an older link) reads as 1.45.
    return canonicalNumber(value);
  }
}

/**
 * Warns about unknown and repeated parameters (once each, with how many times), and about
 * presentation parameters the page does not read: `embed` other than 1, and `view`, `theme`,
 * `chart` without it.
 */
function checkKeys(params: URLSearchParams, warnings: string[]): void {
  const counts = new Map<string, number>();
  for (const key of params.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  const unknown = [...counts.keys()].filter((key) => !KNOWN.has(key) && !key.startsWith('x.'));
  // One line each, or, for a link with many, one line for all.
  if (unknown.length <= 3)
    for (const key of unknown)
      warnings.push(`${shown(key)}: not a parameter of this explorer; ignored`);
  else warnings.push(`${nameList(unknown.map(shown))}: not parameters of this explorer; ignored`);
  for (const [key, n] of counts) {
    if (n > 1 && key !== 'p' && (KNOWN.has(key) || isEditablePath(key.slice(2))))
      warnings.push(`${key}: given ${n.toLocaleString('en-US')} times; the first value is used`);
  }
  const embed = params.get('embed');
  if (embed !== null && embed !== '1')
    warnings.push(`embed: expected 1 (the compact embed view), got ${shown(embed)}; ignored`);
  if (embed !== '1')
    for (const key of ['view', 'theme', 'chart'])
      if (params.has(key)) warnings.push(`${key}: read only with embed=1; ignored`);
}

function readArch(r: LinkReader): ArchOverrides {
  const arch: ArchOverrides = {};
  for (const [key, field, control] of ARCH_KEYS) {
    const value = r.number(key, control, true);
    if (value !== undefined) arch[field] = value;
  }
  return arch;
}

/** A configuration (the page's, or a pin's) from its parameters, made valid (see sanitize). */
export function readConfig(params: URLSearchParams, warnings: string[]): ExplorerConfig {
  const r = new LinkReader(params, warnings);
  const source = readSource(params, warnings);
  const config = { source, arch: readArch(r), deployment: linkDecoders().readDeployment(r) };
  return sanitize(config, warnings);
}

export function decodeV1(params: URLSearchParams, warnings: string[]): Decoded {
  checkKeys(params, warnings);
  const config = readConfig(params, warnings);
  const r = new LinkReader(params, warnings);
  const view: ViewSettings = {
    unit: r.oneOf('u', ['GB', 'GiB'] as const) ?? 'GB',
    theme: r.oneOf('th', ['system', 'light', 'dark'] as const) ?? 'system',
  };
  const hub = readHubLink(params, warnings);
  const compare = linkDecoders().readComparison(r, readConfig);
  const training = linkDecoders().readTraining?.(r, config.source) ?? { ...DEFAULT_TRAINING };
  const plan = linkDecoders().readPlan?.(r) ?? null;
  return { config, view, compare, training, warnings, ...(hub && { hub }), ...(plan && { plan }) };
}

/** Whether a config resolves and serves without an error. */
function servesWith(config: ExplorerConfig): boolean {
  try {
    return !resolveExplorer(config).servingError;
  } catch {
    return false;
  }
}

/**
 * Values that are each in range can still not fit together (top-k above the experts, a
 * tensor-parallel size that does not divide the heads): such values are dropped, last first,
 * with a warning, until the model and the layout are valid. Whatever else fails (readSource
 * checked the model, so nothing should) gives the default deployment, then the default model.
 */
function sanitize(config: ExplorerConfig, warnings: string[]): ExplorerConfig {
  const keys = ARCH_KEYS.filter(([, field]) => config.arch[field] !== undefined);
  for (let fallback = 0; ;) {
    let result: ExplorerResult;
    try {
      result = resolveExplorer(config);
    } catch (error) {
      const last = keys.pop();
      const reason = describeError(error);
      if (last) {
        const [key, field] = last;
        warnings.push(`${key}: ${reason}; ignored`);
        const { [field]: _, ...rest } = config.arch;
        config = { ...config, arch: rest };
      } else if (fallback++ === 0) {
        warnings.push(`the deployment could not be applied (${reason}); the default is used`);
        config = { ...config, arch: {}, deployment: { ...DEFAULT_DEPLOYMENT } };
      } else {
        warnings.push(`the model could not be shown (${reason}); showing ${DEFAULT_PRESET_ID}`);
        return defaultState().config;
      }
      continue;
    }
    const { tp, ep, pp } = config.deployment;
    if (result.servingError && (tp !== null || ep !== 1 || pp !== 1)) {
      // The layout is blamed only where the default one serves: an error of another setting
      // (a KV type the engine refuses) stays on the page with the link's layout.
      const plain = { ...config, deployment: { ...config.deployment, tp: null, ep: 1, pp: 1 } };
      if (servesWith(plain)) {
        warnings.push(`tp, ep, pp: ${result.servingError}; the default layout is used`);
        config = plain;
      }
    }
    return config;
  }
}
