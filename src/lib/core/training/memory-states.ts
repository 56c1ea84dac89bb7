/**
 * Model states in training: bytes per parameter of weights, gradients and optimizer states, and
 * how ZeRO shards them over a data-parallel group.
 */
import { ConfigError } from '../model/errors.ts';

/** What the GEMMs compute in: BF16 mixed precision, or FP8 with fine-grained scales. */
export type TrainingPrecision = 'bf16' | 'fp8';

/** The precision gradients are accumulated and reduced in. */
export type GradientPrecision = 'fp32' | 'bf16';

/** ZeRO stage: 0 plain data parallel, 1 optimizer states, 2 + gradients, 3 + parameters sharded. */
export type ZeroStage = 0 | 1 | 2 | 3;

/** Bytes of weights, gradients and optimizer states: per parameter, or in total. */
export interface ModelStates {
  weights: number;
  gradients: number;
  optimizer: number;
}

/** One FP32 scale per 128 x 128 weight block (DeepSeek-V3 §3.3.2): 4 / 16384 bytes per parameter. */
export const FP8_WEIGHT_SCALE_BYTES = 4 / (128 * 128);

/**
 * Bytes per trained parameter with Adam(W).
 *
 * - `bf16` (mixed precision, ZeRO §3.1 "Mixed-Precision Training with Adam": 2Ψ + 2Ψ + KΨ with
 *   K = 12 for the fp32 parameter copy, momentum and variance): weights 2 (bf16), optimizer 12.
 *   Gradients default to fp32 (4 bytes), as Megatron-LM keeps them for bf16: "accumulate and
 *   all-reduce gradients in fp32 for bfloat16 data type" (megatron/training/arguments.py), its
 *   distributed-optimizer table giving "bf16 param, fp32 grads: 18 | 6 + 12/d"
 *   (docs/source/api-guide/distrib_optimizer.md). `gradients: 'bf16'` gives the ZeRO paper's
 *   2 + 2 + 12 = 16.
 * - `fp8`: the GEMMs read an FP8 (E4M3) copy of each weight with one FP32 scale per 128 x 128
 *   block, besides the bf16 working copy: 2 + 1 + 4/16384 bytes. Master weights and gradients stay
 *   FP32 and the Adam moments drop to BF16: "We adopt the BF16 data format instead of FP32 to
 *   track the first and second moments in the AdamW optimizer ... the master weights (stored by
 *   the optimizer) and gradients (used for batch size accumulation) are still retained in FP32"
 *   (DeepSeek-V3 technical report §3.3.3): optimizer 4 + 2 + 2 = 8.
 *
 * @example bytesPerParam('bf16') // { weights: 2, gradients: 4, optimizer: 12 }: 18
 * @example bytesPerParam('fp8') // { weights: 3.000244140625, gradients: 4, optimizer: 8 }
 */
export function bytesPerParam(
  precision: TrainingPrecision,
  gradients: GradientPrecision = 'fp32',
): ModelStates {
  const grad = gradientBytes(gradients);
  switch (precision) {
    case 'bf16':
      return { weights: 2, gradients: grad, optimizer: 12 };
    case 'fp8':
      return { weights: 2 + 1 + FP8_WEIGHT_SCALE_BYTES, gradients: grad, optimizer: 4 + 2 + 2 };
    default:
      throw new ConfigError('precision', precision, 'bf16 or fp8');
  }
}

function gradientBytes(gradients: GradientPrecision): number {
  switch (gradients) {
    case 'fp32':
      return 4;
    case 'bf16':
      return 2;
    default:
      throw new ConfigError('gradients', gradients, 'fp32 or bf16');
  }
}

/**
 * The model states of `params` parameters on one GPU of a data-parallel group of `dp`, under a
 * ZeRO stage (Rajbhandari et al. 2020, §5.1–5.3): stage 1 (P_os) divides the optimizer states by
 * dp, stage 2 (P_os+g) also the gradients, stage 3 (P_os+g+p) also the weights. Megatron's
 * distributed optimizer is stage 1 (it shards the fp32 master copy and the moments).
 *
 * Worked example (ZeRO Figure 1 and Table 1: Ψ = 7.5B, Nd = 64, K = 12): 120 GB, 31.4 GB,
 * 16.6 GB, 1.88 GB for stages 0–3.
 *
 * @example shardModelStates(7.5e9, { weights: 2, gradients: 2, optimizer: 12 }, 1, 64) // 15e9 + 15e9 + 1.40625e9
 */
export function shardModelStates(
  params: number,
  bytes: ModelStates,
  zero: ZeroStage,
  dp: number,
): ModelStates {
  const full = {
    weights: params * bytes.weights,
    gradients: params * bytes.gradients,
    optimizer: params * bytes.optimizer,
  };
  switch (zero) {
    case 0:
      return full;
    case 1:
      return { ...full, optimizer: full.optimizer / dp };
    case 2:
      return { ...full, gradients: full.gradients / dp, optimizer: full.optimizer / dp };
    case 3:
      return {
        weights: full.weights / dp,
        gradients: full.gradients / dp,
        optimizer: full.optimizer / dp,
      };
    default:
      throw new ConfigError('zero', zero, '0, 1, 2 or 3');
  }
}

/** The sum of two sets of model states. */
export function addStates(a: ModelStates, b: ModelStates): ModelStates {
  return {
    weights: a.weights + b.weights,
    gradients: a.gradients + b.gradients,
    optimizer: a.optimizer + b.optimizer,
  };
}
