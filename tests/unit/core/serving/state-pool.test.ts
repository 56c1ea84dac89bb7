import { describe, expect, it } from 'vitest';
import {
  SGLANG_MAMBA_FULL_MEMORY_RATIO,
  SGLANG_STATE_SLOTS_PER_REQUEST,
  estimateServing,
  findDevice,
  parseHFConfig,
  resolveServing,
  splitsStatePool,
  stageKvPoolBytes,
  stageStateBytesPerSequence,
  stateSlots,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { readJson } from '../../helpers/fixtures.ts';

// Qwen3.6-35B-A3B: 30 Gated DeltaNet layers of 32 value heads x 128 x 128 FP32 state and a
// convolution window of 3 x 8,192 BF16 channels, 10 full-attention layers of 2 KV heads x 256
const qwen36 = parseHFConfig(
  readJson('new-families/qwen3.6-35b-a3b.config.json') as Record<string, unknown>,
);
const options: ServingOptions = {
  device: findDevice('h200')!,
  devices: 1,
  contextTokens: 9216,
  batch: 1024,
  weights: 'fp8',
  memory: { engine: 'sglang', utilization: 0.8 },
};
const GiB = 2 ** 30;

describe('SGLang’s state pool for hybrid models (kv_cache_configurator.py)', () => {
  it('the constants: mamba_full_memory_ratio 0.9, a third of the slots running', () => {
    expect(SGLANG_MAMBA_FULL_MEMORY_RATIO).toBe(0.9);
    expect(SGLANG_STATE_SLOTS_PER_REQUEST).toBe(3);
  });

  it('a sequence’s state is 61.4 MiB: 30 x (32 x 128 x 128 x 4 B + 3 x 8,192 x 2 B)', () => {
    const { deployment: d } = resolveServing(qwen36, options);
    // 2,146,304 B a layer: the cell SGLang's kvcached log prints for the same shapes
    expect(stageStateBytesPerSequence(d.stages[0]!)).toBe(30 * 2_146_304);
  });

  it('splits the pool 1 : 0.9 between KV and states under SGLang alone', () => {
    const { deployment: d } = resolveServing(qwen36, options);
    const stage = d.stages[0]!;
    const pool = d.budgetBytes - stage.weightsBytes;
    expect(splitsStatePool(d)).toBe(true);
    expect(stageKvPoolBytes(d, stage)).toBeCloseTo(pool / 1.9, 0);
    const vllm = resolveServing(qwen36, { ...options, memory: { engine: 'vllm' } }).deployment;
    expect(splitsStatePool(vllm)).toBe(false);
    expect(stateSlots(vllm, 0)).toBeNull();
  });

  it('one FP8 H200 at 0.8: 618 slots, 206 running of 1,024, 2.16 M tokens of KV', () => {
    // Hand-derived: 0.8 x (150.8 GB - 0.5 GiB of context) - 36.2 GB of weights = 78.6 GiB;
    // x 0.9 / 1.9 = 37.2 GiB of states / 61.4 MiB = 618 slots; / 3 = 206 running.
    const { deployment: d } = resolveServing(qwen36, options);
    const pool = (d.budgetBytes - d.stages[0]!.weightsBytes) / GiB;
    expect(pool).toBeCloseTo(78.6, 0);
    expect(stateSlots(d, 0)).toBe(618);
    const e = estimateServing(qwen36, options);
    expect(e.running).toMatchObject({
      offered: 1024,
      batch: 206,
      cap: 206,
      capBy: "SGLang's state pool: 618 sequences' states, a third of them running",
    });
    // the KV pool, 1 / 1.9 of 78.6 GiB, over 20,480 B a token (10 layers x 2 x 2 x 256 x 2 B)
    expect(e.kvCapacityTokens).toBe(2_159_232);
    expect(e.fits).toBe(true);
    expect(e.maxBatch).toBe(234); // the KV pool alone at 9,216 tokens
  });

  it('under speculation each slot keeps the D verified tokens’ intermediate states too', () => {
    const { deployment: d } = resolveServing(qwen36, options);
    // 4 verified tokens (3 drafts and the bonus): 618.x slots' bytes / (1 + 4 / 3) = 264.x
    expect(stateSlots(d, 4)).toBe(264);
  });

  it('a pool of fewer than 3 states does not fit (SGLang will not start); 4 run one at a time', () => {
    // One L40S: 0.765 x (48.3 GB - 0.5 GiB) - 36.2 GB of FP8 weights leaves 2 states' worth
    const l40s = { ...options, device: findDevice('l40s')!, contextTokens: 1024, batch: 4 };
    const tight = estimateServing(qwen36, {
      ...l40s,
      memory: { engine: 'sglang', utilization: 0.765 },
    });
    expect(
      stateSlots(
        resolveServing(qwen36, { ...l40s, memory: { engine: 'sglang', utilization: 0.765 } })
          .deployment,
        0,
      ),
    ).toBe(2);
    expect(tight.fits).toBe(false);
    expect(tight.running.cap).toBeNull();
    const four = estimateServing(qwen36, {
      ...l40s,
      memory: { engine: 'sglang', utilization: 0.77 },
    });
    expect(four.fits).toBe(true);
    expect(four.running).toMatchObject({ offered: 4, batch: 1, cap: 1 });
  });
});
