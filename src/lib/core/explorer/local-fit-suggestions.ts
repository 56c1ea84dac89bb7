/**
 * When a deployment on one GPU and system RAM does not fit: the changes llama.cpp users make,
 * on the host's side rather than more GPUs (a host goes with one GPU), each the smallest along
 * its axis that makes both sides fit, and each a patch the page applies in one click:
 * - placement: the fewest layers whose routed experts stay in RAM (`--n-cpu-moe N`), with the
 *   RAM that then takes them if there is too little;
 * - layers: the most layers on the GPU that fit (`-ngl N`), the others' weights and KV cache in
 *   RAM, when experts alone are not enough;
 * - share: a unified pool's GPU share raised (macOS `iogpu.wired_limit_mb`, Linux
 *   `ttm.pages_limit`), to the whole percent that fits;
 * - ram: the smallest memory size people buy (host-ranges.ts RAM_SIZES_GB) that holds the host's
 *   part;
 * - weights: a smaller GGUF quant (with its own --n-cpu-moe when the GPU needs it);
 * - kv: llama.cpp's quantized KV cache (`-ctk q8_0 -ctv q8_0`, then q4_0);
 * - batch and context: the largest that fit (the estimate's own searches).
 * Each candidate is a whole local estimate (resolveDeployment with the local model loaded).
 */
import { ConfigError } from '../model/errors.ts';
import { HOST_RANGES, RAM_SIZES_GB } from '../serving/host-ranges.ts';
import type { LocalServingEstimate } from '../serving/local-estimate.ts';
import {
  kvDtypeBytes,
  WEIGHT_FORMATS,
  type KvDtype,
  type WeightFormatId,
} from '../serving/weight-formats.ts';
import {
  resolveDeployment,
  type DeploymentSettings,
  type ExplorerResult,
  type HostSettings,
} from './explorer-config.ts';
import { formatTokensExact } from './format.ts';

export interface LocalFitSuggestion {
  axis: 'placement' | 'layers' | 'share' | 'ram' | 'weights' | 'kv' | 'batch' | 'context';
  /** The change in words: "--n-cpu-moe 27: the routed experts of the first 27 layers in RAM". */
  label: string;
  patch: Partial<DeploymentSettings>;
  /** After the change: the GPU's bytes and what it may use; RAM's (a pool: both sides') and its size. */
  deviceUsedBytes: number;
  deviceBudgetBytes: number;
  hostUsedBytes: number;
  hostMemoryBytes: number;
}

type Model = Pick<ExplorerResult, 'base' | 'spec' | 'count'>;

/** llama.cpp's quants, from the most bits to the fewest (weight-formats.ts). */
const GGUF_QUANTS: readonly WeightFormatId[] = [
  'q8_0',
  'q6_k',
  'q5_k_m',
  'q4_k_m',
  'q3_k_m',
  'q2_k',
];

/** llama.cpp's KV cache types, from the most bits to the fewest (`-ctk`, `-ctv`). */
const KV_STEPS: readonly KvDtype[] = ['q8_0', 'q4_0'];

/** The local estimate after a change; null when it is not a valid deployment. */
function estimateAfter(
  model: Model,
  deployment: DeploymentSettings,
  patch: Partial<DeploymentSettings>,
): LocalServingEstimate | null {
  try {
    const s = resolveDeployment(model, { ...deployment, ...patch }).serving;
    return s && 'hostBytes' in s ? (s as LocalServingEstimate) : null;
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

/** The suggestion of a change, when it makes both sides fit; null otherwise. */
function tryFit(
  model: Model,
  deployment: DeploymentSettings,
  axis: LocalFitSuggestion['axis'],
  label: string,
  patch: Partial<DeploymentSettings>,
): LocalFitSuggestion | null {
  const s = estimateAfter(model, deployment, patch);
  if (!s?.fits) return null;
  return {
    axis,
    label,
    patch,
    deviceUsedBytes: s.deviceUsedBytes,
    deviceBudgetBytes: s.deviceBudgetBytes,
    hostUsedBytes: s.hostBytes + (s.unified ? s.deviceUsedBytes : 0),
    hostMemoryBytes: s.hostMemoryBytes,
  };
}

/** The smallest RAM size, GB, that holds `bytes`; null past the largest. */
function ramSizeFor(bytes: number): number | null {
  return RAM_SIZES_GB.find((gb) => gb * 1e9 >= bytes) ?? null;
}

const nCpuMoeLabel = (n: number) =>
  `--n-cpu-moe ${n}: the routed experts of the first ${n} layers in RAM`;

/** The fewest expert layers in RAM for the GPU, and the RAM they then need. */
function placement(
  model: Model,
  d: DeploymentSettings,
  s: LocalServingEstimate,
): LocalFitSuggestion | null {
  const n = s.suggestedNCpuMoe;
  const host = d.host!;
  if (s.fitsDevice || n === null) return null;
  const moved: HostSettings = { ...host, cpuMoe: false, nCpuMoe: n };
  const alone = tryFit(model, d, 'placement', nCpuMoeLabel(n), { host: moved });
  if (alone || s.unified) return alone;
  const after = estimateAfter(model, d, { host: moved });
  const gb = after && ramSizeFor(after.hostBytes);
  if (!gb || gb * 1e9 <= host.memoryBytes) return null;
  return tryFit(model, d, 'placement', `${nCpuMoeLabel(n)}, with ${gb} GB of RAM`, {
    host: { ...moved, memoryBytes: gb * 1e9 },
  });
}

/**
 * The most layers on the GPU (`-ngl N`, the output counting as one) for it to fit, when moving
 * experts is not enough: device bytes never grow as N falls, so a binary search finds it.
 */
function layers(
  model: Model,
  d: DeploymentSettings,
  s: LocalServingEstimate,
): LocalFitSuggestion | null {
  if (s.fitsDevice || s.suggestedNCpuMoe !== null) return null;
  const host = d.host!;
  const all = s.placement.layers.length + 1;
  const at = (gpuLayers: number): Partial<DeploymentSettings> => ({
    host: { ...host, gpuLayers },
  });
  const fitsDevice = (n: number) => estimateAfter(model, d, at(n))?.fitsDevice === true;
  let lo = 0; // fits: nothing on the GPU but its buffer
  let hi = Math.min(host.gpuLayers ?? all, all); // does not fit
  if (!fitsDevice(lo)) return null;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsDevice(mid)) lo = mid;
    else hi = mid;
  }
  return tryFit(
    model,
    d,
    'layers',
    `-ngl ${lo}: ${lo} of ${all} layers on the GPU, the rest in RAM`,
    at(lo),
  );
}

/** A unified pool's GPU share, raised to the whole percent the GPU needs (at most all of it). */
function share(
  model: Model,
  d: DeploymentSettings,
  s: LocalServingEstimate,
): LocalFitSuggestion | null {
  if (!s.unified || s.fitsDevice) return null;
  const needed = Math.ceil((s.deviceUsedBytes / s.hostMemoryBytes) * 100) / 100;
  if (needed > HOST_RANGES.gpuShare.max) return null;
  const gpuShare = Math.max(needed, HOST_RANGES.gpuShare.min);
  const percent = Math.round(gpuShare * 100);
  return tryFit(model, d, 'share', `GPU share ${percent}% of the pool`, {
    host: { ...d.host!, gpuShare },
  });
}

/** More RAM: the smallest size people buy that holds the host's part (a discrete GPU only). */
function ram(
  model: Model,
  d: DeploymentSettings,
  s: LocalServingEstimate,
): LocalFitSuggestion | null {
  if (s.unified || s.fitsHost) return null;
  const gb = ramSizeFor(s.hostBytes);
  if (gb === null) return null;
  return tryFit(model, d, 'ram', `${gb} GB of RAM`, {
    host: { ...d.host!, memoryBytes: gb * 1e9 },
  });
}

/** The largest GGUF quant smaller than the weights now, with its own --n-cpu-moe if needed. */
function weights(
  model: Model,
  d: DeploymentSettings,
  s: LocalServingEstimate,
): LocalFitSuggestion | null {
  for (const id of GGUF_QUANTS) {
    const patch = { weights: id, expertWeights: null };
    const after = estimateAfter(model, d, patch);
    // Smaller in all: Q4_K_M is larger than gpt-oss's MXFP4 experts.
    if (!after || after.weightsBytes >= s.weightsBytes) continue;
    const label = `Weights in ${WEIGHT_FORMATS[id].label}`;
    if (after.fits) return tryFit(model, d, 'weights', label, patch);
    const n = after.suggestedNCpuMoe;
    const host = d.host!;
    if (after.fitsDevice || n === null || (!host.cpuMoe && n <= host.nCpuMoe)) continue;
    const fit = tryFit(model, d, 'weights', `${label}, with --n-cpu-moe ${n}`, {
      ...patch,
      host: { ...host, cpuMoe: false, nCpuMoe: n },
    });
    if (fit) return fit;
  }
  return null;
}

/** llama.cpp's quantized KV cache smaller than the one now: q8_0, then q4_0. */
function kv(model: Model, d: DeploymentSettings): LocalFitSuggestion | null {
  for (const kvDtype of KV_STEPS) {
    if (kvDtypeBytes(kvDtype) >= kvDtypeBytes(d.kvDtype ?? 'bf16')) continue;
    const fit = tryFit(model, d, 'kv', `KV cache in ${kvDtype} (-ctk ${kvDtype} -ctv ${kvDtype})`, {
      kvDtype,
    });
    if (fit) return fit;
  }
  return null;
}

/**
 * The smallest change along each axis that makes a deployment with a host fit: on the host's
 * side (expert layers in RAM, the GPU share of a pool, more RAM), a smaller quant or KV cache,
 * a shorter context or a smaller batch; empty when it fits or nothing tried does.
 *
 * @example localFitSuggestions(result, deployment, serving)[0].label
 *   // "--n-cpu-moe 27: the routed experts of the first 27 layers in RAM" (gpt-oss-120b, RTX 4090)
 */
export function localFitSuggestions(
  model: Model,
  deployment: DeploymentSettings,
  serving: LocalServingEstimate,
): LocalFitSuggestion[] {
  if (serving.fits || !deployment.host) return [];
  const found = [
    placement(model, deployment, serving),
    layers(model, deployment, serving),
    share(model, deployment, serving),
    ram(model, deployment, serving),
    weights(model, deployment, serving),
    kv(model, deployment),
  ];
  if (serving.maxContextTokens > 0 && serving.maxContextTokens < deployment.contextTokens) {
    const label = `Context ${formatTokensExact(serving.maxContextTokens)} tokens, the most that fits`;
    found.push(
      tryFit(model, deployment, 'context', label, {
        contextTokens: serving.maxContextTokens,
      }),
    );
  }
  if (serving.maxBatch >= 1 && serving.maxBatch < deployment.batch) {
    const label = `Batch ${serving.maxBatch}, the most that fits`;
    found.push(tryFit(model, deployment, 'batch', label, { batch: serving.maxBatch }));
  }
  return found.filter((fit): fit is LocalFitSuggestion => fit !== null);
}
