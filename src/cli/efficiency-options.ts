/** The efficiency options of `serve`: their table and what they give the core. */
import {
  CDNA3_BLOCK_SCALED_GEMM_SECONDS,
  DEFAULT_EFFICIENCY,
  DEFAULT_LOCAL_EFFICIENCY,
  LIMITS,
  LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS,
  PIECEWISE_LAUNCH_SECONDS,
  SGLANG_EAGER_KERNEL_SECONDS,
  SGLANG_SPEC_HOST_SECONDS,
  SYNC_SCHEDULING_SECONDS,
  W4A16_MOE_BANDWIDTH_SHARE,
  type Efficiency,
} from '../lib/core/index.ts';
import {
  DEFAULT_MEMORY,
  ENGINE_IDS,
  parseEngineRelease,
  releaseDefaults,
  type EngineId,
  type ReleaseDefaults,
} from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { findOption, type CliOption } from './options.ts';
import { UsageError } from './usage-error.ts';

const ASSUMED = 'assumptions of the estimate';
/** A number as the help shows it, free of floating-point noise (5e-6 x 1e6 is 5). */
const shown = (value: number) => String(Number(value.toPrecision(12)));

export const EFFICIENCY_OPTION_TABLE: readonly CliOption[] = [
  {
    group: ASSUMED,
    name: 'bandwidth-efficiency',
    arg: 'F',
    range: [0.01, 1],
    default: shown(DEFAULT_EFFICIENCY.bandwidth),
    help: 'achieved share of peak memory bandwidth (attention, dense weights)',
  },
  {
    group: ASSUMED,
    name: 'expert-bandwidth-efficiency',
    arg: 'F',
    range: [0.01, 1],
    default: `${shown(DEFAULT_EFFICIENCY.expertBandwidth)}; llama.cpp: the bandwidth efficiency (its mat-vec kernels read experts as dense layers)`,
    help: "the same for the routed experts' grouped GEMMs",
  },
  {
    group: ASSUMED,
    name: 'int4-expert-efficiency',
    arg: 'F',
    range: [0.01, 1],
    default: `${shown(W4A16_MOE_BANDWIDTH_SHARE)}, 1 on B200, B300, GB200 and GB300`,
    help: 'the share of that which INT4 weight-only (W4A16) experts reach: Marlin and Triton dequantize them on the way',
  },
  {
    group: ASSUMED,
    name: 'compute-efficiency',
    arg: 'F',
    range: [0.01, 1],
    default: shown(DEFAULT_EFFICIENCY.compute),
    help: 'achieved share of peak FLOP/s (GEMMs)',
  },
  {
    group: ASSUMED,
    name: 'attention-efficiency',
    arg: 'F',
    range: [0.01, 1],
    default: shown(DEFAULT_EFFICIENCY.attentionCompute),
    help: 'achieved share of peak BF16 FLOP/s in the attention kernels',
  },
  {
    group: ASSUMED,
    name: 'overlap',
    arg: 'F',
    range: [0, 1],
    default: shown(DEFAULT_EFFICIENCY.overlap),
    help: 'share of communication hidden behind compute',
  },
  {
    group: ASSUMED,
    name: 'kernel-us',
    arg: 'US',
    range: [0, 1e4],
    default: shown(DEFAULT_EFFICIENCY.kernelSeconds * 1e6),
    help: 'fixed time of each kernel a layer launches per step, microseconds',
  },
  {
    group: ASSUMED,
    name: 'block-scaled-gemm-us',
    arg: 'US',
    range: [0, 1e4],
    default: `${shown(CDNA3_BLOCK_SCALED_GEMM_SECONDS * 1e6)} on MI300X and MI325X (AMD CDNA3), else 0`,
    help: 'fixed time each GEMM over block-scaled weights (FP8 block scales, MXFP4) adds, microseconds',
  },
  {
    group: ASSUMED,
    name: 'layer-overhead-us',
    arg: 'US',
    range: [0, 1e6],
    default: `by kernel count; llama.cpp: ${shown(DEFAULT_LOCAL_EFFICIENCY.layerOverheadSeconds * 1e6)}, ${shown(LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS * 1e6)} on AMD GPUs (ROCm)`,
    help: 'one fixed time per layer per step instead, microseconds',
  },
  {
    group: ASSUMED,
    name: 'cuda-graphs',
    arg: 'MODE',
    default: 'full',
    help: `full (one replay a step), or piecewise (vLLM's default before v0.11: the host launches each layer in ${shown(PIECEWISE_LAUNCH_SECONDS * 1e6)} us, and a step takes no less)`,
  },
  {
    group: ASSUMED,
    name: 'launch-us',
    arg: 'US',
    range: [0, 1e4],
    default: shown(DEFAULT_EFFICIENCY.launchSecondsPerLayer * 1e6),
    help: 'host time to launch one layer, microseconds: a step takes no less than its layers',
  },
  {
    group: ASSUMED,
    name: 'eager-us',
    arg: 'US',
    range: [0, 1e4],
    default: `sglang and trtllm ${shown(SGLANG_EAGER_KERNEL_SECONDS * 1e6)}, other engines 0`,
    help: "host time per kernel of a pass run without CUDA graphs, microseconds (SGLang's prefill passes, and decode batches past --cuda-graph-max-bs): such a pass takes no less",
  },
  {
    group: ASSUMED,
    name: 'spec-host-us',
    arg: 'US',
    range: [0, 1e5],
    default: `sglang ${shown(SGLANG_SPEC_HOST_SECONDS * 1e6)}, other engines 0`,
    help: 'host time per speculative step that the GPUs wait for, microseconds (SGLang turns its overlap scheduler off for EAGLE and MTP; 0 with SGLANG_ENABLE_SPEC_V2=1)',
  },
  {
    group: ASSUMED,
    name: 'cuda-graph-max-bs',
    arg: 'N',
    range: [1, LIMITS.batch],
    integer: true,
    default: "the engine's: sglang --max-num-seqs, trtllm 128, vllm min(2 x --max-num-seqs, 512)",
    help: "the largest decode batch per replica replayed from a CUDA graph (SGLang's cuda_graph_max_bs, the same as its --max-num-seqs; TensorRT-LLM's cuda_graph_config.max_batch_size); a larger one runs eagerly, at --eager-us a kernel",
  },
  {
    group: ASSUMED,
    name: 'no-async-scheduling',
    help: `vLLM's synchronous scheduler (its default before v0.14): the GPUs wait ${shown(SYNC_SCHEDULING_SECONDS * 1e6)} us per running sequence per decode step`,
  },
  {
    group: ASSUMED,
    name: 'scheduling-us',
    arg: 'US',
    range: [0, 1e4],
    default: shown(DEFAULT_EFFICIENCY.schedulingSecondsPerSequence * 1e6),
    help: 'host time per running sequence per decode step that the GPUs wait for, microseconds (0: scheduled while the step runs)',
  },
];

/**
 * The release `--engine-version` names and its defaults, or null without it. An unknown engine is
 * left for `--engine`'s own message.
 */
export function releaseOption(
  options: Map<string, string>,
): (ReleaseDefaults & { engine: EngineId; version: string }) | null {
  const text = options.get('engine-version');
  if (text === undefined) return null;
  const given = options.get('engine')?.toLowerCase() ?? DEFAULT_MEMORY.engine;
  const engine = (ENGINE_IDS as readonly string[]).includes(given)
    ? (given as EngineId)
    : DEFAULT_MEMORY.engine;
  const release = parseEngineRelease(engine, text);
  return { engine, version: release.version, ...releaseDefaults(release) };
}

/**
 * The efficiency options given on the command line, in the core's units: a release's defaults
 * (`--engine-version`), and over them the flags that set the same fields.
 */
export function efficiencyOptions(options: Map<string, string>): Partial<Efficiency> {
  const release = releaseOption(options);
  const number = (name: string) => numberOption(options, findOption(EFFICIENCY_OPTION_TABLE, name));
  const micro = (name: string) => {
    const us = number(name);
    return us === undefined ? undefined : us / 1e6; // 10 / 1e6 is the double 1e-5; 10 * 1e-6 is one ulp off it
  };
  if (options.has('no-async-scheduling') && options.has('scheduling-us'))
    throw new UsageError(
      `--scheduling-us: not with --no-async-scheduling, which sets ${shown(SYNC_SCHEDULING_SECONDS * 1e6)}; give one of them`,
    );
  const graphs = options.get('cuda-graphs')?.toLowerCase();
  if (graphs !== undefined && graphs !== 'full' && graphs !== 'piecewise')
    throw new UsageError(
      `--cuda-graphs: expected one of full, piecewise, got ${JSON.stringify(options.get('cuda-graphs'))}`,
    );
  const piecewise = release?.piecewiseLaunchSeconds ?? PIECEWISE_LAUNCH_SECONDS;
  if (graphs !== undefined && options.has('launch-us'))
    throw new UsageError(
      `--launch-us: not with --cuda-graphs, which sets ${graphs === 'full' ? 0 : shown(piecewise * 1e6)}; give one of them`,
    );
  const all: Partial<Efficiency> = {
    bandwidth: number('bandwidth-efficiency'),
    expertBandwidth: number('expert-bandwidth-efficiency'),
    int4ExpertBandwidth: number('int4-expert-efficiency'),
    compute: number('compute-efficiency'),
    attentionCompute: number('attention-efficiency'),
    overlap: number('overlap'),
    kernelSeconds: micro('kernel-us'),
    blockScaledGemmSeconds: micro('block-scaled-gemm-us'),
    layerOverheadSeconds: micro('layer-overhead-us'),
    launchSecondsPerLayer:
      micro('launch-us') ??
      (graphs === undefined
        ? release?.efficiency.launchSecondsPerLayer
        : graphs === 'piecewise'
          ? piecewise
          : 0),
    eagerKernelSeconds: micro('eager-us'),
    speculativeHostSeconds: micro('spec-host-us'),
    schedulingSecondsPerSequence:
      micro('scheduling-us') ??
      (options.has('no-async-scheduling')
        ? SYNC_SCHEDULING_SECONDS
        : release?.efficiency.schedulingSecondsPerSequence),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}
