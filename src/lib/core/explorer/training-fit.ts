/**
 * When a training layout does not fit in memory: the smallest change along each axis (recompute,
 * ZeRO stage, micro-batch, pipeline, expert, tensor and context parallel, device) that makes it
 * fit, each a patch of the Training settings the page applies in one click; and, when no single
 * change does, the smallest whole layout that fits. The serving side's counterpart is
 * fit-suggestions.ts.
 */
import { ConfigError } from '../model/errors.ts';
import type { ModelSpec } from '../model/types.ts';
import type { ParamCount } from '../params/count.ts';
import { LIMITS } from '../model/limits.ts';
import { DEVICES, findDevice } from '../serving/hardware.ts';
import type { Recompute } from '../training/activations.ts';
import { trainingMemory, type TrainingMemory } from '../training/memory.ts';
import type { ZeroStage } from '../training/memory-states.ts';
import { formatInteger } from './format.ts';
import { modelEp, trainingInputs } from './training-inputs.ts';
import type { TrainingSettings } from './training-settings.ts';

export interface TrainingFitSuggestion {
  /** Which setting changes; `layout` changes several at once. */
  axis:
    'recompute' | 'zero' | 'microBatch' | 'pp' | 'ep' | 'tp' | 'cp' | 'device' | 'gpus' | 'layout';
  /** The change in words: "Pipeline parallel 4". */
  label: string;
  patch: Partial<TrainingSettings>;
  /** Memory per GPU of the busiest stage after the change, and the device's memory. */
  memoryBytes: number;
  capacityBytes: number;
}

type Model = { spec: ModelSpec; count: ParamCount };
type Candidate = readonly [TrainingFitSuggestion['axis'], string, Partial<TrainingSettings>];

/**
 * Tensor parallelism stays inside a node: its all-reduces run on every layer (Megatron-LM's
 * recipes keep tp <= 8, the GPUs of one NVLink node; Narayanan et al. 2021, section 3.2).
 */
const MAX_TP = 8;

/** The largest pipeline and expert sizes the whole-layout search tries. */
const MAX_PP = 64;
const MAX_EP = 256;

/** The memory of a model under settings as the page computes it; null when they are not valid. */
function memoryOf(model: Model, s: TrainingSettings): TrainingMemory | null {
  const device = findDevice(s.deviceId);
  if (!device) return null;
  try {
    const input = trainingInputs(model.spec, model.count, s, device);
    return trainingMemory(model.spec, model.count, input.memory);
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

/** The memory after a change, when it makes a valid layout that fits; null otherwise. */
function tryFit(
  model: Model,
  settings: TrainingSettings,
  [axis, label, patch]: Candidate,
): TrainingFitSuggestion | null {
  const memory = memoryOf(model, { ...settings, ...patch });
  if (!memory?.fits) return null;
  const memoryBytes = memory.memoryPerGpuBytes.total;
  return { axis, label, patch, memoryBytes, capacityBytes: memory.capacityBytes };
}

function firstFit(
  model: Model,
  s: TrainingSettings,
  candidates: Iterable<Candidate>,
): TrainingFitSuggestion | null {
  for (const candidate of candidates) {
    const fit = tryFit(model, s, candidate);
    if (fit) return fit;
  }
  return null;
}

/** Doublings of `from` up to `max`, `from` excluded. */
function* doublings(from: number, max: number): Generator<number> {
  for (let n = from * 2; n <= max; n *= 2) yield n;
}

const RECOMPUTE_LABELS: Record<Exclude<Recompute, 'none'>, string> = {
  selective: 'Selective recompute (attention’s activations recomputed)',
  full: 'Full recompute (each layer recomputed in the backward pass)',
};

function* recomputeCandidates(current: Recompute): Generator<Candidate> {
  if (current === 'none')
    yield ['recompute', RECOMPUTE_LABELS.selective, { recompute: 'selective' }];
  if (current !== 'full') yield ['recompute', RECOMPUTE_LABELS.full, { recompute: 'full' }];
}

const ZERO_LABELS: Record<ZeroStage, string> = {
  0: 'ZeRO-0',
  1: 'ZeRO-1 (optimizer states sharded over data parallel)',
  2: 'ZeRO-2 (optimizer states and gradients sharded)',
  3: 'ZeRO-3 (optimizer states, gradients and weights sharded)',
};

function* zeroCandidates(s: TrainingSettings): Generator<Candidate> {
  for (let zero = s.zero + 1; zero <= 3; zero++)
    yield ['zero', ZERO_LABELS[zero as ZeroStage], { zero: zero as ZeroStage }];
}

function* microBatchCandidates(s: TrainingSettings): Generator<Candidate> {
  for (let mb = Math.floor(s.microBatch / 2); mb >= 1; mb = Math.floor(mb / 2))
    yield ['microBatch', `Micro-batch ${mb}`, { microBatch: mb }];
}

/** Pipeline, expert, tensor and context parallel: each doubled until the layout fits. */
function* parallelCandidates(model: Model, s: TrainingSettings) {
  const { spec } = model;
  const pp = firstFit(
    model,
    s,
    map(doublings(s.pp, spec.layers), (pp) => [
      'pp',
      `Pipeline parallel ${pp} (${Math.ceil(spec.layers / pp)} layers a stage)`,
      { pp },
    ]),
  );
  if (pp) yield pp;
  if (spec.moe) {
    const experts = spec.moe.experts;
    const ep = firstFit(
      model,
      s,
      map(doublings(modelEp(spec, s.ep), experts), (ep) => [
        'ep',
        `Expert parallel ${ep} (${experts / ep} ${experts === ep ? 'expert' : 'experts'} a GPU)`,
        { ep },
      ]),
    );
    if (ep) yield ep;
  }
  const tp = firstFit(
    model,
    s,
    map(doublings(s.tp, MAX_TP), (tp) => ['tp', `Tensor parallel ${tp}`, { tp }]),
  );
  if (tp) yield tp;
  const cp = firstFit(
    model,
    s,
    map(doublings(s.cp, MAX_TP), (cp) => [
      'cp',
      `Context parallel ${cp} (${s.seqLen / cp} tokens a GPU)`,
      { cp },
    ]),
  );
  if (cp) yield cp;
}

function* map<T>(from: Iterable<T>, f: (x: T) => Candidate): Generator<Candidate> {
  for (const x of from) yield f(x);
}

/**
 * Devices with more memory, the smallest then the cheapest first; FP8 training needs FP8 tensor
 * cores (training/run.ts refuses it otherwise).
 */
function* deviceCandidates(s: TrainingSettings): Generator<Candidate> {
  const now = findDevice(s.deviceId);
  if (!now) return;
  const larger = DEVICES.filter(
    (d) =>
      d.memoryBytes > now.memoryBytes &&
      d.unified === undefined &&
      (s.precision !== 'fp8' || d.flopsPerSecond.fp8 !== null),
  ).sort((a, b) => a.memoryBytes - b.memoryBytes || a.usdPerHour - b.usdPerHour);
  for (const d of larger) yield ['device', `${s.gpus} × ${d.name}`, { deviceId: d.id }];
}

/**
 * More GPUs of the same layout: ZeRO's shards (of the optimizer, at stage 1) grow thinner with
 * the data-parallel size. Doublings up to the catalog's limit on devices (model/limits.ts).
 */
function* gpuCandidates(s: TrainingSettings): Generator<Candidate> {
  for (const gpus of doublings(s.gpus, LIMITS.devices))
    yield ['gpus', `${formatInteger(gpus)} GPUs`, { gpus }];
}

/** Whether a layout is valid for the GPUs and, with full recompute, fits. */
function tryLayout(
  model: Model,
  s: TrainingSettings,
  l: { tp: number; pp: number; ep: number },
): 'invalid' | 'over' | 'fits' {
  const memory = memoryOf(model, { ...s, ...l, recompute: 'full' });
  return memory === null ? 'invalid' : memory.fits ? 'fits' : 'over';
}

/**
 * The smallest whole layout that fits when no single change does, by Megatron-Core's MoE
 * guidelines (megatron/core/transformer/moe/README.md, "Select Optimal Parallelism Strategy"):
 * "Keep TP/EP/PP as small as possible while avoiding OOM" (the fewest model-parallel GPUs,
 * tp x pp x ep, first) and "Prefer EP over TP for expert layers" (then the smaller tp). Each
 * layout is tried with the settings' recompute, then with full recompute.
 */
function layoutCandidate(model: Model, s: TrainingSettings): TrainingFitSuggestion | null {
  const { spec } = model;
  const tps = [s.tp, ...doublings(s.tp, MAX_TP)];
  const pps = [1, ...doublings(1, Math.min(MAX_PP, spec.layers))];
  const eps = spec.moe ? [1, ...doublings(1, Math.min(MAX_EP, spec.moe.experts))] : [1];
  const layouts: { tp: number; pp: number; ep: number }[] = [];
  for (const tp of tps) for (const pp of pps) for (const ep of eps) layouts.push({ tp, pp, ep });
  layouts.sort((a, b) => a.tp * a.pp * a.ep - b.tp * b.pp * b.ep || a.tp - b.tp || a.pp - b.pp);
  // Memory falls as tp, pp and ep grow: when the most divided layout the GPUs allow does not
  // fit with full recompute, none does (this spares a few hundred estimates).
  let most: 'invalid' | 'over' | 'fits' = 'invalid';
  for (let i = layouts.length - 1; i >= 0 && most === 'invalid'; i--)
    most = tryLayout(model, s, layouts[i]!);
  if (most !== 'fits') return null;
  function* candidates(): Generator<Candidate> {
    for (const l of layouts) {
      const label = `Layout tp ${l.tp}, pp ${l.pp}, ep ${l.ep}`;
      yield ['layout', label, l];
      if (s.recompute !== 'full')
        yield ['layout', `${label}, full recompute`, { ...l, recompute: 'full' }];
    }
  }
  return firstFit(model, s, candidates());
}

/**
 * The smallest change along each axis that makes the training layout fit; empty when it fits
 * or its settings are not valid (their own message says why). When no single change of the
 * layout, recompute or device fits, the smallest whole layout that does; more GPUs last.
 *
 * @example trainingFitSuggestions(kimiK2, DEFAULT_TRAINING)[0].label // "Full recompute (…)"
 */
export function trainingFitSuggestions(model: Model, s: TrainingSettings): TrainingFitSuggestion[] {
  const memory = memoryOf(model, s);
  if (memory === null || memory.fits) return [];
  const found: (TrainingFitSuggestion | null)[] = [
    firstFit(model, s, recomputeCandidates(memory.recompute)),
    firstFit(model, s, zeroCandidates(s)),
    firstFit(model, s, microBatchCandidates(s)),
    ...parallelCandidates(model, s),
    firstFit(model, s, deviceCandidates(s)),
  ];
  if (!found.some((fit) => fit !== null)) found.push(layoutCandidate(model, s));
  found.push(firstFit(model, s, gpuCandidates(s)));
  return found.filter((fit): fit is TrainingFitSuggestion => fit !== null);
}
