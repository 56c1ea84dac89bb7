/**
 * The explorer's whole configuration as data, its defaults, and how it resolves into numbers.
 * The UI state, the share-link codec and the tests all go through `resolveExplorer`.
 */
import { countParams, type ParamCount } from '../params/count.ts';
import { ConfigError } from '../model/errors.ts';
import type { KvDtype, WeightFormatId } from '../serving/weight-formats.ts';
import { parseHFConfig } from '../model/hf-config.ts';
import type { KvLayout } from '../serving/kv-cache.ts';
import { applyOverrides, type ArchOverrides } from '../model/overrides.ts';
import { DEFAULT_PRESET_ID, findPreset, presetSpec } from '../model/presets.ts';
import type { ServingEstimate } from '../serving/estimate.ts';
import type { ResolvedServing } from '../serving/resolve.ts';
import type { ModelSpec } from '../model/types.ts';
import { DEFAULT_ROUTING } from '../serving/assumptions.ts';
import type { HostSettings } from '../serving/local-host-settings.ts';
import type { DeploymentGguf } from '../serving/local-gguf.ts';
import type { EngineId } from '../serving/engines.ts';
import type { AnswerSpread } from './engine-ranges.ts';
import { localEstimate } from './local-estimator.ts';
import { servingModel } from './serving-model.ts';
import { servingOptions } from './serving-options.ts';

export { servingOptions };

/** Where the model comes from: a preset, or an imported config.json (kept as JSON). */
export type ModelSource =
  { kind: 'preset'; id: string } | { kind: 'config'; name: string; json: unknown };

export interface DeploymentSettings {
  deviceId: string;
  devices: number;
  /** null: automatic (every device of a stage in one tensor-parallel group, within the heads). */
  tp: number | null;
  ep: number;
  pp: number;
  /** null: the checkpoint's own formats. */
  weights: WeightFormatId | null;
  /** null: the same as `weights` (or the checkpoint's experts format). */
  expertWeights: WeightFormatId | null;
  /** null: the engine's (BF16; FP8 for DeepSeek-V4 under SGLang, serving/sglang-v4-pools.ts). */
  kvDtype: KvDtype | null;
  /** null: the engine's (serving/engines.ts `engineKvLayout`). */
  kvLayout: KvLayout | null;
  contextTokens: number;
  batch: number;
  skew: number;
  capacityFactor: number;
  /** null: the device's catalog price. */
  usdPerHour: number | null;
  /**
   * One GPU and system RAM, placed as llama.cpp places them (serving/local-placement.ts); null:
   * a data-centre deployment, every weight in device memory.
   */
  host: HostSettings | null;
  /** With `host`, a GGUF file whose tensors' exact bytes size the weights; absent: the formats. */
  gguf?: DeploymentGguf | null;
  /** The engine whose memory policy sizes the KV cache (serving/engines.ts); absent: vLLM. */
  engine?: EngineId;
  /** Devices per node; null or absent: the device's own node size (8 per HGX node). */
  gpusPerNode?: number | null;
  /**
   * Sequences in one step (vLLM max_num_seqs, TensorRT-LLM max_batch_size); null or absent: the
   * engine's default on the device (serving/engines.ts). Read with vLLM and TensorRT-LLM only.
   */
  maxSequences?: number | null;
  /**
   * The largest decode batch a CUDA graph covers (SGLang's cuda_graph_max_bs, TensorRT-LLM's
   * cuda_graph_config.max_batch_size); a larger one runs eagerly (serving/eager.ts). Null or
   * absent: the engine's (serving/engines.ts `engineGraphBatch`). Read with SGLang and TensorRT-LLM.
   */
  graphBatch?: number | null;
  /**
   * The engine's memory fraction (vLLM gpu_memory_utilization, SGLang mem_fraction_static,
   * TensorRT-LLM's of free memory); null or absent: the engine's default (serving/engines.ts).
   */
  memoryFraction?: number | null;
  /**
   * Tokens per forward pass (vLLM max_num_batched_tokens, SGLang chunked_prefill_size): the
   * prefill chunk and the activations; null or absent: the engine's default on the device.
   */
  batchedTokens?: number | null;
  /** Speculative decoding with the model's MTP modules; null or absent: off. */
  speculative?: SpeculativeSettings | null;
  /**
   * vLLM's synchronous scheduler (the default before v0.14, the CLI's `--no-async-scheduling`):
   * the GPUs wait for the host's work on each running sequence every step
   * (serving/assumptions.ts SYNC_SCHEDULING_SECONDS). Read with vLLM only; absent: asynchronous.
   */
  syncScheduling?: boolean;
  /**
   * vLLM's piecewise CUDA graphs (the default before v0.11, the CLI's `--cuda-graphs piecewise`):
   * the host launches each layer, and a step takes no less (serving/assumptions.ts
   * PIECEWISE_LAUNCH_SECONDS). Read with vLLM only; absent: full graphs.
   */
  piecewiseGraphs?: boolean;
  /**
   * SGLang's `--enable-mixed-chunk`: new prompts ride in the decode steps instead of passes of
   * their own (serving/engines.ts `PrefillScheduling`). Read with SGLang only; absent: off.
   */
  mixedChunk?: boolean;
  /**
   * SGLang before 0.5.10 (the CLI's `--engine-version 0.5.9`): every prefill pass runs eagerly,
   * without piecewise CUDA graphs, and takes no less than its kernels' host time
   * (serving/eager.ts). Read with SGLang only; absent: the newest defaults.
   */
  eagerPrefill?: boolean;
  /**
   * SGLang's `--enable-prefill-delayer` (serving/prefill-delayer.ts): a DP-attention rank's
   * prompts wait until every rank has some, up to 30 passes. Read with SGLang under data-parallel
   * attention only; absent: off, its default.
   */
  prefillDelayer?: boolean;
  /** A benchmark's prompt and answer tokens per request: its whole run at `batch`; null: none. */
  promptTokens?: number | null;
  answerTokens?: number | null;
  /** A run of this many prompts (`vllm bench serve --num-prompts`), `batch` in flight; null: none. */
  runPrompts?: number | null;
  /** Requests a second the run's client sends, Poisson arrivals; null or absent: all at once. */
  requestRate?: number | null;
  /** How the run's answers spread about `answerTokens`; absent: all of that length. */
  answerSpread?: AnswerSpread;
  /**
   * A spread run's shortest answer (the CLI's `--output-min`; null: 1) and a long-tailed run's
   * longest (`--output-max`; null: what the context leaves after the prompt), about `answerTokens`.
   */
  shortestAnswer?: number | null;
  longestAnswer?: number | null;
}

/**
 * Speculative decoding as the page offers it: the model's own multi-token-prediction modules
 * (serving/speculative.ts). A separate draft model is the CLI's (`--draft-model`).
 */
export interface SpeculativeSettings {
  method: 'mtp';
  /** Tokens drafted per verification step, 1 to 16. */
  draftTokens: number;
  /** Chance that each drafted token is accepted, 0 to 1. */
  acceptance: number;
}

/**
 * A host as the explorer first offers it: 64 GB of dual-channel DDR5-5600 (2 × 5,600 MT/s × 8 B)
 * on PCIe 4.0 x16, as serving/local-estimate.ts DEFAULT_HOST.
 */
export const DEFAULT_HOST_SETTINGS: HostSettings = {
  memoryBytes: 64e9,
  bandwidthBytesPerSecond: 89.6e9,
  pcie: 'gen4x16',
  cpuMoe: false,
  nCpuMoe: 0,
  gpuLayers: null,
  gpuShare: null,
};

export interface ExplorerConfig {
  source: ModelSource;
  arch: ArchOverrides;
  deployment: DeploymentSettings;
}

/** The explorer opens on Llama 4 Scout, BF16, on one 8 x H100 node, at 128k context. */
export type { HostSettings };

export const DEFAULT_DEPLOYMENT: DeploymentSettings = {
  deviceId: 'h100-sxm',
  devices: 8,
  tp: null,
  ep: 1,
  pp: 1,
  weights: null,
  expertWeights: null,
  kvDtype: null,
  kvLayout: null,
  contextTokens: 131072,
  batch: 1,
  skew: DEFAULT_ROUTING.skew,
  capacityFactor: DEFAULT_ROUTING.capacityFactor,
  usdPerHour: null,
  host: null,
  engine: 'vllm',
  gpusPerNode: null,
  speculative: null,
};

export function defaultConfig(presetId = DEFAULT_PRESET_ID): ExplorerConfig {
  return {
    source: { kind: 'preset', id: presetId },
    arch: {},
    deployment: { ...DEFAULT_DEPLOYMENT },
  };
}

/** The unedited spec of a source. Throws ConfigError for a bad imported config or preset id. */
export function baseSpec(source: ModelSource): ModelSpec {
  if (source.kind === 'config') return parseHFConfig(source.json, { name: source.name });
  const preset = findPreset(source.id);
  if (!preset) throw new ConfigError('preset', source.id, 'a preset id');
  return presetSpec(preset);
}

export interface ExplorerResult {
  base: ModelSpec;
  spec: ModelSpec;
  count: ParamCount;
  /** null with `servingError` when the deployment settings do not make a valid layout. */
  resolved: ResolvedServing | null;
  serving: ServingEstimate | null;
  servingError: string | null;
}

/** Resolves a configuration into its numbers. Throws ConfigError if the model itself is invalid. */
export function resolveExplorer(config: ExplorerConfig): ExplorerResult {
  return resolveWithBase(baseSpec(config.source), config);
}

/** As `resolveExplorer`, from the source's already parsed spec (an edit does not re-read the config). */
export function resolveWithBase(base: ModelSpec, config: ExplorerConfig): ExplorerResult {
  const spec = applyOverrides(base, config.arch);
  return resolveDeployment({ base, spec, count: countParams(spec) }, config.deployment);
}

/**
 * The serving numbers of an already counted model on a deployment. Invalid deployment settings
 * are not thrown: they come back as `servingError`, with the model's counts intact.
 */
export function resolveDeployment(
  model: Pick<ExplorerResult, 'base' | 'spec' | 'count'>,
  deployment: DeploymentSettings,
): ExplorerResult {
  const { base, spec, count } = model;
  // Outside the try: a serving model not at hand is no setting's fault (serving-model.ts).
  const { resolveServing, estimateResolved } = servingModel();
  try {
    const options = servingOptions(deployment);
    const resolved = resolveServing(spec, options, count);
    // With a host, the local model (loaded on demand: local-estimator.ts).
    const serving = deployment.host
      ? localEstimate()(spec, options, deployment.host, count, deployment.gguf)
      : estimateResolved(resolved);
    return { base, spec, count, resolved, serving, servingError: null };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { base, spec, count, resolved: null, serving: null, servingError: error.message };
  }
}
