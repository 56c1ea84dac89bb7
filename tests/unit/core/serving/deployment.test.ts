import { describe, expect, it } from 'vitest';
import {
  activationWorkspaceBytes,
  DEFAULT_MEMORY,
  buildDeployment,
  checkPositive,
  CONTEXT_SEARCH_LIMIT,
  deviceBudgetBytes,
  deviceMemory,
  findDevice,
  fitsAt,
  kvShareOnDevice,
  maxBatch,
  maxContextTokens,
  parseHFConfig,
  resolveLayout,
  resolveServing,
  sequencesPerReplica,
  stageKvBytesPerSequence,
  type ModelSpec,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
import { fixtureConfig, moreModelConfig } from '../../helpers/fixtures.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const mistral = parseHFConfig(moreModelConfig('mistral-7b'));

/** A BF16 deployment on H100 SXM with the default memory assumptions. */
const deploy = (spec: ModelSpec, options: Partial<ServingOptions> = {}) =>
  deployOnH100(spec, options);

describe('kvShareOnDevice', () => {
  it.each([
    ['Scout (8 KV heads), TP 1', scout, 1, 1],
    ['Scout (8 KV heads), TP 2', scout, 2, 0.5],
    ['Scout (8 KV heads), TP 16: each KV head on two devices', scout, 16, 1 / 8],
    ['DeepSeek-V3 (MLA), TP 8: every rank keeps the whole latent', deepseek, 8, 1],
  ])('kvShareOnDevice(%s) is %d', (_, spec, tp, share) => {
    expect(kvShareOnDevice(spec, tp)).toBe(share);
  });
});

describe('activationWorkspaceBytes', () => {
  it('activationWorkspaceBytes(Mixtral 8x7B, TP 1) is 1,308,622,848 bytes', () => {
    // per token: 2 x 4096 (residual, norm) + (32 + 2 x 8) x 128 (q, k, v) + 2 x 2 x 14336 (gate, up
    // of the top-2 experts) + 2 x 4096 (each expert's output before the sum) = 79,872 BF16
    // values; x 8192 tokens x 2 B
    const layout = resolveLayout(mixtral, { devices: 1 });
    expect(activationWorkspaceBytes(mixtral, layout, DEFAULT_MEMORY)).toBe(8192 * 79_872 * 2);
  });
});

describe('deviceMemory', () => {
  it('deviceMemory(Mixtral 8x7B on one device, 4096 tokens, batch 2) holds the whole model, KV and runtime', () => {
    // weights 2 x 46,702,792,704 B; KV 2 sequences x 32 layers x 4096 tokens x 4096 B; vLLM's
    // runtime: the larger of the forward pass (8192 x 79,872 x 2 B) and the sampler (the hidden
    // states 8192 x 4096 x 2 B, then 1024 rows x 32,000 x 39 B), and 0.5 GiB of context
    // (runtime-memory.ts, engines.ts)
    const runtime = Math.max(8192 * 79_872 * 2, 8192 * 4096 * 2 + 1024 * 32_000 * 39) + 2 ** 29;
    const d = deploy(mixtral);
    expect(deviceMemory(d, 4096, 2)).toEqual({
      weightsBytes: 93_405_585_408,
      kvBytes: 2 * 32 * 4096 * 4096,
      activationBytes: runtime,
      totalBytes: 93_405_585_408 + 2 * 32 * 4096 * 4096 + runtime,
      runtime: d.runtime,
    });
  });

  it('deviceMemory(Mixtral 8x7B on TP 8) splits all but norms and router 8 ways, and the KV heads', () => {
    // (embedding + lm_head + attention + experts) / 8 + norms + router, in BF16:
    // 2 x ((262,144,000 + 1,342,177,280 + 45,097,156,608) / 8 + 266,240 + 1,048,576)
    const memory = deviceMemory(deploy(mixtral, { devices: 8 }), 4096, 1);
    expect(memory.weightsBytes).toBe(11_677_999_104);
    expect(memory.kvBytes).toBe((32 * 4096 * 4096) / 8);
  });

  it('deviceMemory(Scout on 16 H100, pp 2) is the busiest device: the first stage with its vision tower under SGLang, the last with the sampler under vLLM', () => {
    // Both stages hold 24 alike layers and a 202,048 x 5120 matrix (embedding or lm_head); the
    // first adds the vision tower, 871,932,416 x 2 B / TP 8 = 217,983,104 B, the last the final
    // norm, 5120 x 2 B = 10,240 B.
    const sglang = deploy(scout, { devices: 16, pp: 2, memory: { engine: 'sglang' } });
    const [first, last] = sglang.stages;
    expect(first!.weightsBytes - last!.weightsBytes).toBe(217_983_104 - 10_240);
    const memory = deviceMemory(sglang, 4096, 1);
    expect(memory.weightsBytes).toBe(first!.weightsBytes);
    expect(memory.totalBytes).toBe(
      first!.weightsBytes + stageKvBytesPerSequence(sglang, first!, 4096) + first!.runtime.total,
    );
    // vLLM profiles its sampler on the last stage only, 1,024 rows x 202,048 x 39 B = 8.07 GB:
    // far more than the vision tower (v1/worker/gpu_model_runner.py profile_run)
    const vllm = deploy(scout, { devices: 16, pp: 2 });
    const [, lastVllm] = vllm.stages;
    const busiest = deviceMemory(vllm, 4096, 1);
    expect(busiest.weightsBytes).toBe(lastVllm!.weightsBytes);
    expect(busiest.runtime).toEqual(lastVllm!.runtime);
    expect(busiest.runtime!.sampler).toBeGreaterThan(1024 * 202_048 * 39);
  });
});

describe('sequencesPerReplica', () => {
  it('sequencesPerReplica(DeepSeek-V3 on 8 devices at TP 1, batch 20) is ceil(20 / 8) = 3', () => {
    expect(sequencesPerReplica(deploy(deepseek, { devices: 8, tp: 1, ep: 8 }), 20)).toBe(3);
  });
});

describe('stageKvBytesPerSequence', () => {
  it('stageKvBytesPerSequence of a full-layout Scout deployment, read as hybrid, counts only the windows', () => {
    const d = deploy(scout, { devices: 8, kvLayout: 'full' });
    const stage = d.stages[0]!;
    // 4096 B per token per layer split over TP 8: 512 B; 12 global layers x 100,000 tokens
    // (rounded up to 100,000, a multiple of 16) and 36 chunked layers x 8192 tokens
    expect(stageKvBytesPerSequence(d, stage, 100_000, 'hybrid')).toBe(
      (12 * 100_000 + 36 * 8192) * 512,
    );
    expect(stageKvBytesPerSequence(d, stage, 100_000)).toBe(48 * 100_000 * 512);
  });
});

describe('buildDeployment', () => {
  it('buildDeployment groups alike layers: the group counts add up to the stage layers', () => {
    for (const d of [deploy(scout, { devices: 16, pp: 2 }), deploy(deepseek, { devices: 8 })]) {
      for (const stage of d.stages)
        expect(stage.groups.reduce((n, g) => n + g.count, 0)).toBe(stage.layers.length);
    }
  });

  it('buildDeployment with another KV layout keeps the weights', () => {
    const d = deploy(scout, { devices: 8 });
    const full = buildDeployment({ ...d, kvLayout: 'full' });
    expect(full.stages[0]!.weightsBytes).toBe(d.stages[0]!.weightsBytes);
    expect(full.kvLayout).toBe('full');
  });
});

describe('deviceBudgetBytes', () => {
  it('deviceBudgetBytes(H100 SXM) is 81,559 MiB x 0.9, rounded down', () => {
    expect(deviceBudgetBytes(deploy(mixtral))).toBe(Math.floor(81559 * 2 ** 20 * 0.9));
  });
});

describe('maxContextTokens', () => {
  const d = deploy(scout, { devices: 8 });

  it('maxContextTokens(Scout on 8 H100, batch 1) fits, is whole KV blocks, and one more block does not fit', () => {
    const max = maxContextTokens(d, 1);
    expect(max % 16).toBe(0);
    expect(fitsAt(d, max, 1)).toBe(true);
    expect(fitsAt(d, max + 16, 1)).toBe(false);
  });

  it('maxContextTokens is 0 when the weights alone do not fit (DeepSeek-V3 on one H100)', () => {
    const one = deploy(deepseek);
    expect(maxContextTokens(one, 1)).toBe(0);
    expect(fitsAt(one, 16, 1)).toBe(false);
  });

  it('maxContextTokens is CONTEXT_SEARCH_LIMIT (2^34) when every layer is windowed (Mistral 7B, hybrid)', () => {
    expect(CONTEXT_SEARCH_LIMIT).toBe(2 ** 34);
    expect(maxContextTokens(deploy(mistral), 1)).toBe(CONTEXT_SEARCH_LIMIT);
    expect(maxContextTokens(deploy(mistral, { kvLayout: 'full' }), 1)).toBeLessThan(
      CONTEXT_SEARCH_LIMIT,
    );
  });
});

describe('maxBatch', () => {
  it('maxBatch(Scout on 8 H100, 128k) fits, and one more sequence does not', () => {
    const d = deploy(scout, { devices: 8 });
    const max = maxBatch(d, 131072);
    expect(max).toBeGreaterThan(1);
    expect(fitsAt(d, 131072, max)).toBe(true);
    expect(fitsAt(d, 131072, max + 1)).toBe(false);
  });

  it('maxBatch is 0 when one sequence does not fit', () => {
    expect(maxBatch(deploy(deepseek), 4096)).toBe(0);
  });
});

describe('checkPositive', () => {
  it.each([0, -1, 1.5, Number.NaN, 2 ** 31])(
    'checkPositive(batch, %d, 2^30) names batch',
    (value) => {
      expect(configErrorOf(() => checkPositive('batch', value, 2 ** 30)).message).toMatch(
        /^batch: expected an integer from 1 to 1073741824, got /,
      );
    },
  );

  it('checkPositive returns a value within range', () => {
    expect(checkPositive('context', 131072, 2 ** 34)).toBe(131072);
  });
});

describe('deployments of many layers', () => {
  it('finding 2: 4,096 layers whose attention never repeats group in linear time, on one stage or 4,096', () => {
    const kinds = Array.from({ length: 4096 }, (_, i) =>
      i % 3 === 0 ? 'full_attention' : 'sliding_attention',
    );
    kinds[4095] = 'sliding_attention'; // no period: the pattern is 4,096 distinct layer kinds
    const spec = parseHFConfig({
      model_type: 'gpt_oss',
      num_hidden_layers: 4096,
      num_local_experts: 32,
      num_experts_per_tok: 4,
      hidden_size: 64,
      intermediate_size: 64,
      num_attention_heads: 8,
      num_key_value_heads: 8,
      head_dim: 8,
      vocab_size: 1000,
      sliding_window: 128,
      layer_types: kinds,
    });
    expect(spec.attentionPattern.length).toBeGreaterThan(4000);
    const device = findDevice('h100-sxm')!;
    const start = cpuNow();
    for (const pp of [1, 4096]) {
      const r = resolveServing(spec, { device, devices: pp, pp, contextTokens: 131072, batch: 8 });
      expect(r.deployment.stages).toHaveLength(pp);
    }
    expect(cpuNow() - start).toBeLessThan(2000);
  });
});
