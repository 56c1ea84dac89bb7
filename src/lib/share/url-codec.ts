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
 *   w ew kd kl     weight, expert and KV precision, KV layout (kl left out: the engine's,
 *                  full under TensorRT-LLM, else hybrid)
 *   ctx b sk cf usd  context, batch, routing skew, capacity factor, $/GPU-hour
 *   ram rbw pcie cmoe ncmoe ngl gshare   one GPU with system RAM (or a unified pool's GPU
 *                  share), placed as llama.cpp places it
 *                  (host-link.ts, loaded with the local model); left out: a data-centre deployment
 *   eng gpn        serving engine (vllm sglang trtllm llamacpp; default vllm), GPUs per node
 *                  (default: the device's node size)
 *   sd dt acc      speculative decoding: sd=mtp (the model's MTP modules), draft tokens (1 to 16,
 *                  default 1), acceptance (0 to 1, default 0.85); left out: off
 *   u th           bytes unit (GiB), theme
 *   p              a pinned column, one `p` each, in order: its preset id, then its own
 *                  parameters above as key:value, comma-separated (p=deepseek-v3,g:h200,w:fp8);
 *                  left out: the default pins; `p=` alone: no pins
 *   cs=0           each column on its own GPUs and precision (default: all on the same)
 *   cg cn cw       the shared GPU type, GPUs and precision (default h200, 8, fp8)
 *   gguf           with a host, the GGUF file of its weights on the Hub: org/name[@revision]/<path>,
 *                  or its address on a mirror (share/gguf-link.ts; the page reads its header again)
 *   tk tn tg tw tm tf ttp tpp tep tcp tz tmb tsl trc tft tr   the Training view's settings
 *                  (training-link.ts; left out: Llama 4 Scout as its card states it)
 *   hf hub         the Hub model the config was read from, org/name[@revision], and the Hub's
 *                  address unless the public Hub's (hub-link.ts; the page checks them when it
 *                  reads the model again); `m=` and `x.` carry the model too
 *
 * @example encode(defaultConfig()) // 'v=1'
 * @example decode('v=1&m=deepseek-v3&k=4').config.arch // { topK: 4 }
 */
import {
  DEFAULT_COMPARE,
  DEFAULT_DEPLOYMENT,
  DEFAULT_PRESET_ID,
  DEFAULT_SPECULATIVE,
  DEFAULT_TRAINING,
  defaultComparison,
  type Comparison,
  type ExplorerConfig,
} from '../core/index.ts';
import { canonicalNumber } from './decimals.ts';
import { decodeV1 } from './decode-v1.ts';
import { hostLinkCodec } from './host-keys.ts';
import { hubLinkQuery } from './hub-link.ts';
import { linkForm } from './imported-link.ts';
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
import { describeError, summarizeWarnings } from './notices.ts';
import { linkDecoders, linkDecodersLoaded } from './link-decoders.ts';

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
  encodeConfig(p, state.config);
  if (state.view.unit !== DEFAULT_VIEW.unit) p.set('u', state.view.unit);
  if (state.view.theme !== DEFAULT_VIEW.theme) p.set('th', state.view.theme);
  // The training settings' writer loads with the link decoders (training-link.ts).
  if (state.training && linkDecodersLoaded())
    linkDecoders().encodeTraining?.(p, state.training, state.config.source);
  // So do the Plan view's (plan-link.ts).
  if (state.plan && linkDecodersLoaded()) linkDecoders().encodePlan?.(p, state.plan);
  const rest = p.toString();
  const head = `v=${CODEC_VERSION}${hubLinkQuery(state.hub)}`;
  return (
    (rest ? `${head}&${rest}` : head) + ggufQuery(state.config) + encodeComparison(state.compare)
  );
}

/** A configuration's parameters, each left out when it equals the preset's or the default. */
function encodeConfig(p: URLSearchParams, config: ExplorerConfig): void {
  const { source, arch, deployment: d } = config;
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
    // Without binary noise: cf=1.45, never cf=1.4500000000000002.
    if (value !== def[field] && value !== null) p.set(key, String(canonicalNumber(value)));
  }
  for (const [key, field] of LAYOUT_KEYS) {
    if (d[field] !== def[field] && d[field] !== null) p.set(key, String(d[field]));
  }
  if (d.weights) p.set('w', d.weights);
  if (d.expertWeights) p.set('ew', d.expertWeights);
  if (d.kvDtype !== null && d.kvDtype !== def.kvDtype) p.set('kd', d.kvDtype);
  if (d.kvLayout) p.set('kl', d.kvLayout);
  if (d.host) hostLinkCodec()?.encodeHost(p, d.host);
  encodeEngine(p, d);
}

/**
 * The engine, devices per node, sequences per step, vLLM's synchronous scheduler and piecewise
 * CUDA graphs, SGLang's mixed chunks and eager prefill, speculative decoding, and the whole run's
 * requests and benchmark run (`eng gpn mns cgb mf mbt ss pw mc ef sd dt acc wi wo wn wr ws wmin
 * wmax`), defaults left
 * out.
 */
function encodeEngine(p: URLSearchParams, d: ExplorerConfig['deployment']): void {
  if (d.engine && d.engine !== 'vllm') p.set('eng', d.engine);
  if (d.gpusPerNode != null) p.set('gpn', String(d.gpusPerNode));
  if (d.maxSequences != null) p.set('mns', String(d.maxSequences));
  if (d.graphBatch != null) p.set('cgb', String(d.graphBatch));
  if (d.memoryFraction != null) p.set('mf', String(d.memoryFraction));
  if (d.batchedTokens != null) p.set('mbt', String(d.batchedTokens));
  if (d.promptTokens != null) p.set('wi', String(d.promptTokens));
  if (d.answerTokens != null) p.set('wo', String(d.answerTokens));
  if (d.runPrompts != null) p.set('wn', String(d.runPrompts));
  if (d.requestRate != null) p.set('wr', String(d.requestRate));
  if (d.answerSpread && d.answerSpread !== 'same') p.set('ws', d.answerSpread);
  if (d.shortestAnswer != null) p.set('wmin', String(d.shortestAnswer));
  if (d.longestAnswer != null) p.set('wmax', String(d.longestAnswer));
  if (d.syncScheduling) p.set('ss', '1');
  if (d.piecewiseGraphs) p.set('pw', '1');
  if (d.mixedChunk) p.set('mc', '1');
  if (d.eagerPrefill) p.set('ef', '1');
  if (d.prefillDelayer) p.set('pd', '1');
  const s = d.speculative;
  if (!s) return;
  p.set('sd', s.method);
  if (s.draftTokens !== DEFAULT_SPECULATIVE.draftTokens) p.set('dt', String(s.draftTokens));
  if (s.acceptance !== DEFAULT_SPECULATIVE.acceptance)
    p.set('acc', String(canonicalNumber(s.acceptance)));
}

/**
 * A deployment's GGUF file from the Hub (`gguf=`, share/gguf-link.ts), "&"-prefixed, with `/`,
 * `@` and `:` as is; none without system RAM, or for a dropped file (no address to carry).
 */
function ggufQuery({ deployment: d }: ExplorerConfig): string {
  const value = d.host ? d.gguf?.hub : undefined;
  return value === undefined
    ? ''
    : `&gguf=${encodeURIComponent(value).replace(/%(2F|40|3A)/g, decodeURIComponent)}`;
}

/**
 * A pin as one value: its preset id, then its own parameters as key:value, comma-separated
 * (`deepseek-v3,g:h200,w:fp8`). A value's own "%", "," and ":" are escaped (%25, %2C, %3A).
 */
export function encodePin(config: ExplorerConfig): string {
  const p = new URLSearchParams();
  encodeConfig(p, config);
  const model = p.get('m') ?? DEFAULT_PRESET_ID;
  p.delete('m');
  const escape = (v: string) => v.replace(/[%,:]/g, (c) => encodeURIComponent(c));
  return [model, ...[...p].map(([key, value]) => `${key}:${escape(value)}`)].join(',');
}

/**
 * Each pin's value, kept per configuration object: the address bar is rewritten on every slider
 * move, the pins rarely change, and a pinned configuration is never changed in place (an
 * imported one costs a nearest-preset search).
 */
const pinValues = new WeakMap<ExplorerConfig, string>();
let defaultPinValues: string | undefined;

function pinValue(config: ExplorerConfig): string {
  let value = pinValues.get(config);
  if (value === undefined) pinValues.set(config, (value = encodePin(config)));
  return value;
}

/** The comparison's parameters ("" for the default one), "&"-prefixed, with ":" and "," as is. */
function encodeComparison(compare: Comparison | undefined): string {
  if (!compare) return '';
  const p = new URLSearchParams();
  const s = compare.settings;
  if (!s.same) p.set('cs', '0');
  if (s.deviceId !== DEFAULT_COMPARE.deviceId) p.set('cg', s.deviceId);
  if (s.devices !== DEFAULT_COMPARE.devices) p.set('cn', String(s.devices));
  if (s.weights !== DEFAULT_COMPARE.weights) p.set('cw', s.weights);
  const pins = compare.pins.map(pinValue);
  defaultPinValues ??= JSON.stringify(defaultComparison().pins.map(encodePin));
  if (JSON.stringify(pins) !== defaultPinValues) {
    if (pins.length === 0) p.set('p', '');
    for (const pin of pins) p.append('p', pin);
  }
  // Both are plain characters in a query string: written as is, a pin stays readable.
  const query = p.toString().replace(/%3A/g, ':').replace(/%2C/g, ',');
  return query && `&${query}`;
}

/**
 * An imported config as a preset plus overrides: the nearest preset (`m=`), then
 * `x.<field>=<JSON value>` for each field the parser reads that differs (`x.<field>=` when the
 * config does not have it), and `mn=<name>` unless the name is the one a link without it
 * gets ("<preset> (edited)", decode-source.ts).
 */
function encodeImported(p: URLSearchParams, name: string, json: unknown): void {
  const { preset, edits } = linkForm(json);
  if (preset.id !== DEFAULT_PRESET_ID) p.set('m', preset.id);
  if (name !== `${preset.name} (edited)`) p.set('mn', name);
  for (const [path, value] of edits)
    p.set(`x.${path}`, value === undefined ? '' : JSON.stringify(value));
}

/**
 * Reads a query string (with or without "?"). Never throws, and always gives a state the model
 * builds: unknown, malformed, out-of-range or hostile values are left out and reported in
 * `warnings` (each said once, see notices.ts); the rest of the link applies.
 */
export function decode(query: string): Decoded {
  const warnings: string[] = [];
  if (query.length > MAX_LINK_CHARS) {
    warnings.push(
      `the link is ${query.length.toLocaleString('en-US')} characters long, more than the ${MAX_LINK_CHARS.toLocaleString('en-US')} a browser carries; none of its settings is used, showing the default`,
    );
    return defaultDecoded(warnings);
  }
  try {
    const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
    const version = params.get('v');
    const v = version === null ? CODEC_VERSION : Number(version);
    if (!Number.isInteger(v) || !(v in DECODERS)) {
      warnings.push(
        `v: expected a link version (1), got ${shown(version ?? '')}; read as version ${CODEC_VERSION}`,
      );
    }
    const decoder = DECODERS[Number.isInteger(v) && v in DECODERS ? v : CODEC_VERSION]!;
    const decoded = decoder(params, warnings);
    return { ...decoded, warnings: summarizeWarnings(decoded.warnings) };
  } catch (error) {
    // Not expected: each decoder catches what it reads. The last net under a link.
    warnings.push(`the link could not be read (${describeError(error)}); showing the default`);
    return defaultDecoded(warnings);
  }
}

/**
 * The longest link read: Chromium's limit on a URL (`url::kMaxURLChars`, 2 MiB,
 * url/url_constants.h), which no address bar or share link exceeds. A longer query can only come
 * from an element's `state` attribute; refusing it keeps a page from spending seconds on it.
 */
export const MAX_LINK_CHARS = 2 * 1024 * 1024;

/** The default state, with the given notices. */
function defaultDecoded(warnings: string[]): Decoded {
  return {
    ...defaultState(),
    compare: defaultComparison(),
    training: { ...DEFAULT_TRAINING },
    warnings: summarizeWarnings(warnings),
  };
}

type Decoder = (params: URLSearchParams, warnings: string[]) => Decoded;

/** One decoder per version, so that old links keep opening when the format changes. */
const DECODERS: Record<number, Decoder> = { 1: decodeV1 };
