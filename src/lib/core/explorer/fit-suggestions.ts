/**
 * When a deployment does not fit: what does not fit, and the smallest change along each axis
 * (KV precision and layout, weight format, device, device count, batch, context) that makes it
 * fit, each a patch of the deployment settings the page applies in one click.
 */
import { ConfigError } from '../model/errors.ts';
import { deviceBudgetBytes, deviceMemory, type DeviceMemory } from '../serving/deployment.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import { DEVICES, findDevice } from '../serving/hardware.ts';
import { resolveServing } from '../serving/resolve.ts';
import { WEIGHT_FORMATS, type WeightFormatId } from '../serving/weight-formats.ts';
import { servingOptions, type DeploymentSettings, type ExplorerResult } from './explorer-config.ts';
import { formatTokensExact } from './format.ts';

export interface FitSuggestion {
  /** Which setting changes. */
  axis: 'kv' | 'weights' | 'device' | 'devices' | 'batch' | 'context';
  /** The change in words: "KV cache in FP8". */
  label: string;
  patch: Partial<DeploymentSettings>;
  /** The busiest device after the change, and what it may use. */
  perDevice: DeviceMemory;
  budgetBytes: number;
}

type Model = Pick<ExplorerResult, 'spec' | 'count'>;
type Candidate = readonly [FitSuggestion['axis'], string, Partial<DeploymentSettings>];

/** Formats a checkpoint is commonly served in, from the most bits to the fewest. */
const SERVING_FORMATS: readonly WeightFormatId[] = ['fp8', 'int8', 'int4', 'mxfp4', 'nvfp4'];

/** Device counts tried: whole multiples of the current count, up to 64 nodes of 8. */
const MAX_DEVICES = 512;

/** The memory after a change, when it makes a valid layout that fits; null otherwise. */
function tryFit(
  model: Model,
  deployment: DeploymentSettings,
  axis: FitSuggestion['axis'],
  label: string,
  patch: Partial<DeploymentSettings>,
): FitSuggestion | null {
  const settings = { ...deployment, ...patch };
  try {
    const { deployment: d } = resolveServing(model.spec, servingOptions(settings), model.count);
    const perDevice = deviceMemory(d, settings.contextTokens, settings.batch);
    const budgetBytes = deviceBudgetBytes(d);
    return perDevice.totalBytes <= budgetBytes
      ? { axis, label, patch, perDevice, budgetBytes }
      : null;
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

/** The first candidate, in order, that fits. */
function firstFit(
  model: Model,
  deployment: DeploymentSettings,
  candidates: Iterable<Candidate>,
): FitSuggestion | null {
  for (const [axis, label, patch] of candidates) {
    const fit = tryFit(model, deployment, axis, label, patch);
    if (fit) return fit;
  }
  return null;
}

function* kvCandidates(d: DeploymentSettings, serving: ServingEstimate): Generator<Candidate> {
  if (d.kvDtype !== 'fp8') yield ['kv', 'KV cache in FP8', { kvDtype: 'fp8' }];
  // Stored in full (chosen, or the engine's) where the windows alone would be smaller.
  if (serving.kvLayouts.hybrid.kvBytes < serving.kvBytes)
    yield [
      'kv',
      d.engine === 'trtllm'
        ? 'Hybrid KV layout (windowed layers keep their window only: list the windows in max_attention_window)'
        : 'Hybrid KV layout (windowed layers keep their window only)',
      { kvLayout: 'hybrid' },
    ];
}

function* weightCandidates(serving: ServingEstimate): Generator<Candidate> {
  const bits = WEIGHT_FORMATS[serving.weightPlan.linear].bitsPerParam;
  for (const id of SERVING_FORMATS) {
    const format = WEIGHT_FORMATS[id];
    if (format.bitsPerParam < bits)
      yield ['weights', `Weights in ${format.label}`, { weights: id, expertWeights: null }];
  }
}

/**
 * Devices that could hold what the busiest device holds now (the memory a device needs does
 * not depend on its type), the smallest then the cheapest first. Several devices per stage need
 * a scale-up fabric of that size.
 */
function* deviceCandidates(d: DeploymentSettings, serving: ServingEstimate): Generator<Candidate> {
  const perStage = d.devices / d.pp;
  const need = serving.perDevice.totalBytes;
  const larger = DEVICES.filter(
    (device) =>
      device.memoryBytes > serving.deviceBytes &&
      device.memoryBytes * serving.assumptions.memory.utilization >= need &&
      (perStage === 1 || device.scaleUpDomain >= perStage),
  ).sort((a, b) => a.memoryBytes - b.memoryBytes || a.usdPerHour - b.usdPerHour);
  for (const device of larger)
    yield ['device', `${d.devices} × ${device.name}`, { deviceId: device.id }];
}

/**
 * More devices of the same kind, as engines scale past a node: the current layout per stage,
 * repeated as pipeline stages (vLLM's multi-node recipe: tensor parallel inside a node,
 * pipeline parallel across nodes).
 */
function* deviceCountCandidates(d: DeploymentSettings, deviceName: string): Generator<Candidate> {
  for (let stages = 2; d.devices * stages <= MAX_DEVICES; stages *= 2) {
    const devices = d.devices * stages;
    const pp = d.pp * stages;
    yield ['devices', `${devices} × ${deviceName}, ${pp} pipeline stages`, { devices, pp }];
  }
}

/**
 * The smallest change along each axis that makes the deployment fit; empty when it fits or
 * nothing tried does. Batch and context come from the estimate's own searches (maxBatch,
 * maxContextTokens), so they are the largest values that fit.
 */
export function fitSuggestions(
  model: Model,
  deployment: DeploymentSettings,
  serving: ServingEstimate,
): FitSuggestion[] {
  if (serving.fits) return [];
  const deviceName = findDevice(deployment.deviceId)?.name ?? '';
  const found = [
    firstFit(model, deployment, kvCandidates(deployment, serving)),
    firstFit(model, deployment, weightCandidates(serving)),
    firstFit(model, deployment, deviceCandidates(deployment, serving)),
    firstFit(model, deployment, deviceCountCandidates(deployment, deviceName)),
  ];
  if (serving.maxBatch >= 1 && serving.maxBatch < deployment.batch) {
    const label = `Batch ${serving.maxBatch}, the most that fits`;
    found.push(tryFit(model, deployment, 'batch', label, { batch: serving.maxBatch }));
  }
  if (serving.maxContextTokens > 0) {
    const per = deployment.batch === 1 ? '' : ` at batch ${deployment.batch}`;
    const label = `Context ${formatTokensExact(serving.maxContextTokens)} tokens, the most that fits${per}`;
    found.push(
      tryFit(model, deployment, 'context', label, { contextTokens: serving.maxContextTokens }),
    );
  }
  return found.filter((fit): fit is FitSuggestion => fit !== null);
}

/** What does not fit, in words: the busiest device's needs against what it may use. */
export function overflowParts(serving: ServingEstimate): {
  weightsAlone: boolean;
  overBytes: number;
} {
  const { perDevice, deviceBudgetBytes: budget } = serving;
  return {
    weightsAlone: perDevice.weightsBytes > budget,
    overBytes: Math.max(0, perDevice.totalBytes - budget),
  };
}
