/**
 * The engines as the page offers them, speculation's first values, and what a deployment is
 * estimated with; their fields' ranges are in engine-ranges.ts, their words in engine-notes.ts.
 * The numbers come from serving/engines.ts and serving/speculative.ts.
 */
import type { EngineId } from '../serving/engines.ts';
import type { DeploymentSettings, SpeculativeSettings } from './explorer-config.ts';

/**
 * The engines by name, as serving/engines.ts `ENGINE_IDS` and `ENGINE_NAMES` (a test holds them
 * equal): kept here so that the page's first chunk (the link decoder, the controls' summary,
 * the compare labels) does not carry the engines' memory policies, which load with the model.
 */
export const ENGINE_LABELS: Readonly<Record<EngineId, string>> = {
  vllm: 'vLLM',
  sglang: 'SGLang',
  trtllm: 'TensorRT-LLM',
  llamacpp: 'llama.cpp',
};
export const ENGINE_CHOICES = Object.keys(ENGINE_LABELS) as readonly EngineId[];

/**
 * Speculative decoding as it is first switched on: one MTP token at 85% acceptance, the rate
 * DeepSeek-V3's report gives for its second token (DeepSeek-V3 technical report, section 5.4.3:
 * "between 85% and 90%").
 */
export const DEFAULT_SPECULATIVE = { method: 'mtp', draftTokens: 1, acceptance: 0.85 } as const;

/**
 * What a deployment is estimated with: with system RAM, llama.cpp's placement and one token per
 * step, whatever engine and speculative decoding were chosen for the GPUs (kept for when the
 * host is taken away); else the chosen engine (vLLM when none) and speculation.
 */
export function servingEngine(d: DeploymentSettings): {
  engine: EngineId;
  speculative: SpeculativeSettings | null;
} {
  if (d.host) return { engine: 'llamacpp', speculative: null };
  return { engine: d.engine ?? 'vllm', speculative: d.speculative ?? null };
}
