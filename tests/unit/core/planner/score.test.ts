import { beforeAll, describe, expect, it } from 'vitest';
import {
  countParams,
  findDevice,
  findPreset,
  loadAll,
  maxBatch,
  parseHFConfig,
  presetSpec,
  queueWaitSeconds,
  workloadThroughput,
  type ModelSpec,
  type ParamCount,
} from '../../../../src/lib/core/index.ts';
import {
  batchesUpTo,
  resolveCandidate,
  scoreLayout,
} from '../../../../src/lib/core/planner/score.ts';
import type { LayoutCandidate } from '../../../../src/lib/core/planner/space.ts';
import { resolveWorkload } from '../../../../src/lib/core/planner/workload.ts';
import { readJson } from '../../helpers/fixtures.ts';

let spec: ModelSpec;
let count: ParamCount;
beforeAll(async () => {
  await loadAll();
  spec = presetSpec(findPreset('deepseek-v3')!);
  count = countParams(spec);
});

describe('batchesUpTo', () => {
  it('tries the powers of two below the cap, and the cap', () => {
    expect(batchesUpTo(100, null)).toEqual([1, 2, 4, 8, 16, 32, 64, 100]);
    expect(batchesUpTo(1, null)).toEqual([1]);
    expect(batchesUpTo(0, null)).toEqual([]);
  });

  it('with users, stops at them and adds the batches that split them over 1 to 8 replicas', () => {
    // ceil(100 / k) for k = 1..8: 100, 50, 34, 25, 20, 17, 15, 13
    expect(batchesUpTo(1000, 100)).toEqual([
      1, 2, 4, 8, 13, 15, 16, 17, 20, 25, 32, 34, 50, 64, 100,
    ]);
  });
});

describe('scoreLayout', () => {
  const layout = (): LayoutCandidate => ({
    device: findDevice('h200')!,
    gpus: 8,
    tp: 8,
    ep: 1,
    pp: 1,
    weights: 'fp8',
    expertWeights: null,
    kvDtype: 'bf16',
  });

  it('gives each batch the whole-run rate and time per output token of serve --input --output', () => {
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024, users: 64 });
    const r = resolveCandidate(spec, count, layout(), w.fitContextTokens, 'sglang', 3.5)!;
    const scored = scoreLayout(r, layout(), w);
    // powers of two to 64, and ceil(64 / k) for k = 1..8: 64, 32, 22, 16, 13, 11, 10, 8
    expect(scored.points.map((p) => p.batch)).toEqual([1, 2, 4, 8, 10, 11, 13, 16, 22, 32, 64]);
    for (const p of scored.points) {
      const run = workloadThroughput({ ...r, batch: p.batch }, 1024, 1024);
      expect(p.outputTokensPerSecond).toBe(run.outputTokensPerSecond);
      // per user: 1 / TPOT, the step and the other requests' prompts, as benchmarks print it
      expect(p.tokensPerSecondPerUser).toBe(1 / run.timePerOutputTokenSeconds);
      expect(p.decodeStepSeconds).toBe(run.decodeStepSeconds);
      // TTFT: the prompt alone + half a decode step + the M/D/1 wait at the prefill share
      expect(p.ttftSeconds).toBeGreaterThan(p.decodeStepSeconds / 2);
      expect(p.ttftSeconds - p.decodeStepSeconds / 2).toBeGreaterThan(
        queueWaitSeconds(run.prefillShare, 0),
      );
    }
    expect(scored.pool?.tokensPerSecond).toBeGreaterThan(0);
  });

  it('has no points for a layout that does not hold one sequence', () => {
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    const c = { ...layout(), gpus: 4, tp: 4 };
    const r = resolveCandidate(spec, count, c, w.fitContextTokens, 'sglang', 3.5)!;
    expect(scoreLayout(r, c, w)).toMatchObject({ points: [], pool: null, maxBatch: 0 });
  });

  it('under SGLang a hybrid model runs no more than a third of its state slots (state-pool.ts)', () => {
    // Qwen3.6-35B-A3B in FP8 on one H200 under SGLang: 0.8 of memory is SGLang's default
    // there; its KV pool holds more 2,048-token sequences than its state slots // 3 run
    const qwen36 = parseHFConfig(
      readJson('new-families/qwen3.6-35b-a3b.config.json') as Record<string, unknown>,
    );
    const one = { ...layout(), gpus: 1, tp: 1 };
    const w = resolveWorkload({ inputTokens: 1024, outputTokens: 1024 });
    const r = resolveCandidate(
      qwen36,
      countParams(qwen36),
      one,
      w.fitContextTokens,
      'sglang',
      3.5,
    )!;
    const cap = r.running.cap!;
    expect(cap).toBeLessThan(maxBatch(r.deployment, w.fitContextTokens));
    expect(Math.max(...scoreLayout(r, one, w).points.map((p) => p.batch))).toBe(cap);
  });

  it('resolves to null a layout the model cannot take', () => {
    // 61 layers cannot make 64 pipeline stages
    const c = { ...layout(), gpus: 64, tp: 1, pp: 64 };
    expect(resolveCandidate(spec, count, c, 2048, 'vllm', 3.5)).toBeNull();
  });
});
