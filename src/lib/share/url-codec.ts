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
import { DEFAULT_DEPLOYMENT, DEFAULT_PRESET_ID, nearestPreset } from '../core/index.ts';
import { decodeV1 } from './decode-v1.ts';
import {
  ARCH_KEYS,
  CODEC_VERSION,
  DEFAULT_VIEW,
  defaultState,
  LAYOUT_KEYS,
  NUMBER_KEYS,
  shown,
  type Decoded,
  type SharedState,
} from './link-format.ts';

export {
  CODEC_VERSION,
  DEFAULT_VIEW,
  type Decoded,
  type SharedState,
  type ViewSettings,
} from './link-format.ts';

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
 * An imported config as a preset plus overrides: the nearest preset (`m=`), then
 * `x.<field>=<JSON value>` for each field the parser reads that differs (`x.<field>=` when the
 * config does not have it), and `mn=<name>`.
 */
function encodeImported(p: URLSearchParams, name: string, json: unknown): void {
  const { preset, edits } = nearestPreset(json);
  if (preset.id !== DEFAULT_PRESET_ID) p.set('m', preset.id);
  p.set('mn', name);
  for (const [path, value] of edits)
    p.set(`x.${path}`, value === undefined ? '' : JSON.stringify(value));
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
