/**
 * What an engine's release changes in the step model: the defaults a version ran with, where
 * they are known and sourced. Only vLLM's are: two defaults changed under the same model, and
 * the same run is up to 2x slower before them.
 *
 * - v0.11 turned on full CUDA graphs (FULL_AND_PIECEWISE; vLLM PR #25444, whose release notes
 *   "turn on FULL_AND_PIECEWISE as the CUDA graph mode default"). Before it, decode ran piecewise
 *   graphs: PIECEWISE_LAUNCH_SECONDS of host launch per layer (assumptions.ts).
 * - v0.14 turned on async scheduling (PR #27614). Before it, the GPUs waited for the scheduler:
 *   SYNC_SCHEDULING_SECONDS per running sequence per step (assumptions.ts).
 * - Forced to piecewise graphs, a newer release launches a layer in less time: 130 us a layer at
 *   most in v0.23 on B200 (issue #47089), the newest measured (NEWER_PIECEWISE_LAUNCH_SECONDS).
 *
 * SGLang's 0.5.10 turned on piecewise CUDA graphs for prefill (eager.ts): before it, every
 * prefill pass runs eagerly. Its releases from 0.4.7 to 0.5.7 turned on the kernel fusions
 * (sglang-fusions.ts): before each, a step launches those kernels apart.
 *
 * TensorRT-LLM and llama.cpp change speed from release to release too (fused kernels, launch
 * overlap), but no release changed a default the model has a term for: their versions are taken,
 * said back, and change nothing.
 */
import { ConfigError } from '../model/errors.ts';
import {
  PIECEWISE_LAUNCH_SECONDS,
  SYNC_SCHEDULING_SECONDS,
  type Efficiency,
} from './assumptions.ts';
import type { MemoryAssumptions } from './deployment.ts';
import { SGLANG_PIECEWISE_PREFILL_RELEASE } from './eager.ts';
import { ENGINE_NAMES, type EngineId } from './engines.ts';
import { sglangFusionEra, type SglangFusionEra } from './sglang-fusions.ts';

/**
 * Host time to launch one layer under piecewise CUDA graphs in vLLM from v0.11 on, where they are
 * no longer the default: 130 us, measured at batch 1 on B200 in v0.23 (issue #47089: Qwen3-0.6B's
 * piecewise step 3.64 ms against 1.53 with full graphs over its 28 layers, launch-bound). The
 * InferenceX runs of MiniMax-M2.5 on H100 under v0.16 forced to piecewise bound it as well: 9.0 ms
 * a token over 62 layers is at most 144 us a layer.
 */
export const NEWER_PIECEWISE_LAUNCH_SECONDS = 130e-6;

/** An engine's release as the user names it: "0.10.1", "v0.11.0rc2", "0.5.6.post1". */
export interface EngineRelease {
  engine: EngineId;
  /** As given, without a leading "v". */
  version: string;
  major: number;
  minor: number;
  /** 0 when not given. */
  patch: number;
}

/** What a release's defaults set in the step model, and what the summary says of them. */
export interface ReleaseDefaults {
  efficiency: Partial<Efficiency>;
  /**
   * SGLang's piecewise prefill graphs, where the release has them off, and DeepSeek-V4's HCA
   * states per window token before they were request-scoped; else empty.
   */
  memory: Partial<
    Pick<MemoryAssumptions, 'piecewisePrefill' | 'hcaStatePerRequest' | 'sglangFusions'>
  >;
  /** Host launch per layer if the run forces piecewise CUDA graphs (vLLM), else null. */
  piecewiseLaunchSeconds: number | null;
  /** Its defaults that the model has terms for, in words; empty for engines without any. */
  said: string[];
}

const VERSION = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?:[.-]?(?:rc|post|dev|a|b)\d{0,4})*$/i;

/**
 * Reads a release of `engine`. Throws a ConfigError naming the field for anything but a version
 * number (major.minor, with an optional patch and rc/post/dev suffix).
 *
 * @example parseEngineRelease('vllm', 'v0.10.1').minor // 10
 */
export function parseEngineRelease(engine: EngineId, text: string): EngineRelease {
  const m = VERSION.exec(text.trim());
  if (!m)
    throw new ConfigError(
      'engine version',
      text,
      `a release of ${ENGINE_NAMES[engine]} such as 0.10.1 or v0.11.0rc2`,
    );
  return {
    engine,
    version: text.trim().replace(/^v/i, ''),
    major: +m[1]!,
    minor: +m[2]!,
    patch: +(m[3] ?? 0),
  };
}

/** Whether `r` comes before major.minor(.patch). */
const before = (r: EngineRelease, major: number, minor: number, patch = 0) =>
  r.major !== major ? r.major < major : r.minor !== minor ? r.minor < minor : r.patch < patch;

/** What an SGLang fusion era fuses, in words (sglang-fusions.ts). */
const FUSIONS_SAID: Record<SglangFusionEra, string> = {
  none: "no kernel fusions of later releases (DeepSeek's shared expert fused from 0.4.7)",
  'shared-expert': "DeepSeek's shared expert fused into the routed experts (from 0.4.7)",
  'sm100-gpt-oss':
    "DeepSeek's shared expert fused; gpt-oss's all-reduce fused with its norms on SM100 (0.5.0)",
  'sm100-deepseek':
    "DeepSeek's shared expert fused; all-reduce fused with the norms for DeepSeek and gpt-oss on SM100 (0.5.4)",
  'hopper-blackwell':
    "DeepSeek's shared expert fused; all-reduce fused with the norms on Hopper and Blackwell (its default since 0.5.7)",
};

/**
 * SGLang's: eager prefill before 0.5.10; DeepSeek-V4's HCA states per window token before 0.5.15
 * (its MI355X log prints 32,781.44 bytes a full token there, 13,735 on 0.5.15; sglang-v4-pools.ts);
 * the kernel fusions of its release (sglang-fusions.ts).
 */
function sglangDefaults(r: EngineRelease): ReleaseDefaults {
  const { major, minor, patch } = SGLANG_PIECEWISE_PREFILL_RELEASE;
  const eager = before(r, major, minor, patch);
  const fusions = sglangFusionEra(r.major, r.minor, r.patch);
  return {
    efficiency: {},
    memory: {
      ...(eager ? { piecewisePrefill: false } : {}),
      ...(before(r, 0, 5, 15) ? { hcaStatePerRequest: false } : {}),
      ...(fusions !== 'hopper-blackwell' ? { sglangFusions: fusions } : {}),
    },
    piecewiseLaunchSeconds: null,
    said: [
      eager
        ? 'prefill passes run eagerly (piecewise prefill CUDA graphs are its default from 0.5.10)'
        : 'piecewise prefill CUDA graphs where it allows them (its default since 0.5.10)',
      FUSIONS_SAID[fusions],
    ],
  };
}

/**
 * The defaults a release ran with, as efficiency fields (assumptions.ts), and in words.
 *
 * @example releaseDefaults(parseEngineRelease('vllm', '0.10.1')).said
 * // ['piecewise CUDA graphs (384 us of host launch per layer)',
 * //  'synchronous scheduling (21 us per running sequence per step)']
 */
export function releaseDefaults(r: EngineRelease): ReleaseDefaults {
  if (r.engine === 'sglang') return sglangDefaults(r);
  if (r.engine !== 'vllm')
    return { efficiency: {}, memory: {}, piecewiseLaunchSeconds: null, said: [] };
  const us = (seconds: number) => Math.round(seconds * 1e6);
  const efficiency: Partial<Efficiency> = {};
  const said: string[] = [];
  const piecewise = before(r, 0, 11);
  if (piecewise) {
    efficiency.launchSecondsPerLayer = PIECEWISE_LAUNCH_SECONDS;
    said.push(
      `piecewise CUDA graphs (${us(PIECEWISE_LAUNCH_SECONDS)} us of host launch per layer)`,
    );
  } else said.push('full CUDA graphs (its default since v0.11)');
  if (before(r, 0, 14)) {
    efficiency.schedulingSecondsPerSequence = SYNC_SCHEDULING_SECONDS;
    said.push(
      `synchronous scheduling (${us(SYNC_SCHEDULING_SECONDS)} us per running sequence per step)`,
    );
  } else said.push('async scheduling (its default since v0.14)');
  return {
    efficiency,
    memory: {},
    piecewiseLaunchSeconds: piecewise ? PIECEWISE_LAUNCH_SECONDS : NEWER_PIECEWISE_LAUNCH_SECONDS,
    said,
  };
}
