/**
 * Decode and prefill speed of a deployment: the slowest pipeline stage's step (step.ts), over
 * the batch and the pipeline. Sources: Pope et al., "Efficiently Scaling Transformer Inference"
 * (MLSys 2023), section 3; vLLM's chunked prefill.
 */
import type { Efficiency, RoutingAssumptions } from './assumptions.ts';
import { sequencesPerReplica, stageKvBytesPerSequence, type Deployment } from './deployment.ts';
import {
  layerTopK,
  meanAttendedTokens,
  meanReadTokens,
  paddedSparsePrefillHeads,
} from './attention-flops.ts';
import { decodeRunsEager, prefillRunsEager } from './eager.ts';
import { stagesRunInTurn } from './llamacpp-layout.ts';
import { attendedTokens } from './kv-cache.ts';
import { stageStep, stepFields, type StepBreakdown } from './step.ts';

/** The slowest stage's step; pipeline stages run concurrently on different micro-batches. */
function slowest(steps: StepBreakdown[]): StepBreakdown {
  return steps.reduce((a, b) => (b.seconds > a.seconds ? b : a));
}

export interface DecodeEstimate extends StepBreakdown {
  /** Time per output token for one sequence (all pipeline stages). */
  stepSeconds: number;
  /** Of `stepSeconds`, the host's scheduling the devices wait for (assumptions.ts). */
  schedulingSeconds: number;
  /** Output tokens/s of the whole deployment. */
  tokensPerSecond: number;
  tokensPerSecondPerDevice: number;
  tokensPerSecondPerUser: number;
}

/**
 * One decode step of `batch` sequences at `contextTokens` of context. With pp stages, each
 * replica's sequences are split into pp micro-batches that move through the stages together;
 * under llama.cpp the whole batch passes through the stages in turn (llamacpp-layout.ts).
 * `queriesPerSequence` > 1 is a speculative verification step: each sequence runs its last token
 * and its draft tokens in one pass, reading its KV cache once (speculative.ts). A synchronous
 * scheduler adds its host time per sequence to each micro-batch's step (assumptions.ts).
 */
export function decodeStep(
  d: Deployment,
  contextTokens: number,
  batch: number,
  eff: Efficiency,
  routing: RoutingAssumptions,
  queriesPerSequence = 1,
): DecodeEstimate {
  const { layout } = d;
  const inTurn = stagesRunInTurn(d.memory.engine);
  const microBatches = inTurn ? 1 : layout.pp;
  const sequences = sequencesPerReplica(d, batch) / microBatches;
  const perReplica = sequences * queriesPerSequence;
  const stageTokens = (batch * queriesPerSequence) / microBatches; // all replicas together
  const groups = layout.devices / layout.pp / layout.expertShards;
  const steps = d.stages.map((stage, s) =>
    stageStep(
      d,
      stage,
      {
        tokensPerReplica: perReplica,
        tokensPerExpertGroup: stageTokens / groups,
        attended: (kind) => attendedTokens(kind, contextTokens),
        selected: (kind) =>
          Math.min(attendedTokens(kind, contextTokens), layerTopK(d.spec, kind) ?? Infinity),
        phase: 'decode',
        eager: decodeRunsEager(d, sequences),
        kvReadBytes: sequences * stageKvBytesPerSequence(d, stage, contextTokens, 'read', false),
        lmHeadTokens: perReplica,
      },
      eff,
      routing,
      s === d.stages.length - 1,
    ),
  );
  const tick = slowest(steps);
  const scheduling = sequences * eff.schedulingSecondsPerSequence;
  // Stages in turn: each waits for the others' times; else every stage's tick is the slowest's.
  let stages = tick.seconds * layout.pp;
  if (inTurn) stages = steps.reduce((sum, step) => sum + step.seconds, 0);
  const stepSeconds = stages + scheduling * microBatches;
  const tokensPerSecond = batch / stepSeconds;
  const decode = stepFields(tick) as DecodeEstimate;
  decode.stepSeconds = stepSeconds;
  decode.schedulingSeconds = scheduling * microBatches;
  decode.tokensPerSecond = tokensPerSecond;
  decode.tokensPerSecondPerDevice = tokensPerSecond / layout.devices;
  decode.tokensPerSecondPerUser = 1 / stepSeconds;
  return decode;
}

export interface PrefillEstimate extends StepBreakdown {
  /** Prompt tokens/s of the whole deployment with every replica busy. */
  tokensPerSecond: number;
  /** Time to prefill one prompt of `promptTokens` on one replica. */
  timeToFirstTokenSeconds: number;
  chunkTokens: number;
  /** DSA's sparse attention heads in prefill where the kernel computes more than a rank holds. */
  sparseHeads: { kernel: number; rank: number } | null;
}

/**
 * Prefill of `batch` prompts of `promptTokens` tokens, in forward passes of up to
 * `maxBatchedTokens` tokens per replica (chunked prefill packs several prompts into one pass):
 * compute-bound at length, with attention FLOPs that grow with the prompt and stop growing past a
 * sliding window or chunk; the lm_head runs once per prompt. Time to first token is one prompt
 * alone on one replica: its full chunks, then the rest in a pass of its own, each chunk's attention
 * at the prompt's mean position, behind the pipeline's fill.
 */
export function prefill(
  d: Deployment,
  promptTokens: number,
  batch: number,
  maxBatchedTokens: number,
  eff: Efficiency,
  routing: RoutingAssumptions,
  /** The pass of one prompt alone: `prefillPass(d, promptTokens, min(promptTokens, maxBatchedTokens), ...)`, when a caller that prefills many batches has it. */
  alone: StepBreakdown = prefillPass(
    d,
    promptTokens,
    Math.min(promptTokens, maxBatchedTokens),
    eff,
    routing,
  ),
): PrefillEstimate {
  const { layout } = d;
  const aloneChunk = Math.min(promptTokens, maxBatchedTokens);
  const chunk = Math.min(maxBatchedTokens, sequencesPerReplica(d, batch) * promptTokens);
  const tick = chunk === aloneChunk ? alone : prefillPass(d, promptTokens, chunk, eff, routing);
  const chunks = Math.ceil(promptTokens / aloneChunk);
  // The prompt's last chunk holds what the others leave: 8,192 of 40,960 at 32,768 a pass.
  const rest = promptTokens - (chunks - 1) * aloneChunk;
  const last = rest === aloneChunk ? alone : prefillPass(d, promptTokens, rest, eff, routing);
  const estimate = stepFields(tick) as PrefillEstimate;
  estimate.chunkTokens = chunk;
  estimate.tokensPerSecond = (layout.dp * chunk) / tick.seconds;
  estimate.timeToFirstTokenSeconds = (chunks - 1 + layout.pp - 1) * alone.seconds + last.seconds;
  estimate.sparseHeads = paddedSparsePrefillHeads(d.spec, layout.tp, d.device.id, d.memory.engine);
  return estimate;
}

/**
 * One prefill forward pass of `chunk` tokens of `promptTokens`-token prompts per replica: its
 * slowest stage. `ranks` of the data-parallel replicas prefill in it (all of them unless given):
 * where they share the experts (DP attention), the experts take all their tokens.
 */
export function prefillPass(
  d: Deployment,
  promptTokens: number,
  chunk: number,
  eff: Efficiency,
  routing: RoutingAssumptions,
  ranks = d.layout.dp,
): StepBreakdown {
  const { layout } = d;
  const groups = layout.devices / layout.pp / layout.expertShards;
  let slowest: StepBreakdown | null = null;
  for (let s = 0; s < d.stages.length; s++) {
    const step = stageStep(
      d,
      d.stages[s]!,
      {
        tokensPerReplica: chunk,
        tokensPerExpertGroup: (chunk * ranks) / groups,
        attended: (kind) => meanAttendedTokens(kind, promptTokens),
        selected: (kind) => meanReadTokens(d.spec, kind, promptTokens),
        phase: 'prefill',
        eager: prefillRunsEager(d, chunk),
        kvReadBytes: 0,
        lmHeadTokens: chunk / promptTokens,
      },
      eff,
      routing,
      s === d.stages.length - 1,
    );
    if (slowest === null || step.seconds > slowest.seconds) slowest = step;
  }
  return slowest!;
}
