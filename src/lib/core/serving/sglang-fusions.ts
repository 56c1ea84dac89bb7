/**
 * Kernels SGLang fuses out of a layer by default, so that a step launches fewer of them than the
 * model's own operations (kernels.ts counts those, as vLLM's and SGLang's graphs run them):
 * - DeepSeek-V3's shared expert inside the routed experts' kernels. SGLang appends it as one more
 *   expert that every token picks (`models/deepseek_v2.py` `determine_num_fused_shared_experts`):
 *   for `DeepseekV3ForCausalLM` with 256 routed experts and one shared, on NVIDIA from Ampere
 *   without expert parallelism, or on AMD; not under DeepEP. Its gate_up GEMM, activation and
 *   down GEMM go: 3 kernels, 2 of them GEMMs. Default from 0.4.7 (PR #6736, 2025-06-04, "Set
 *   num_fused_shared_experts as num_shared_experts when shared_experts fusion is not disabled").
 * - The tensor-parallel all-reduce fused with the residual add and the next RMSNorm (FlashInfer's
 *   TensorRT-LLM all-reduce fusion, `--enable-flashinfer-allreduce-fusion`; `layers/
 *   communicator.py`): each layer's two norms go into its two all-reduces, under tensor parallelism
 *   without DP attention, on one node, for passes of at most 2,048 tokens
 *   (`FUSE_ALLREDUCE_MAX_BATCH_SIZE`). SGLang turns it on by default (`server_args.py`) for
 *   gpt-oss on SM100 from 0.5.0 (PR #9202), for DeepSeek-V3's architecture there from 0.5.4
 *   (PR #11512), and from 0.5.7 (PR #14764, "Enable TRT AllReduce Fusion by default") on Hopper
 *   (not the H20: flashinfer issue #2204) and every Blackwell for DeepSeek-V3's, gpt-oss's,
 *   GLM-4.5's and Qwen3-MoE's architectures. A model's first and last layers keep 3 of their norms
 *   apart (`is_last_layer`; the first input norm has no residual to fuse): 15 us a step at 5 us a
 *   kernel, not counted.
 * The shared expert's weights, read in the routed experts' grouped GEMM, are still counted at the
 * dense layers' bandwidth (0.1 ms a step for DeepSeek-R1 at TP 8 on H200).
 */
import { BLACKWELL_DEVICES, HOPPER_DEVICES, SM100_DEVICES } from './architectures.ts';
import type { Deployment } from './deployment.ts';
import { dataParallelAttention } from './parallel.ts';

/**
 * Which fusions an SGLang release turns on by default, oldest first: none; DeepSeek's shared
 * expert (0.4.7); with it the all-reduce fusion for gpt-oss on SM100 (0.5.0), for DeepSeek-V3's
 * architecture on SM100 too (0.5.4); on Hopper and all Blackwell for four architectures (0.5.7).
 */
export const SGLANG_FUSION_ERAS = [
  'none',
  'shared-expert',
  'sm100-gpt-oss',
  'sm100-deepseek',
  'hopper-blackwell',
] as const;

export type SglangFusionEra = (typeof SGLANG_FUSION_ERAS)[number];

/** The release each era starts at, after the first. */
const ERA_STARTS: readonly [number, number, number][] = [
  [0, 4, 7],
  [0, 5, 0],
  [0, 5, 4],
  [0, 5, 7],
];

/** The fusion era of SGLang release major.minor.patch. */
export function sglangFusionEra(major: number, minor: number, patch: number): SglangFusionEra {
  const at = (r: readonly [number, number, number]) =>
    major !== r[0] ? major > r[0] : minor !== r[1] ? minor > r[1] : patch >= r[2];
  return SGLANG_FUSION_ERAS[ERA_STARTS.filter(at).length]!;
}

/** Kernels a fusion takes out of a layer: a shared expert's 3; a layer's 2 norms. */
export const FUSED_SHARED_EXPERT_KERNELS = 3;
export const FUSED_NORM_KERNELS = 2;

/** The fused all-reduce's largest pass (SGLang `FUSE_ALLREDUCE_MAX_BATCH_SIZE`). */
export const FUSED_ALL_REDUCE_MAX_TOKENS = 2048;

/** What a deployment's steps fuse: DeepSeek's shared expert; the all-reduce with the norms. */
export interface KernelFusions {
  sharedExpert: boolean;
  allReduceNorm: boolean;
}

/** Nothing fused: another engine's step. */
export const NO_FUSIONS: KernelFusions = Object.freeze({
  sharedExpert: false,
  allReduceNorm: false,
});

type FusionDeployment = Pick<Deployment, 'spec' | 'device' | 'layout' | 'memory' | 'plan'>;

const eraAtLeast = (d: FusionDeployment, era: SglangFusionEra) =>
  SGLANG_FUSION_ERAS.indexOf(d.memory.sglangFusions ?? 'hopper-blackwell') >=
  SGLANG_FUSION_ERAS.indexOf(era);

/** SGLang's devices without the shared-expert fusion: TPUs (SGLang-JAX) and NVIDIA before Ampere. */
const sharedExpertUnfused = (id: string) => id.startsWith('tpu-') || id === 'rtx-2080';

/** AMD parts: the shared expert stays fused under expert parallelism there. */
const AMD_DEVICES: ReadonlySet<string> = new Set(['mi300x', 'mi325x', 'mi355x']);

function fusesSharedExpert(d: FusionDeployment): boolean {
  const { spec, device, layout } = d;
  return (
    eraAtLeast(d, 'shared-expert') &&
    spec.family === 'deepseek_v3' &&
    spec.moe?.experts === 256 &&
    spec.moe.shared?.count === 1 &&
    // SGLang's W4AFP8 keeps the shared expert apart (a quant method of its own)
    d.plan.experts !== 'w4a8' &&
    !sharedExpertUnfused(device.id) &&
    (layout.ep === 1 || AMD_DEVICES.has(device.id))
  );
}

/**
 * The families whose steps SGLang fuses: DeepSeek-V3's architecture (Kimi K2's config names it
 * too), gpt-oss, GLM-4.5's and Qwen3-MoE's; a release before the newest fuses less of them.
 */
export const SGLANG_FUSED_FAMILIES: readonly string[] = [
  'deepseek_v3',
  'kimi_k2',
  'gpt_oss',
  'glm4_moe',
  'qwen3_moe',
];

/** The architectures and devices an era fuses the all-reduce for. */
function allReduceFamilies(d: FusionDeployment): readonly string[] {
  const id = d.device.id;
  if (eraAtLeast(d, 'hopper-blackwell'))
    return (HOPPER_DEVICES.has(id) && id !== 'h20') || BLACKWELL_DEVICES.has(id)
      ? SGLANG_FUSED_FAMILIES
      : [];
  if (!SM100_DEVICES.has(id)) return [];
  if (eraAtLeast(d, 'sm100-deepseek')) return ['deepseek_v3', 'kimi_k2', 'gpt_oss'];
  return eraAtLeast(d, 'sm100-gpt-oss') ? ['gpt_oss'] : [];
}

/**
 * What SGLang fuses in a pass of `tokens` per replica; nothing under another engine. Kimi K2's
 * config names DeepSeek-V3's architecture (`kimi_k2` here), so its all-reduce fuses too.
 *
 * @example sglangFusions(deepseekR1OnEightB200UnderSglang, 64) // { sharedExpert: true, allReduceNorm: true }
 */
export function sglangFusions(d: FusionDeployment, tokens: number): KernelFusions {
  if (d.memory.engine !== 'sglang') return NO_FUSIONS;
  const { layout } = d;
  const allReduceNorm =
    layout.tp > 1 &&
    layout.nodes === 1 &&
    !dataParallelAttention(layout) &&
    layout.ep <= layout.tp &&
    tokens <= FUSED_ALL_REDUCE_MAX_TOKENS &&
    allReduceFamilies(d).includes(d.spec.family);
  return { sharedExpert: fusesSharedExpert(d), allReduceNorm };
}
