/**
 * The KV cache's element type when the options give none: the engine's own. vLLM, TensorRT-LLM
 * and llama.cpp keep the model's dtype ("auto"), BF16 here; SGLang sets it for two families
 * (`server_args.py` `_handle_model_specific_adjustments`).
 */
import { ConfigError } from '../model/errors.ts';
import { BLACKWELL_DEVICES } from './architectures.ts';
import type { Deployment } from './deployment.ts';
import { usesSglangV4Pools } from './sglang-v4-pools.ts';
import type { KvDtype } from './weight-formats.ts';

/**
 * Whether SGLang treats the model as DeepSeek's sparse attention (its `is_deepseek_nsa`: an MLA
 * model with `index_topk`, DeepSeek-V3.2 and, from PR #18521, GLM-5's `GlmMoeDsaForCausalLM`).
 */
function sglangNsa(d: Pick<Deployment, 'spec' | 'memory'>): boolean {
  const a = d.spec.attention;
  return d.memory.engine === 'sglang' && a.kind === 'mla' && !!a.indexer;
}

/**
 * The KV element type of a deployment: what was asked, else the engine's.
 * - DeepSeek-V4 under SGLang: FP8 only (`apply_deepseek_v4_defaults` sets `auto` to "fp8_e4m3"
 *   and asserts that nothing else is asked); another type is refused, naming the field.
 * - A DSA model under SGLang: "fp8_e4m3" on Blackwell, "bfloat16" elsewhere (`if
 *   self.kv_cache_dtype == "auto": self.kv_cache_dtype = "fp8_e4m3" if major >= 10 else
 *   "bfloat16"`, "For Hopper, we support both bf16 and fp8 kv cache"); AMD's parts report
 *   capability 9.
 * - Everything else: BF16.
 *
 * @example deploymentKvDtype({ spec: glm5, memory: { engine: 'sglang' }, device: b200 }, undefined) // 'fp8'
 */
export function deploymentKvDtype(
  d: Pick<Deployment, 'spec' | 'memory' | 'device'>,
  asked: KvDtype | undefined,
): KvDtype {
  if (usesSglangV4Pools(d)) {
    if (asked !== undefined && asked !== 'fp8')
      throw new ConfigError(
        'kv dtype',
        asked,
        "fp8: SGLang keeps DeepSeek-V4's cache in FP8 only (its V4 defaults assert fp8_e4m3)",
      );
    return 'fp8';
  }
  if (asked !== undefined) return asked;
  return sglangNsa(d) && BLACKWELL_DEVICES.has(d.device.id) ? 'fp8' : 'bf16';
}
