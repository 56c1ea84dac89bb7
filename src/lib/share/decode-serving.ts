/**
 * The serving side of a share link, read back: the deployment (GPU, layout, precisions,
 * context, batch, routing, price, system RAM) and the comparison (its settings and pins).
 * Never throws: a value that is unknown, malformed or out of range is left out with a warning
 * (decode-v1.ts LinkReader). It loads with the serving model where that loads on demand (the
 * <moe-explorer> element: link-decoders.ts).
 */
import {
  CONTROLS,
  DEFAULT_COMPARE,
  DEFAULT_DEPLOYMENT,
  DEFAULT_SPECULATIVE,
  defaultComparison,
  DEVICE_IDS,
  ENGINE_CHOICES,
  ENGINE_RANGES,
  KV_DTYPES,
  KV_LAYOUTS,
  WEIGHT_FORMAT_IDS,
  WORKLOAD_RANGES,
  ANSWER_SPREADS,
  type CompareSettings,
  type Comparison,
  type DeploymentSettings,
} from '../core/index.ts';
import { readPins, type ConfigReader } from './decode-pins.ts';
import type { LinkReader } from './decode-v1.ts';
import { hasHost, hostKeys, hostLinkCodec } from './host-keys.ts';
import { LAYOUT_KEYS, NUMBER_KEYS } from './link-format.ts';
import { nameList } from './notices.ts';

/** The deployment of a link (the page's, or a pin's): the default's, with the link's values. */
export function readDeployment(r: LinkReader): DeploymentSettings {
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
  readEngine(r, d);
  // The local model and the host's codec load on demand (family-readers.ts waits for them).
  const hostLink = hostLinkCodec();
  if (hostLink) hostLink.readHost(r, d);
  else if (hasHost(r.params))
    r.warnings.push(
      `${nameList(hostKeys(r.params))}: the local model could not be loaded; ignored`,
    );
  return d;
}

/**
 * The engine (`eng`), devices per node (`gpn`), sequences per step (`mns`), the
 * CUDA-graph batch (`cgb`), the memory fraction (`mf`) and tokens per pass (`mbt`), vLLM's synchronous
 * scheduler (`ss=1`) and piecewise CUDA graphs (`pw=1`), SGLang's mixed chunks (`mc=1`) and
 * eager prefill (`ef=1`),
 * speculative decoding (`sd`, `dt`,
 * `acc`), the whole run's prompt and answer tokens (`wi`, `wo`), and its benchmark run's prompt
 * count, request rate and answer lengths (`wn`, `wr`, `ws`, the shortest and longest `wmin`, `wmax`). Draft tokens and acceptance without `sd=mtp` are left out with a warning.
 */
function readEngine(r: LinkReader, d: DeploymentSettings): void {
  d.engine = r.oneOf('eng', ENGINE_CHOICES) ?? d.engine;
  d.gpusPerNode = r.number('gpn', ENGINE_RANGES.gpusPerNode, true) ?? d.gpusPerNode;
  d.maxSequences = r.number('mns', ENGINE_RANGES.maxSequences, true) ?? d.maxSequences;
  d.graphBatch = r.number('cgb', ENGINE_RANGES.graphBatch, true) ?? d.graphBatch;
  d.memoryFraction = r.number('mf', ENGINE_RANGES.memoryFraction, false) ?? d.memoryFraction;
  d.batchedTokens = r.number('mbt', ENGINE_RANGES.batchedTokens, true) ?? d.batchedTokens;
  d.promptTokens = r.number('wi', WORKLOAD_RANGES.promptTokens, true) ?? d.promptTokens;
  d.answerTokens = r.number('wo', WORKLOAD_RANGES.answerTokens, true) ?? d.answerTokens;
  d.runPrompts = r.number('wn', WORKLOAD_RANGES.runPrompts, true) ?? d.runPrompts;
  d.requestRate = r.number('wr', WORKLOAD_RANGES.requestRate, false) ?? d.requestRate;
  d.answerSpread = r.oneOf('ws', ANSWER_SPREADS) ?? d.answerSpread;
  d.shortestAnswer = r.number('wmin', WORKLOAD_RANGES.shortestAnswer, true) ?? d.shortestAnswer;
  d.longestAnswer = r.number('wmax', WORKLOAD_RANGES.longestAnswer, true) ?? d.longestAnswer;
  if (r.oneOf('ss', ['1'])) d.syncScheduling = true;
  if (r.oneOf('pw', ['1'])) d.piecewiseGraphs = true;
  if (r.oneOf('mc', ['1'])) d.mixedChunk = true;
  if (r.oneOf('ef', ['1'])) d.eagerPrefill = true;
  if (r.oneOf('pd', ['1'])) d.prefillDelayer = true;
  const method = r.oneOf('sd', ['mtp'] as const);
  const draftTokens = r.number('dt', ENGINE_RANGES.draftTokens, true);
  const acceptance = r.number('acc', ENGINE_RANGES.acceptance, false);
  if (method) {
    d.speculative = {
      method,
      draftTokens: draftTokens ?? DEFAULT_SPECULATIVE.draftTokens,
      acceptance: acceptance ?? DEFAULT_SPECULATIVE.acceptance,
    };
  } else {
    for (const key of ['dt', 'acc'] as const)
      if (r.get(key) !== null) r.warnings.push(`${key}: only read with sd=mtp; ignored`);
  }
}

/**
 * The comparison's settings (`cs`, `cg`, `cn`, `cw`) and pins (`p`, each read as a link of its
 * own by `readConfig`: decode-pins.ts).
 */
export function readComparison(r: LinkReader, readConfig: ConfigReader): Comparison {
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
