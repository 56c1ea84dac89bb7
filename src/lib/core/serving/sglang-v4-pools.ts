/**
 * How SGLang sizes DeepSeek-V4's caches (`python/sglang/srt/mem_cache/pool_configurator.py`
 * `DSV4PoolConfigurator`, from PR #23882): not by the bytes a sequence keeps, but in pools of
 * "full" tokens. Each full token of context costs
 * - in every layer, r sliding-window rows (r = `--swa-full-tokens-ratio`, 0.1 by default for V4;
 *   the memory assumptions' `swaFullTokensRatio`): the pool of window tokens is r x the full
 *   pool, whoever holds them;
 * - in a compressing layer, one compressed entry per `ratio` tokens, and in a CSA layer the
 *   indexer's key beside it;
 * - the compressors' FP32 states of r / 128 of a request (`c4_state = swa // 128 x ring`): the
 *   state pools are sized by the window pool, a request's state per 128 window tokens.
 * A row is SGLang's own layout, the latent's non-RoPE part in FP8, its RoPE part in BF16 and 8
 * bytes of scales (`qk_nope + 2 x qk_rope + 8`, 584 for V4); the indexer's key is FP8 with a
 * 4-byte scale per 128 (`idx_dim + idx_dim // 128 x 4`, 132). With speculative decoding the
 * compressors' rings double (`get_compress_state_ring_size`) and every byte is taken (L + 1) / L.
 *
 * From 0.5.15 (PR #28612, merged 2026-07-01, after 0.5.14) the compress-by-128 layers' state is
 * request-scoped (`c128_state_ratio = 0`, "C128 state is request-scoped"): a fixed block of
 * ceil128((requests + 1) x ring + ring + 1) rows per layer for `max_running_requests` (256 by
 * default for V4) comes off the memory first; before it, `hcaStatePerRequest` false.
 *
 * The printed sizes check it: V4-Flash, r 0.1, "bytes_per_full_token=7705.45" (request-scoped);
 * V4-Pro, r 0.15, SGLang 0.5.13, "bytes_per_full_token=32781.44", and on 0.5.15.post1 on 8 x
 * MI355X "bytes_per_full_token=13735.04, ... c128_state_fixed=1.01 GB, full_token=9217792" (64
 * requests a rank: 8,576 rows x 4,096 bytes x 31 layers, 1.01 GiB).
 */
import { layerKind } from '../model/layers.ts';
import type { AttentionLayerKind, ModelSpec } from '../model/types.ts';
import type { Deployment, DeploymentInput, Stage } from './deployment.ts';
import type { KvLayout } from './kv-cache.ts';

/** SGLang's page for DeepSeek-V4's pools, in tokens (`page_size` 256 on GPUs). */
export const SGLANG_V4_PAGE_TOKENS = 256;

/** SGLang's `max_running_requests` for DeepSeek-V4 when unset. */
export const SGLANG_V4_MAX_RUNNING = 256;

/** The window SGLang's state pools are counted in: a request's states per 128 window tokens. */
const STATE_WINDOW_TOKENS = 128;

/** Whether SGLang sizes a deployment's cache in DeepSeek-V4's pools. */
export function usesSglangV4Pools(d: Pick<Deployment, 'spec' | 'memory'>): boolean {
  return d.memory.engine === 'sglang' && d.spec.attention.kind === 'compressed';
}

/** A compressing layer's compressors per window: 2 overlapping where it indexes (CSA), else 1. */
const overlap = (indexed: boolean) => (indexed ? 2 : 1);

/**
 * Bytes of one full token over some layers (a stage's groups), as SGLang prints them; the HCA
 * layers' states left out where they are request-scoped.
 *
 * @example sglangV4BytesPerFullToken(flash, flash groups, 0.1, false, true) // 7,705.45
 */
export function sglangV4BytesPerFullToken(
  spec: ModelSpec,
  groups: Stage['groups'],
  ratio: number,
  speculative: boolean,
  requestScopedHca: boolean,
): number {
  const a = spec.attention;
  if (a.kind !== 'compressed') return 0;
  const row = a.headDim - a.ropeHeadDim + 2 * a.ropeHeadDim + 8;
  const indexRow = a.indexer.headDim + (a.indexer.headDim / 128) * 4;
  const rings = speculative ? 2 : 1;
  let bytes = 0;
  let layers = 0;
  for (const { kind, count } of groups) {
    const w = kind.window;
    if (w.kind !== 'compressed') continue;
    layers += count;
    let perLayer = ratio * row;
    if (w.ratio > 0) {
      const indexed = kind.indexer !== false;
      perLayer += (row + (indexed ? indexRow : 0)) / w.ratio;
      const c = overlap(indexed);
      // A ring of c x ratio rows of kv and score, c x head_dim wide each, FP32; the indexer's alike.
      const state = 2 * c * a.headDim * 4 + (indexed ? 2 * 2 * a.indexer.headDim * 4 : 0);
      const ring = c * w.ratio * rings;
      if (indexed || !requestScopedHca) perLayer += (ratio * ring * state) / STATE_WINDOW_TOKENS;
    }
    bytes += count * perLayer;
  }
  return speculative && layers > 0 ? (bytes * (layers + 1)) / layers : bytes;
}

/**
 * The request-scoped HCA state SGLang sets aside on each device before its pools, bytes: for each
 * compress-by-128 layer, ceil128((requests + 1) x ring + ring + 1) rows of 2 x head_dim FP32.
 */
export function sglangV4RequestStateBytes(
  spec: ModelSpec,
  groups: Stage['groups'],
  requests: number,
  speculative: boolean,
): number {
  const a = spec.attention;
  if (a.kind !== 'compressed') return 0;
  let bytes = 0;
  for (const { kind, count } of groups) {
    const w = kind.window;
    if (w.kind !== 'compressed' || w.ratio === 0 || kind.indexer !== false) continue;
    const ring = w.ratio * (speculative ? 2 : 1);
    const rows = Math.ceil(((requests + 1) * ring + ring + 1) / 128) * 128;
    bytes += count * rows * 2 * a.headDim * 4;
  }
  return bytes;
}

/** Each attention kind of the model and its layers, in the shape of a stage's groups. */
function modelGroups(spec: ModelSpec): Stage['groups'] {
  const counts = new Map<AttentionLayerKind, number>();
  for (let i = 0; i < spec.layers; i++) {
    const kind = layerKind(spec, i);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => ({ kind, count }) as Stage['groups'][number]);
}

/**
 * What SGLang sets aside on each device before DeepSeek-V4's pools, bytes: the request-scoped HCA
 * state for its running requests per rank (`max_running_requests` over the data-parallel ranks),
 * the model's HCA layers spread over the pipeline stages; 0 where they are kept per window token
 * (`hcaStatePerRequest` false: SGLang before 0.5.15) or for any other deployment.
 */
export function sglangV4ReservedBytes(d: DeploymentInput): number {
  if (!usesSglangV4Pools(d) || !d.memory.hcaStatePerRequest) return 0;
  const requests = Math.ceil((d.memory.maxRunningRequests ?? SGLANG_V4_MAX_RUNNING) / d.layout.dp);
  const state = sglangV4RequestStateBytes(d.spec, modelGroups(d.spec), requests, Boolean(d.draft));
  return Math.ceil(state / d.layout.pp);
}

/**
 * KV bytes of one sequence on a device of a stage in SGLang's DeepSeek-V4 pools: its context in
 * whole 256-token pages of full tokens; null for a read (what a step reads is the model's own)
 * or any other deployment.
 */
export function sglangV4SequenceBytes(
  d: Deployment,
  stage: Stage,
  contextTokens: number,
  layout: KvLayout | 'read',
): number | null {
  if (layout === 'read' || !usesSglangV4Pools(d)) return null;
  const pages = Math.ceil(contextTokens / SGLANG_V4_PAGE_TOKENS);
  return Math.ceil(pages * SGLANG_V4_PAGE_TOKENS * stageBytesPerFullToken(d, stage));
}

/** A stage's bytes per full token at the deployment's ratio and its release's HCA rule. */
export function stageBytesPerFullToken(d: Deployment, stage: Stage): number {
  const { swaFullTokensRatio, hcaStatePerRequest } = d.memory;
  const draft = Boolean(d.draft);
  return sglangV4BytesPerFullToken(
    d.spec,
    stage.groups,
    swaFullTokensRatio,
    draft,
    hcaStatePerRequest,
  );
}

/** What SGLang's DeepSeek-V4 pools take on a device, as the estimate reports them. */
export interface SglangV4Pools {
  /** Bytes of one full token on the stage that takes the most (`bytes_per_full_token`). */
  bytesPerFullToken: number;
  swaFullTokensRatio: number;
  /** The request-scoped HCA states set aside before the pools (0 before 0.5.15). */
  reservedBytes: number;
}

/** SGLang's DeepSeek-V4 pools of a deployment; null where SGLang keeps none. */
export function sglangV4Pools(d: Deployment): SglangV4Pools | null {
  if (!usesSglangV4Pools(d)) return null;
  return {
    bytesPerFullToken: Math.max(...d.stages.map((stage) => stageBytesPerFullToken(d, stage))),
    swaFullTokensRatio: d.memory.swaFullTokensRatio,
    reservedBytes: sglangV4ReservedBytes(d),
  };
}
