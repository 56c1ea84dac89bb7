/**
 * Where each weight lives when a model runs on one machine: on the GPU (device memory) or in
 * system RAM (host memory), the way llama.cpp places a model's tensors:
 * - `-ngl N` (`--n-gpu-layers`): the output head and the last N − 1 decoder layers on the GPU,
 *   the others on the CPU (llama.cpp src/llama-model.cpp `load_tensors`: `i_gpu_start =
 *   max(n_layer + 1 − n_gpu_layers, 0)`, the output being layer n_layer); all of them by default;
 * - `--cpu-moe`: every layer's routed experts on the CPU; `--n-cpu-moe N`: the routed experts of
 *   the first N layers (common/arg.cpp: the override `blk\.(0|…|N−1)\.ffn_(up|down|gate)_exps`);
 * - `-ot REGEX=CPU` (`--override-tensor`): every tensor whose GGUF name matches, on the CPU;
 * - the input embedding always stays on the CPU (a row lookup: llama.cpp keeps `token_embd` in
 *   host memory whatever -ngl says).
 * Parts are named as in GGUF (llama.cpp gguf-py/gguf/constants.py `MODEL_TENSOR`):
 * `blk.{i}.attn_*`, `blk.{i}.ffn_{gate,up,down}_exps`, `_shexp`, `ffn_gate_inp`, `token_embd`,
 * `output`; a part goes to the host when a pattern matches any of its tensors' names.
 */
import { ConfigError } from '../model/errors.ts';
import type { LayerParams, ParamCount } from '../params/count.ts';
import type { WeightPlan } from './weights.ts';
import { componentFormat, paramBytes } from './weights.ts';

/** How the user places the model (llama.cpp's flags). */
export interface PlacementFlags {
  /** `-ngl`: decoder layers on the GPU, counted from the last; null: all of them. */
  gpuLayers: number | null;
  /** `--cpu-moe`: every layer's routed experts in host memory. */
  cpuMoe: boolean;
  /** `--n-cpu-moe N`: the routed experts of the first N layers in host memory. */
  nCpuMoe: number;
  /** `-ot REGEX=CPU` patterns, as regular-expression sources (matched anywhere in a name). */
  overrides: readonly string[];
}

export const DEFAULT_PLACEMENT: PlacementFlags = {
  gpuLayers: null,
  cpuMoe: false,
  nCpuMoe: 0,
  overrides: [],
};

export type Where = 'device' | 'host';

/** One layer's parts and where each lives. */
export interface LayerPlacement {
  index: number;
  /** The token mixer (attention or linear attention) with its norms. */
  mixer: Where;
  /** Routed experts (null: the layer has none). */
  experts: Where | null;
  /** Router, shared experts and dense FFN. */
  ffn: Where;
}

export interface Placement {
  layers: LayerPlacement[];
  embedding: Where;
  output: Where;
}

/** One layer's parts: weight bytes and, for `-ot` patterns, their GGUF tensor names. */
export interface LayerParts {
  mixer: number;
  experts: number;
  ffn: number;
  names: { mixer: readonly string[]; experts: readonly string[]; ffn: readonly string[] };
}

/** The model as llama.cpp places it: its layers' parts, the input embedding and the output. */
export interface ModelParts {
  layers: LayerParts[];
  embedding: number;
  /** The output head (a copy of the embedding when tied) and the final norm. */
  output: number;
}

/** The GGUF tensor names of each part of layer `i`, as llama.cpp writes them, for `-ot`. */
const PART_NAMES = {
  mixer: (i: number) => [
    `blk.${i}.attn_norm.weight`,
    `blk.${i}.attn_q.weight`,
    `blk.${i}.attn_k.weight`,
    `blk.${i}.attn_v.weight`,
    `blk.${i}.attn_output.weight`,
    `blk.${i}.ssm_in.weight`,
    `blk.${i}.ssm_out.weight`,
  ],
  experts: (i: number) => [
    `blk.${i}.ffn_gate_exps.weight`,
    `blk.${i}.ffn_up_exps.weight`,
    `blk.${i}.ffn_down_exps.weight`,
  ],
  ffn: (i: number) => [
    `blk.${i}.ffn_norm.weight`,
    `blk.${i}.ffn_gate_inp.weight`,
    `blk.${i}.ffn_gate_shexp.weight`,
    `blk.${i}.ffn_up_shexp.weight`,
    `blk.${i}.ffn_down_shexp.weight`,
    `blk.${i}.ffn_gate.weight`,
    `blk.${i}.ffn_up.weight`,
    `blk.${i}.ffn_down.weight`,
  ],
};

/** Compiles `-ot` patterns; a bad one is refused with a ConfigError naming it. */
export function compileOverrides(patterns: readonly string[]): RegExp[] {
  return patterns.map((source) => {
    try {
      return new RegExp(source);
    } catch {
      throw new ConfigError('override-tensor', source, 'a regular expression (REGEX=CPU)');
    }
  });
}

/**
 * Where every part of the model lives under `flags`.
 *
 * @example placeModel(parts, { ...DEFAULT_PLACEMENT, cpuMoe: true }).layers[0].experts // 'host'
 */
export function placeModel(parts: ModelParts, flags: PlacementFlags): Placement {
  const n = parts.layers.length;
  // The output is layer n in -ngl's count: -ngl 1 puts only the output on the GPU.
  const gpuLayers = flags.gpuLayers === null ? n + 1 : Math.max(0, flags.gpuLayers);
  const firstGpuLayer = Math.max(0, n + 1 - gpuLayers);
  const overrides = compileOverrides(flags.overrides);
  const matches = (names: readonly string[]) =>
    overrides.length > 0 && overrides.some((re) => names.some((x) => re.test(x)));
  const where = (onGpu: boolean, names: readonly string[]): Where =>
    onGpu && !matches(names) ? 'device' : 'host';
  const layers = parts.layers.map((l, i): LayerPlacement => {
    const onGpu = i >= firstGpuLayer;
    const expertsOnHost = flags.cpuMoe || i < flags.nCpuMoe;
    return {
      index: i,
      mixer: where(onGpu, l.names.mixer),
      experts: l.experts > 0 ? where(onGpu && !expertsOnHost, l.names.experts) : null,
      ffn: where(onGpu, l.names.ffn),
    };
  });
  return {
    layers,
    embedding: 'host',
    output: where(gpuLayers >= 1, ['output.weight', 'output_norm.weight']),
  };
}

/** A model's parts from its count and the formats of a weight plan. */
export function planParts(count: ParamCount, plan: WeightPlan): ModelParts {
  const b = (params: number, key: Parameters<typeof componentFormat>[0]) =>
    paramBytes(params, componentFormat(key, plan));
  const layers = count.layers.map((l: LayerParams, i): LayerParts => ({
    mixer: b(l.attention, 'attention') + b(l.norms, 'norms'),
    experts: b(l.routedExperts, 'routedExperts'),
    ffn: b(l.router, 'router') + b(l.sharedExperts, 'sharedExperts') + b(l.denseFfn, 'denseFfn'),
    names: { mixer: PART_NAMES.mixer(i), experts: PART_NAMES.experts(i), ffn: PART_NAMES.ffn(i) },
  }));
  const e = count.breakdown;
  // The output head, or with tied embeddings a copy of the embedding matrix (llama.cpp loads
  // `output` from `token_embd` when the file has none).
  const head = e.lmHead > 0 ? e.lmHead : e.embedding;
  return { layers, embedding: b(e.embedding, 'embedding'), output: b(head, 'lmHead') };
}

/** Weight bytes in device and in host memory under a placement. */
export function placedWeightBytes(
  parts: ModelParts,
  placement: Placement,
): { device: number; host: number } {
  const out = { device: 0, host: 0 };
  parts.layers.forEach((l, i) => {
    const p = placement.layers[i]!;
    out[p.mixer] += l.mixer;
    out[p.ffn] += l.ffn;
    if (p.experts) out[p.experts] += l.experts;
  });
  out[placement.embedding] += parts.embedding;
  out[placement.output] += parts.output;
  return out;
}
