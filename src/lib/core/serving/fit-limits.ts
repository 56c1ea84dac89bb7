/**
 * How far a deployment stretches: whether it fits at a context and a batch, the longest context
 * and the largest batch that fit, from what the busiest device holds (deployment.ts
 * `deviceMemory`) against what the engine may use (`deviceBudgetBytes`).
 */
import {
  deviceBudgetBytes,
  groupKvBytesPerToken,
  sequencesPerReplica,
  stageKvBytesPerSequence,
  type Deployment,
} from './deployment.ts';
import {
  SGLANG_STATE_SLOTS_PER_REQUEST,
  splitsStatePool,
  stageKvPoolBytes,
  stageStateBytesPerSequence,
  stateSlots,
} from './state-pool.ts';
import {
  SGLANG_V4_PAGE_TOKENS,
  stageBytesPerFullToken,
  usesSglangV4Pools,
} from './sglang-v4-pools.ts';

/**
 * The busiest device's total bytes, as `deviceMemory(...).totalBytes` computes it, without
 * making an object per stage: the fit searches below call it dozens of times per estimate.
 */
function busiestTotalBytes(d: Deployment, contextTokens: number, batch: number): number {
  const sequences = sequencesPerReplica(d, batch);
  let busiest = -1;
  for (const stage of d.stages) {
    const kvBytes = sequences * stageKvBytesPerSequence(d, stage, contextTokens);
    busiest = Math.max(busiest, stage.weightsBytes + kvBytes + stage.runtime.total);
  }
  return busiest;
}

/**
 * Whether a batch at a context fits. Where SGLang keeps a hybrid model's states in a pool of
 * their own (state-pool.ts), the batch's KV must fit the KV pool; the state pool caps how many
 * run (running.ts), not the fit.
 */
export function fitsAt(d: Deployment, contextTokens: number, batch: number): boolean {
  if (!splitsStatePool(d))
    return busiestTotalBytes(d, contextTokens, batch) <= deviceBudgetBytes(d);
  const sequences = sequencesPerReplica(d, batch);
  // SGLang will not start with a state pool of fewer slots than one request needs
  if ((stateSlots(d, 0) ?? 0) < SGLANG_STATE_SLOTS_PER_REQUEST) return false;
  return d.stages.every((stage) => {
    const pool = stageKvPoolBytes(d, stage);
    const kv = stageKvBytesPerSequence(d, stage, contextTokens) - stageStateBytesPerSequence(stage);
    return pool > 0 && sequences * kv <= pool;
  });
}

/** The context the search stops at when memory never limits it (every layer windowed). */
export const CONTEXT_SEARCH_LIMIT = 2 ** 34;

/**
 * The largest context, a whole number of KV blocks, that fits at `batch`: one more block does
 * not fit. 0 when nothing fits; CONTEXT_SEARCH_LIMIT when memory never limits it.
 */
export function maxContextTokens(d: Deployment, batch: number): number {
  const block = d.memory.kvBlockTokens;
  if (!fitsAt(d, block, batch)) return 0;
  let lo = 1; // in blocks: fits
  let hi = 2;
  while (fitsAt(d, hi * block, batch)) {
    lo = hi;
    hi *= 2;
    if (hi * block > CONTEXT_SEARCH_LIMIT) return CONTEXT_SEARCH_LIMIT;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsAt(d, mid * block, batch)) lo = mid;
    else hi = mid;
  }
  return lo * block;
}

/** The largest batch (concurrent sequences) that fits at `contextTokens`; 0 when none does. */
export function maxBatch(d: Deployment, contextTokens: number): number {
  if (!fitsAt(d, contextTokens, 1)) return 0;
  let lo = 1;
  let hi = 2;
  while (fitsAt(d, contextTokens, hi)) {
    lo = hi;
    hi *= 2;
    if (hi > 2 ** 40) return lo;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fitsAt(d, contextTokens, mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The KV cache's capacity in tokens, as the engine prints it ("GPU KV cache size: N tokens" in
 * vLLM, SGLang's max_total_num_tokens): what the pool left beside weights and the runtime holds,
 * in tokens of context of every layer that keeps the whole context (and a draft's), in whole
 * blocks, on the stage that holds the fewest. Per replica: each data-parallel rank has its own.
 * SGLang gives a hybrid model's KV cache 1 / 1.9 of the pool, its states the rest (state-pool.ts).
 * Layers with a window keep a fixed number of tokens and are left out, as the engines' hybrid
 * allocators count; DeepSeek-V4's compressed entries count as the tokens they stand for, and
 * under SGLang its full tokens in 256-token pages (sglang-v4-pools.ts). 0 when the weights alone
 * do not fit.
 */
export function kvCapacityTokens(d: Deployment): number {
  const pools = usesSglangV4Pools(d);
  const block = pools ? SGLANG_V4_PAGE_TOKENS : d.memory.kvBlockTokens;
  let fewest = Infinity;
  for (const stage of d.stages) {
    const pool = stageKvPoolBytes(d, stage);
    if (pool <= 0) return 0;
    let perToken = pools ? stageBytesPerFullToken(d, stage) : stage.draftKvBytesPerToken;
    for (const g of pools ? [] : stage.groups) {
      if (g.params.mixer !== 'attention') continue;
      const w = g.kind.window;
      // A DeepSeek-V4 layer keeps one entry per `ratio` tokens (kv-cache.ts `keptTokens`).
      if (w.kind === 'compressed') {
        if (w.ratio > 0) perToken += (g.count * groupKvBytesPerToken(stage, g)) / w.ratio;
      } else if (d.kvLayout === 'full' || w.kind === 'global')
        perToken += g.count * groupKvBytesPerToken(stage, g);
    }
    if (perToken > 0) fewest = Math.min(fewest, Math.floor(pool / perToken / block) * block);
  }
  return Number.isFinite(fewest) ? fewest : 0;
}
