/**
 * Speculative decoding: a cheap draft proposes `draftTokens` tokens, the model verifies them and
 * its own next token in one pass, and keeps the accepted prefix.
 *
 * - Tokens per verification step, with each draft token accepted with probability `acceptance`
 *   independently: (1 - a^(d + 1)) / (1 - a) (Leviathan et al., "Fast Inference from
 *   Transformers via Speculative Decoding", ICML 2023, section 3.5, equation 1).
 * - The verification pass runs d + 1 query tokens per sequence: the experts those tokens touch
 *   are read, the KV cache once (speed.ts `decodeStep` with `queriesPerSequence`).
 * - `mtp`: DeepSeek-V3's multi-token-prediction modules as the draft (DeepSeek-V3 report,
 *   sections 2.2 and 5.4.3: one module, 85-90% acceptance of the second token, 1.8x tokens per
 *   second). Each draft token is one pass of one module (one MoE decoder layer, its projection
 *   and norms) and of the shared output head; with more draft tokens than modules, the last
 *   module runs again (vLLM's `num_speculative_tokens` over DeepSeek's single module). Its weights
 *   and its layer's KV sit on the last pipeline stage.
 * - `draft`: a separate draft model on the same devices, replicated like the dense part
 *   (split `tp` ways); d of its decode steps per verification step.
 * - An engine that does not overlap its scheduler with speculative steps adds the host's time to
 *   each (Efficiency `speculativeHostSeconds`: SGLang's, assumptions.ts SGLANG_SPEC_HOST_SECONDS).
 */
import { ConfigError } from '../model/errors.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import { normParams } from '../params/blocks.ts';
import { countParams, layerParams, type ParamCount } from '../params/count.ts';
import type { Efficiency, RoutingAssumptions } from './assumptions.ts';
import {
  buildDeployment,
  groupKvBytesPerToken,
  type Deployment,
  type DraftOnDevice,
} from './deployment.ts';
import { sparseTopK } from './attention-flops.ts';
import { decodeRunsEager } from './eager.ts';
import { kvBytesPerTokenPerLayer, kvShareOnDevice, layerReadBytes } from './kv-cache.ts';
import { resolveLayout } from './parallel.ts';
import { decodeStep, type DecodeEstimate } from './speed.ts';
import { layerWeightsBytes } from './stage-weights.ts';
import { stageStep, type StepBreakdown } from './step.ts';
import { componentFormat, paramBytes } from './weights.ts';
import type { KvDtype } from './weight-formats.ts';

export type SpeculativeMethod = 'mtp' | 'draft';
export const SPECULATIVE_METHODS: readonly SpeculativeMethod[] = ['mtp', 'draft'];

export interface SpeculativeOptions {
  method: SpeculativeMethod;
  /** Tokens the draft proposes per step (vLLM `num_speculative_tokens`). */
  draftTokens: number;
  /** Probability that each draft token is accepted, 0 to 1. */
  acceptance: number;
  /** The draft model, for `draft`. */
  draftModel?: { spec: ModelSpec; count?: ParamCount };
}

/** Speculation resolved against a deployment: what it adds to each device and to each step. */
export interface Speculation {
  method: SpeculativeMethod;
  draftTokens: number;
  acceptance: number;
  /** Expected tokens each verification step emits per sequence. */
  tokensPerStep: number;
  draftOnDevice: DraftOnDevice;
  /** The draft model on the deployment's devices (`draft` only). */
  draftDeployment: Deployment | null;
}

const MAX_DRAFT_TOKENS = 16;

/**
 * Expected tokens per verification step: (1 - a^(d+1)) / (1 - a), d + 1 when every draft is
 * accepted (Leviathan et al. 2023, equation 1).
 *
 * @example tokensPerVerifyStep(1, 0.85) // 1.85: DeepSeek-V3's MTP at 85% acceptance
 */
export function tokensPerVerifyStep(draftTokens: number, acceptance: number): number {
  if (acceptance >= 1) return draftTokens + 1;
  return (1 - acceptance ** (draftTokens + 1)) / (1 - acceptance);
}

/** The softmax-attention layer an MTP module adds (layer-params.ts `mtpParams`). */
const MTP_KIND: AttentionLayerKind = { window: { kind: 'global' }, rope: true };

/** Checks the options; throws ConfigError naming the field. */
export function checkSpeculative(spec: ModelSpec, o: SpeculativeOptions): void {
  if (!SPECULATIVE_METHODS.includes(o.method))
    throw new ConfigError('spec-decode', o.method, `one of ${SPECULATIVE_METHODS.join(', ')}`);
  if (!Number.isSafeInteger(o.draftTokens) || o.draftTokens < 1 || o.draftTokens > MAX_DRAFT_TOKENS)
    throw new ConfigError(
      'draft tokens',
      o.draftTokens,
      `an integer from 1 to ${MAX_DRAFT_TOKENS}`,
    );
  if (!Number.isFinite(o.acceptance) || o.acceptance < 0 || o.acceptance > 1)
    throw new ConfigError('acceptance', o.acceptance, 'a number from 0 to 1');
  if (o.method === 'mtp' && (spec.mtp?.modules ?? 0) === 0)
    throw new ConfigError(
      'spec-decode',
      'mtp',
      'a model with multi-token-prediction modules (num_nextn_predict_layers > 0); this one has none: use draft with a draft model',
    );
  if (o.method === 'draft' && !o.draftModel)
    throw new ConfigError('draft model', null, 'a draft model for spec-decode draft');
}

/** An MTP module's bytes on one device: its layer split as any layer, its 2h x h projection and norms split tp ways. */
function mtpOnDevice(d: Deployment): DraftOnDevice {
  const { spec, layout, plan, kvDtype } = d;
  const modules = spec.mtp!.modules;
  const layer = layerParams(spec, spec.layers, spec.moe !== null, MTP_KIND);
  const h = spec.hiddenSize;
  // eh_proj (2h x h) and the enorm, hnorm and final norm of each module (mtpParams)
  const extra = 2 * h * h;
  const norms = 3 * normParams(h, spec.norm);
  const weightsBytes =
    modules *
    (layerWeightsBytes(d, layer) +
      paramBytes(extra, componentFormat('attention', plan)) / layout.tp +
      paramBytes(norms, componentFormat('norms', plan)));
  const kvBytesPerToken =
    modules * mtpKvBytesPerToken(spec, kvDtype) * kvShareOnDevice(spec, layout.tp);
  return { weightsBytes: Math.ceil(weightsBytes), kvBytesPerToken };
}

/** An MTP layer's cache per token: a row; DeepSeek-V4's a row per `ratio`, none window-only. */
function mtpKvBytesPerToken(spec: ModelSpec, kvDtype: KvDtype): number {
  const w = spec.mtp?.kind?.window; // its 128-row window is left out
  const row = kvBytesPerTokenPerLayer(spec.attention, kvDtype);
  return w?.kind !== 'compressed' ? row : w.ratio > 0 ? row / w.ratio : 0;
}

/** The draft model on the same devices: one replica per tensor-parallel group. */
function draftModelDeployment(
  d: Deployment,
  draft: { spec: ModelSpec; count?: ParamCount },
): Deployment {
  const spec = draft.spec;
  const heads = spec.attention.heads;
  let tp = d.layout.tp;
  while (heads % tp !== 0) tp--;
  const layout = resolveLayout(spec, { devices: tp, tp }, d.device.scaleUpDomain);
  return buildDeployment({
    spec,
    count: draft.count ?? countParams(spec),
    layout,
    device: d.device,
    plan: d.plan,
    kvDtype: d.kvDtype,
    kvLayout: d.kvLayout,
    memory: d.memory,
  });
}

/** Places the draft: its bytes on the last stage's devices, and its step model. */
export function resolveSpeculation(d: Deployment, o: SpeculativeOptions): Speculation {
  checkSpeculative(d.spec, o);
  const tokensPerStep = tokensPerVerifyStep(o.draftTokens, o.acceptance);
  if (o.method === 'mtp') {
    return {
      method: 'mtp',
      draftTokens: o.draftTokens,
      acceptance: o.acceptance,
      tokensPerStep,
      draftOnDevice: mtpOnDevice(d),
      draftDeployment: null,
    };
  }
  const draftDeployment = draftModelDeployment(d, o.draftModel!);
  const stage = draftDeployment.stages[0]!;
  let kvPerToken = 0;
  for (const g of stage.groups)
    if (g.params.mixer === 'attention') kvPerToken += g.count * groupKvBytesPerToken(stage, g);
  return {
    method: 'draft',
    draftTokens: o.draftTokens,
    acceptance: o.acceptance,
    tokensPerStep,
    draftOnDevice: { weightsBytes: stage.weightsBytes, kvBytesPerToken: kvPerToken },
    draftDeployment,
  };
}

/** One draft token's pass for `batch` sequences: an MTP module and the output head, or the draft model's decode step. */
function draftPassSeconds(
  d: Deployment,
  s: Speculation,
  contextTokens: number,
  batch: number,
  eff: Efficiency,
  routing: RoutingAssumptions,
): number {
  if (s.draftDeployment) {
    const replicas = d.layout.devices / s.draftDeployment.layout.devices;
    // Draft passes run inside the model runner: the scheduler runs once per verified step.
    const drafting = { ...eff, schedulingSecondsPerSequence: 0 };
    return decodeStep(
      s.draftDeployment,
      contextTokens,
      Math.ceil(batch / replicas),
      drafting,
      routing,
    ).stepSeconds;
  }
  const { spec, layout } = d;
  const layer = layerParams(spec, spec.layers, spec.moe !== null, MTP_KIND);
  const perReplica = Math.ceil(batch / layout.dp);
  const groups = layout.devices / layout.pp / layout.expertShards;
  // One MTP module's cache; DSA's top-k of it where the model has the indexer (deployment.ts).
  const perToken = s.draftOnDevice.kvBytesPerToken / spec.mtp!.modules;
  const topK = sparseTopK(spec);
  // A DeepSeek-V4 MTP layer without the indexer reads no indexer keys.
  const indexer =
    spec.mtp!.kind?.indexer === false
      ? 0
      : d.stages[d.stages.length - 1]!.kvIndexerBytesPerTokenPerLayer;
  const draftKvRead = layerReadBytes(contextTokens, topK, perToken, indexer);
  const stage = {
    ...d.stages[d.stages.length - 1]!,
    layers: [spec.layers],
    groups: [{ kind: MTP_KIND, params: layer, count: 1 }],
  };
  const step: StepBreakdown = stageStep(
    d,
    stage,
    {
      tokensPerReplica: perReplica,
      tokensPerExpertGroup: batch / groups,
      attended: () => contextTokens,
      selected: () => Math.min(contextTokens, topK ?? Infinity),
      phase: 'decode',
      eager: decodeRunsEager(d, perReplica),
      kvReadBytes: perReplica * draftKvRead,
      lmHeadTokens: perReplica,
    },
    eff,
    routing,
    true,
  );
  return step.seconds;
}

export interface SpeculativeEstimate {
  method: SpeculativeMethod;
  draftTokens: number;
  acceptance: number;
  tokensPerStep: number;
  /** The verification pass of d + 1 tokens per sequence, all stages. */
  verifySeconds: number;
  /** The d draft passes of a step. */
  draftSeconds: number;
  /** Plain decode at the same batch, for the speed-up. */
  plain: DecodeEstimate;
  /** Tokens per second per sequence with speculation over without. */
  speedup: number;
  draftWeightsBytesPerDevice: number;
  draftKvBytesPerTokenPerDevice: number;
}

/**
 * Decode with speculation: a verification step of d + 1 tokens per sequence plus d draft passes
 * emits `tokensPerStep` tokens per sequence.
 */
export function speculativeDecode(
  d: Deployment,
  s: Speculation,
  contextTokens: number,
  batch: number,
  eff: Efficiency,
  routing: RoutingAssumptions,
  plain: DecodeEstimate = decodeStep(d, contextTokens, batch, eff, routing),
): { decode: DecodeEstimate; speculative: SpeculativeEstimate } {
  const verify = decodeStep(d, contextTokens, batch, eff, routing, s.draftTokens + 1);
  const draftSeconds = s.draftTokens * draftPassSeconds(d, s, contextTokens, batch, eff, routing);
  // An engine that does not overlap speculative steps with its scheduler waits for the host.
  const stepSeconds = verify.stepSeconds + draftSeconds + eff.speculativeHostSeconds;
  const perUser = s.tokensPerStep / stepSeconds;
  const tokensPerSecond = batch * perUser;
  const decode: DecodeEstimate = {
    ...verify,
    stepSeconds,
    tokensPerSecond,
    tokensPerSecondPerDevice: tokensPerSecond / d.layout.devices,
    tokensPerSecondPerUser: perUser,
  };
  return {
    decode,
    speculative: {
      method: s.method,
      draftTokens: s.draftTokens,
      acceptance: s.acceptance,
      tokensPerStep: s.tokensPerStep,
      verifySeconds: verify.stepSeconds,
      draftSeconds,
      plain,
      speedup: perUser / plain.tokensPerSecondPerUser,
      draftWeightsBytesPerDevice: s.draftOnDevice.weightsBytes,
      draftKvBytesPerTokenPerDevice: s.draftOnDevice.kvBytesPerToken,
    },
  };
}
