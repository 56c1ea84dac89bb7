/**
 * The options of `serve`: one table for the parser, the help and the defaults. Defaults come
 * from the core where it owns them (DEFAULT_MEMORY, DEFAULT_EFFICIENCY, DEFAULT_ROUTING) and from
 * SERVE_DEFAULTS, which serve-command.ts passes to the core, so the help cannot drift from them.
 */
import { DEFAULT_MEMORY, DEFAULT_ROUTING, LIMITS, type KvDtype } from '../lib/core/index.ts';
import { HOST_OPTION_TABLE } from './host-options.ts';
import { SPECULATIVE_OPTION_TABLE } from './speculative-options.ts';
import { WORKLOAD_OPTION_TABLE } from './workload-options.ts';
import { EFFICIENCY_OPTION_TABLE } from './efficiency-options.ts';
import { SGLANG_OPTION_TABLE } from './sglang-options.ts';
import { HELP_OPTION, HUB_GROUP, hubOptions, type CliOption } from './options.ts';

const kvDtype: KvDtype = 'bf16';

/** What `serve` passes to the core for an option that is not given. */
export const SERVE_DEFAULTS = {
  gpu: 'h100-sxm',
  gpus: 1,
  ep: 1,
  pp: 1,
  kvDtype,
  contextTokens: 8192,
  batch: 1,
} as const;

/**
 * The largest custom device the CLI accepts: 100,000 GB of memory, 1,000,000 GB/s and
 * 1,000,000 dense BF16 TFLOP/s, each over a hundred times the largest device of the catalog
 * (M3 Ultra: 541 GB; GB200: 8,000 GB/s and 2,500 TFLOP/s). Far beyond them a figure is a typo,
 * and near 1e308 it overflows to Infinity (a "fit" with no memory figure at all).
 */
export const CUSTOM_DEVICE_MAX = { memoryGB: 1e5, bandwidthGBs: 1e6, tflops: 1e6 } as const;

/** The smallest: 0.001 (1 MB, 1 MB/s, 1 GFLOP/s), enough for a toy config; zero divides. */
const CUSTOM_DEVICE_MIN = 0.001;

/** The highest price of a device-hour: $10,000, over a thousand times the catalog's dearest. */
export const MAX_USD_PER_DEVICE_HOUR = 10_000;

/** A count of devices: from 1 to the core's limit (LIMITS.devices). */
const DEVICES_RANGE = [1, LIMITS.devices] as const;

/** A number as the help shows it, free of floating-point noise (50e-6 x 1e6 is 50). */
function shown(value: number): string {
  return String(Number(value.toPrecision(12)));
}

const DEVICE = 'device (--gpu, or all three --gpu-* numbers for a device not in the catalog)';
const LAYOUT = 'layout over the devices';
const FORMATS = 'formats';
const WORKLOAD = 'workload and price';
const ASSUMED = 'assumptions of the estimate';
const OUTPUT = 'output';

/** Every option `serve` accepts, in the order and under the headings of its help. */
export const SERVE_OPTIONS: readonly CliOption[] = [
  {
    group: DEVICE,
    name: 'gpu',
    arg: 'ID',
    default: SERVE_DEFAULTS.gpu,
    help: 'a device of the catalog (below)',
  },
  {
    group: DEVICE,
    name: 'gpu-memory-gb',
    arg: 'N',
    range: [CUSTOM_DEVICE_MIN, CUSTOM_DEVICE_MAX.memoryGB],
    help: 'custom device: memory, GB (10^9 bytes)',
  },
  {
    group: DEVICE,
    name: 'gpu-bandwidth-gbs',
    arg: 'N',
    range: [CUSTOM_DEVICE_MIN, CUSTOM_DEVICE_MAX.bandwidthGBs],
    help: 'custom device: memory bandwidth, GB/s',
  },
  {
    group: DEVICE,
    name: 'gpu-tflops',
    arg: 'N',
    range: [CUSTOM_DEVICE_MIN, CUSTOM_DEVICE_MAX.tflops],
    help: 'custom device: dense BF16 TFLOP/s',
  },
  {
    group: DEVICE,
    name: 'gpu-link-gbs',
    arg: 'N',
    range: [CUSTOM_DEVICE_MIN, CUSTOM_DEVICE_MAX.bandwidthGBs],
    default: '64 (PCIe)',
    help: 'custom device: per-direction bandwidth to the other devices of its node (NVLink, xGMI, PCIe), GB/s',
  },
  {
    group: LAYOUT,
    name: 'gpus',
    arg: 'N',
    range: DEVICES_RANGE,
    integer: true,
    default: `${shown(SERVE_DEFAULTS.gpus)}, or nodes x gpus-per-node with --nodes`,
    help: 'devices of the whole deployment',
  },
  {
    group: LAYOUT,
    name: 'tp',
    arg: 'N',
    range: DEVICES_RANGE,
    integer: true,
    default: 'gcd(gpus / pp, attention heads); llama.cpp: 1',
    help: 'tensor-parallel group size',
  },
  {
    group: LAYOUT,
    name: 'ep',
    arg: 'N',
    range: DEVICES_RANGE,
    integer: true,
    default: shown(SERVE_DEFAULTS.ep),
    help: 'expert-parallel group size (splits routed experts)',
  },
  {
    group: LAYOUT,
    name: 'pp',
    arg: 'N',
    range: DEVICES_RANGE,
    integer: true,
    default: `${shown(SERVE_DEFAULTS.pp)}; llama.cpp without --tp or --ep: gpus (its --split-mode layer)`,
    help: 'pipeline stages (split the layers)',
  },
  {
    group: LAYOUT,
    name: 'nodes',
    arg: 'N',
    range: DEVICES_RANGE,
    integer: true,
    default: 'gpus / gpus-per-node',
    help: 'nodes the devices sit in (the network joins them)',
  },
  {
    group: LAYOUT,
    name: 'gpus-per-node',
    arg: 'N',
    range: [1, 72],
    integer: true,
    default: "the device's node: 8 (HGX, MI300X), 4 per NVL72 tray",
    help: 'devices per node, joined by NVLink, xGMI or PCIe',
  },
  {
    group: FORMATS,
    name: 'weights',
    arg: 'FMT',
    default: "the checkpoint's",
    help: 'weight format except routed experts (below)',
  },
  {
    group: FORMATS,
    name: 'expert-weights',
    arg: 'FMT',
    default: "--weights or the checkpoint's",
    help: 'weight format of routed experts',
  },
  {
    group: FORMATS,
    name: 'kv-dtype',
    arg: 'DTYPE',
    default: `${SERVE_DEFAULTS.kvDtype}, but fp8 under SGLang for DeepSeek-V4 (the only type it runs V4's cache in) and, on Blackwell, for sparse-attention models (DeepSeek-V3.2, GLM-5)`,
    help: 'element type of the KV cache (below)',
  },
  {
    group: FORMATS,
    name: 'kv-layout',
    arg: 'LAYOUT',
    default:
      "the engine's: hybrid, under trtllm full (it keeps every layer whole unless kv_cache_config.max_attention_window lists the windows)",
    help: 'what each layer keeps of the context (below)',
  },
  {
    group: WORKLOAD,
    name: 'context',
    arg: 'TOKENS',
    range: [1, LIMITS.contextTokens],
    integer: true,
    default: shown(SERVE_DEFAULTS.contextTokens),
    help: 'tokens per sequence; 128k, 10M are decimal (10M = 10,000,000), 128Ki, 10Mi binary',
  },
  {
    group: WORKLOAD,
    name: 'batch',
    arg: 'N',
    range: [1, LIMITS.batch],
    integer: true,
    default: shown(SERVE_DEFAULTS.batch),
    help: 'concurrent sequences of the whole deployment',
  },
  {
    group: WORKLOAD,
    name: 'gpu-hour-usd',
    arg: 'USD',
    range: [0, MAX_USD_PER_DEVICE_HOUR],
    default: "the device's (below)",
    help: 'price of one device-hour',
  },
  ...WORKLOAD_OPTION_TABLE,
  ...SPECULATIVE_OPTION_TABLE,
  ...HOST_OPTION_TABLE,
  {
    group: ASSUMED,
    name: 'engine',
    arg: 'ID',
    default: DEFAULT_MEMORY.engine,
    help: 'whose memory policy sizes the KV cache: vllm, sglang, trtllm or llamacpp',
  },
  {
    group: ASSUMED,
    name: 'engine-version',
    arg: 'V',
    default: 'the newest',
    help: "the engine's release, e.g. 0.10.1: vLLM before v0.11 ran piecewise CUDA graphs and before v0.14 synchronous scheduling; SGLang before 0.5.10 prefilled eagerly, and fused fewer kernels before 0.5.7; TensorRT-LLM's and llama.cpp's releases change nothing modelled",
  },
  {
    group: ASSUMED,
    name: 'gpu-memory-utilization',
    arg: 'F',
    range: [0.05, 1],
    default: "the engine's: vllm 0.9, sglang by device, trtllm 0.9 (of free memory)",
    help: "the engine's memory fraction (vLLM gpu_memory_utilization, SGLang mem_fraction_static)",
  },
  {
    group: ASSUMED,
    name: 'memory-utilization',
    arg: 'F',
    range: [0.05, 1],
    help: 'the same as --gpu-memory-utilization',
  },
  {
    group: ASSUMED,
    name: 'max-batched-tokens',
    arg: 'N',
    range: [1, LIMITS.contextTokens],
    integer: true,
    default: "the engine's: vllm 8192 (2048 on A100 and under 70 GiB), sglang by device",
    help: 'tokens per forward pass (prefill chunk, activations)',
  },
  {
    group: ASSUMED,
    name: 'max-num-seqs',
    arg: 'N',
    range: [1, LIMITS.batch],
    integer: true,
    default:
      "the engine's: vllm 1024 (256 on A100 and under 70 GiB), sglang its CUDA-graph batch, trtllm 2048",
    help: "sequences in one step (vLLM max_num_seqs, TensorRT-LLM max_batch_size), the most vLLM and TensorRT-LLM run at once on a replica; vLLM's sampler profile runs over them. Under SGLang its cuda_graph_max_bs: a larger decode batch runs without CUDA graphs",
  },
  ...SGLANG_OPTION_TABLE,
  {
    group: ASSUMED,
    name: 'prefill',
    arg: 'HOW',
    default: "the engine's: separate for sglang, mixed for the others",
    help: "how prompts share the devices with decode: mixed into the decode steps (vLLM, TensorRT-LLM, llama.cpp; SGLang's --enable-mixed-chunk) or separate, a pass of their own that pauses every sequence (SGLang's default)",
  },
  ...EFFICIENCY_OPTION_TABLE,
  {
    group: ASSUMED,
    name: 'skew',
    arg: 'F',
    range: [0, 4],
    default: shown(DEFAULT_ROUTING.skew),
    help: 'Zipf skew of expert popularity (0: uniform)',
  },
  {
    group: ASSUMED,
    name: 'capacity-factor',
    arg: 'F',
    range: [0.1, 64],
    default: shown(DEFAULT_ROUTING.capacityFactor),
    help: 'capacity factor of the dropped-token estimate',
  },
  ...hubOptions(HUB_GROUP),
  { group: OUTPUT, name: 'json', help: 'print one JSON object instead of the summary' },
  { group: OUTPUT, ...HELP_OPTION },
];
