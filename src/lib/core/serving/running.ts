/**
 * How many of the requests in flight an engine runs at once. A client may keep more requests
 * open than the engine runs (a benchmark's --max-concurrency); the rest wait in its queue, so
 * decode speed and whole-run throughput are those of the running batch.
 *
 * - vLLM: `max_num_seqs` per replica (`v1/core/sched/scheduler.py` stops adding running requests
 *   at it); TensorRT-LLM: `max_batch_size` per replica. Both are the memory assumptions'
 *   `maxSequences`.
 * - SGLang: `--max-running-requests`, split evenly over its data-parallel attention workers
 *   (`max_running_requests // dp_size`, `kv_cache_configurator.py` `_resolve_max_num_reqs`). Unset,
 *   it follows the KV pool (2,048 to 4,096), which the memory fit already bounds, except under
 *   speculative decoding, and a hybrid model's state pool: a third of its slots (state-pool.ts).
 *   A model may set its own default first (`_handle_model_specific_adjustments` runs before
 *   `_handle_speculative_decoding`): DeepSeek-V4's is 256 (`apply_deepseek_v4_defaults`,
 *   "Setting max_running_requests to 256"), with or without speculation. SGLang's cookbook runs of
 *   V4 at a client concurrency of 1,024 show it: output tokens/s x mean TPOT is 252 to 263 on
 *   B200, B300 and GB300 (Flash, 4 GPUs; `deepseek-v4-benchmarks.jsx`).
 *   Else, under speculation `server_args.py` `_handle_speculative_decoding` sets it to 48 for
 *   EAGLE, EAGLE3, NEXTN (MTP), STANDALONE and NGRAM ("Max running requests is reset to 48 for
 *   speculative decoding"). SGLang's cookbook runs at 100 concurrent requests with MTP show it:
 *   GLM-5-FP8 on 8 x H200, 48 / 38.73 ms TPOT = 1,239 tokens/s against 1,214.97 printed;
 *   Qwen3.5-397B-A17B, 48 / 26.16 ms = 1,835 against 1,767.45.
 * - llama.cpp: its slots (`-np`) are the batch asked for.
 *
 * Every server engine also runs no more than its KV cache holds (`kvBound`): vLLM's scheduler
 * admits a waiting request only when the cache has blocks for it (`v1/core/sched/scheduler.py`,
 * `kv_cache_manager.allocate_slots` returning None stops the admission), SGLang's when its pool
 * covers the request's prompt and reserved output (`schedule_policy.py` `PrefillAdder`), and
 * TensorRT-LLM's capacity scheduler alike (`GUARANTEED_NO_EVICT`). A flood of long prompts runs
 * as many as fit at the context and queues the rest.
 */
import { ConfigError } from '../model/errors.ts';
import { ENGINE_NAMES, type EngineId } from './engines.ts';
import { SGLANG_STATE_SLOTS_PER_REQUEST } from './state-pool.ts';

/** SGLang's max_running_requests under speculative decoding when none is given. */
export const SGLANG_SPECULATIVE_MAX_RUNNING = 48;

/** The sequences a deployment runs at once, against those asked for. */
export interface RunningBatch {
  /** Requests in flight: the batch asked for. */
  offered: number;
  /** Of them, the sequences the engine runs at once (the rest wait). */
  batch: number;
  /** The engine's cap over the whole deployment; null when only memory bounds it. */
  cap: number | null;
  /** What sets the cap, for the reader; null without one. */
  capBy: string | null;
}

/** What caps an engine's running requests: its setting and where it comes from. */
export interface RunningLimits {
  engine: EngineId;
  /** vLLM max_num_seqs, TensorRT-LLM max_batch_size: per replica. */
  maxSequences: number;
  /** SGLang --max-running-requests over the deployment; its default when null. */
  maxRunningRequests: number | null;
  /** SGLang's default for the model when it sets one (DeepSeek-V4: 256), and whose; else null. */
  modelMaxRunning: { requests: number; model: string } | null;
  speculative: boolean;
  /** Data-parallel replicas (SGLang's DP-attention workers). */
  dp: number;
  /** SGLang's state slots on each replica for a hybrid model (state-pool.ts); null otherwise. */
  stateSlots: number | null;
}

function capOf(l: RunningLimits): { cap: number; capBy: string } | null {
  const name = ENGINE_NAMES[l.engine];
  switch (l.engine) {
    case 'vllm':
    case 'trtllm': {
      const setting = l.engine === 'vllm' ? 'max_num_seqs' : 'max_batch_size';
      const each = l.dp > 1 ? ` on each of ${l.dp} replicas` : '';
      return {
        cap: l.maxSequences * l.dp,
        capBy: `${name}'s ${setting}, ${l.maxSequences}${each}`,
      };
    }
    case 'sglang':
      return sglangCap(l);
    case 'llamacpp':
      return null;
  }
}

/**
 * SGLang's: its setting, else the model's default, else 48 under speculation; and a hybrid
 * model's state slots // 3 a worker.
 */
function sglangCap(l: RunningLimits): { cap: number; capBy: string } | null {
  const given = l.maxRunningRequests ?? l.modelMaxRunning?.requests ?? null;
  let limit: { cap: number; capBy: string } | null = null;
  if (given !== null || l.speculative) {
    const total = given ?? SGLANG_SPECULATIVE_MAX_RUNNING;
    const perWorker = Math.floor(total / l.dp);
    if (perWorker < 1)
      throw new ConfigError(
        'max running requests',
        total,
        `at least one for each of the ${l.dp} data-parallel workers`,
      );
    limit = {
      cap: perWorker * l.dp,
      capBy:
        l.maxRunningRequests !== null
          ? `SGLang's --max-running-requests, ${total}`
          : l.modelMaxRunning !== null
            ? `SGLang's default for ${l.modelMaxRunning.model}, ${total}`
            : `SGLang's default under speculative decoding, ${total}`,
    };
  }
  // Fewer than a third of a slot a replica: SGLang refuses to start, which the fit says (fit-limits.ts).
  if (l.stateSlots === null || l.stateSlots < SGLANG_STATE_SLOTS_PER_REQUEST) return limit;
  const byState = Math.floor(l.stateSlots / SGLANG_STATE_SLOTS_PER_REQUEST) * l.dp;
  if (limit && limit.cap <= byState) return limit;
  const each = l.dp > 1 ? ' on each replica' : '';
  return {
    cap: byState,
    capBy: `SGLang's state pool: ${l.stateSlots.toLocaleString('en-US')} sequences' states${each}, a third of them running`,
  };
}

/**
 * The running batch: the batch asked for, or the engine's cap when that is lower.
 *
 * @example runningBatch(100, { engine: 'sglang', maxSequences: 512, maxRunningRequests: null, modelMaxRunning: null, speculative: true, dp: 1, stateSlots: null }).batch // 48
 */
export function runningBatch(offered: number, limits: RunningLimits): RunningBatch {
  const limit = capOf(limits);
  if (!limit) return { offered, batch: offered, cap: null, capBy: null };
  return { offered, batch: Math.min(offered, limit.cap), cap: limit.cap, capBy: limit.capBy };
}

/** How `kvBound` names its cap: the KV cache. */
export const KV_CACHE_CAP = 'the KV cache';

/**
 * The running batch capped by the KV cache: `fitting` sequences at the context (fit-limits.ts
 * `maxBatch`), where fewer fit than the engine would run. Not for llama.cpp, whose slots are
 * allocated whole up front, nor where not even one sequence fits (the fit says so).
 *
 * @example kvBound({ offered: 100, batch: 100, cap: 1024, capBy: '...' }, 'vllm', 16, 32_100).batch // 16
 */
export function kvBound(
  running: RunningBatch,
  engine: EngineId,
  fitting: number,
  contextTokens: number,
): RunningBatch {
  if (engine === 'llamacpp' || fitting < 1 || fitting >= running.batch) return running;
  return {
    ...running,
    batch: fitting,
    cap: fitting,
    capBy: `${KV_CACHE_CAP}, which holds ${fitting.toLocaleString('en-US')} sequences of ${contextTokens.toLocaleString('en-US')} tokens`,
  };
}
