/**
 * How much larger an engine stores a model's routed experts than the checkpoint does, once it has
 * padded each expert's matrices to the tile its MoE kernel needs. A padded expert is read, and
 * multiplied, whole, so the factor applies to the experts' memory, their bytes read per step and
 * their FLOPs alike.
 *
 * vLLM pads MXFP4 experts (`model_executor/layers/quantization/mxfp4.py`,
 * `Mxfp4MoEMethod.create_weights`), by the MoE kernel it picks for the device:
 * - Marlin, on NVIDIA devices without native FP4 (Ampere, Ada, Hopper) and on SM120 (RTX PRO
 *   6000, GeForce 50): "The moe marlin kernel requires that for each linear n % 256 == 0 and
 *   k % 128 == 0", so the intermediate size per shard rounds up to 128 and the hidden size to 256.
 *   gpt-oss-120b's 2,880 x 2,880 experts become 2,944 x 3,072: vLLM printed "Model loading took
 *   65.9651 GiB" on one H100 (vllm#23278), against a checkpoint of 60.7 GiB; gpt-oss-20b
 *   "took 13.72 GiB" on an A100 (tests/fixtures/issue13-serving-cases.json).
 * - FlashInfer, on the SM100 family (B200, B300, GB200, GB300): both round up to 256.
 * - ROCm's Triton MoE: both round up to `get_padding_alignment()`, 256 on gfx950 (MI355X), else
 *   128 (`quantization/utils/mxfp4_utils.py`).
 * Hopper with `triton_kernels` installed (vLLM's default from about v0.12) takes the Triton path
 * instead, which pads less: 64.38 GiB for gpt-oss-120b on an H100 (vllm#33155, v0.14.1). The
 * Marlin figure is kept for Hopper, 2.4% above that, on the side of not fitting.
 *
 * Every other engine and format is stored as the checkpoint has it here (factor 1): SGLang,
 * TensorRT-LLM and llama.cpp pad too, but no load size of theirs is sourced yet.
 */
import { SM100_DEVICES } from './architectures.ts';
import type { DeploymentInput } from './deployment.ts';
import type { EngineId } from './engines.ts';
import type { Device } from './hardware.ts';
import type { WeightFormatId } from './weight-formats.ts';

/** The MoE kernel whose tile sets the padding. */
export type ExpertKernel = 'none' | 'marlin' | 'flashinfer' | 'rocm-triton';

/** The kernel an engine runs a format's experts with on a device ('none' when nothing is padded). */
export function expertKernel(
  engine: EngineId,
  device: Device,
  experts: WeightFormatId,
): ExpertKernel {
  if (engine !== 'vllm' || experts !== 'mxfp4') return 'none';
  if (device.id.startsWith('tpu')) return 'none';
  if (device.id.startsWith('mi')) return 'rocm-triton';
  // FlashInfer's MXFP4 MoE runs on the SM100 family.
  return SM100_DEVICES.has(device.id) ? 'flashinfer' : 'marlin';
}

/** The multiples a kernel rounds the intermediate size (per shard) and the hidden size up to. */
function tile(kernel: ExpertKernel, device: Device): { intermediate: number; hidden: number } {
  switch (kernel) {
    case 'none':
      return { intermediate: 1, hidden: 1 };
    case 'marlin':
      return { intermediate: 128, hidden: 256 };
    case 'flashinfer':
      return { intermediate: 256, hidden: 256 };
    case 'rocm-triton': {
      const align = device.id === 'mi355x' ? 256 : 128;
      return { intermediate: align, hidden: align };
    }
  }
}

function roundUp(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}

/**
 * Stored over checkpoint bytes of a routed expert: padded (intermediate / shards) x padded hidden
 * over their unpadded product. Sharding splits the intermediate size (tensor parallelism of the
 * experts); expert parallelism keeps each expert whole (shards 1).
 *
 * @example expertPadding('vllm', h100, 'mxfp4', { hidden: 2880, intermediate: 2880, shards: 1 })
 *   // 1.0904: (2,944 x 3,072) / (2,880 x 2,880), gpt-oss on Marlin
 */
export function expertPadding(
  engine: EngineId,
  device: Device,
  experts: WeightFormatId,
  dims: { hidden: number; intermediate: number; shards: number },
): number {
  const t = tile(expertKernel(engine, device, experts), device);
  const perShard = dims.intermediate / dims.shards;
  if (!(perShard > 0) || !(dims.hidden > 0)) return 1;
  return (
    (roundUp(perShard, t.intermediate) * roundUp(dims.hidden, t.hidden)) / (perShard * dims.hidden)
  );
}

/** The engine's padding of a deployment's routed experts: expert parallelism keeps experts whole. */
export function expertPaddingOf(
  d: Pick<DeploymentInput, 'spec' | 'layout' | 'plan' | 'device' | 'memory'>,
): number {
  const moe = d.spec.moe;
  if (!moe) return 1;
  return expertPadding(d.memory.engine, d.device, d.plan.experts, {
    hidden: d.spec.hiddenSize,
    intermediate: moe.expert.intermediateSize,
    shards: d.layout.ep > 1 ? 1 : d.layout.tp,
  });
}
