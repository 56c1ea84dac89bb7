/**
 * SGLang's pools for hybrid models, whose linear-attention or state-space layers keep a fixed
 * state per sequence (Qwen3-Next, Qwen3.5, Nemotron-H). Read from SGLang's
 * `kv_cache_configurator.py` (`_handle_max_mamba_cache`, `_resolve_max_num_reqs`):
 *
 * - the static pool's rest after the weights splits in two: r / (1 + r) for the states and
 *   1 / (1 + r) for the KV cache, r = `mamba_full_memory_ratio` (0.9; docs: "The ratio of mamba
 *   state memory to full kv cache memory");
 * - the state pool holds `max_mamba_cache_size` sequences' states; under speculative decoding
 *   each also keeps its D verified tokens' intermediate states, a third of a state each:
 *   slots = state pool / (state x (1 + D / 3));
 * - with the radix cache on (SGLang's default) it runs at most a third of the slots at once
 *   (`MAMBA_CACHE_SIZE_MAX_RUNNING_REQUESTS_RATIO` = 3): the rest hold cached prefixes' states.
 *
 * Other engines keep states and KV in one pool (vLLM's hybrid allocator), as the fit does.
 */
import type { Deployment, Stage } from './deployment.ts';

/** SGLang's `mamba_full_memory_ratio` default: state pool over KV pool. */
export const SGLANG_MAMBA_FULL_MEMORY_RATIO = 0.9;

/** State slots per running request with the radix cache on (`MAMBA_CACHE_SIZE_MAX_RUNNING_REQUESTS_RATIO`). */
export const SGLANG_STATE_SLOTS_PER_REQUEST = 3;

/** Bytes of one sequence's state on one device of a stage: its stateful layers' fixed state. */
export function stageStateBytesPerSequence(stage: Stage): number {
  let layers = 0;
  for (const g of stage.groups) if (g.params.mixer === 'state') layers += g.count;
  return layers * stage.stateBytesPerLayer;
}

/** Whether the engine keeps the states in a pool of their own: SGLang, for a hybrid model. */
export function splitsStatePool(d: Deployment): boolean {
  return d.memory.engine === 'sglang' && d.stages.some((s) => stageStateBytesPerSequence(s) > 0);
}

/** What a stage's device has for KV and states beside weights and the runtime (0 if nothing). */
function stagePoolBytes(d: Deployment, stage: Stage): number {
  return Math.max(0, d.budgetBytes - stage.weightsBytes - stage.runtime.total);
}

/** The bytes a stage's device gives the KV cache: the whole pool, or SGLang's KV share of it. */
export function stageKvPoolBytes(d: Deployment, stage: Stage): number {
  const pool = stagePoolBytes(d, stage);
  return splitsStatePool(d) ? pool / (1 + SGLANG_MAMBA_FULL_MEMORY_RATIO) : pool;
}

/**
 * SGLang's state slots on each replica (`max_mamba_cache_size`), on the stage that holds the
 * fewest; null where the engine keeps no separate state pool. `verifyTokens` is SGLang's
 * `speculative_num_draft_tokens` (the drafts and the bonus token), 0 without speculation.
 *
 * @example stateSlots(qwen36OnOneH200Fp8, 0) // 618: 37.1 GiB of state pool over 61.4 MiB a sequence
 */
export function stateSlots(d: Deployment, verifyTokens: number): number | null {
  if (!splitsStatePool(d)) return null;
  const r = SGLANG_MAMBA_FULL_MEMORY_RATIO;
  let fewest = Infinity;
  for (const stage of d.stages) {
    const state = stageStateBytesPerSequence(stage);
    if (state === 0) continue;
    const perSlot = state * (1 + verifyTokens / SGLANG_STATE_SLOTS_PER_REQUEST);
    fewest = Math.min(fewest, Math.floor((stagePoolBytes(d, stage) * r) / (1 + r) / perSlot));
  }
  return fewest;
}
