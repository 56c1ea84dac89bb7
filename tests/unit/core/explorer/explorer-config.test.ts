import { describe, expect, it } from 'vitest';
import {
  baseSpec,
  countParams,
  LIMITS,
  DEFAULT_DEPLOYMENT,
  DEFAULT_HOST_SETTINGS,
  defaultConfig,
  findDevice,
  parseHFConfig,
  resolveDeployment,
  resolveExplorer,
  resolveWithBase,
  type LocalServingEstimate,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';
import { cpuNow } from '../../helpers/cpu-clock.ts';

describe('resolveExplorer', () => {
  it('opens on Llama 4 Scout on H100 with its exact total, and it fits', () => {
    const r = resolveExplorer(defaultConfig());
    expect(r.count.total).toBe(108_641_793_536); // expected-params.json
    expect(r.serving?.fits).toBe(true);
    expect(r.resolved?.deployment.device).toBe(findDevice('h100-sxm'));
  });

  it('reports an invalid layout as servingError and still counts the model', () => {
    const config = defaultConfig();
    config.deployment = { ...config.deployment, tp: 3 };
    const r = resolveExplorer(config);
    expect(r.serving).toBeNull();
    expect(r.servingError).toContain('tp: expected a divisor of the 8 devices');
    expect(r.count.total).toBe(108_641_793_536);
  });
});

describe('defaultConfig', () => {
  it("defaultConfig('dbrx') opens the DBRX preset on the default deployment", () => {
    expect(defaultConfig('dbrx')).toEqual({
      source: { kind: 'preset', id: 'dbrx' },
      arch: {},
      deployment: DEFAULT_DEPLOYMENT,
    });
  });

  it('defaultConfig returns a copy: changing it leaves DEFAULT_DEPLOYMENT alone', () => {
    defaultConfig().deployment.devices = 64;
    expect(DEFAULT_DEPLOYMENT.devices).toBe(8);
  });
});

describe('baseSpec', () => {
  it('baseSpec of an imported config parses it under the given name', () => {
    const spec = baseSpec({
      kind: 'config',
      name: 'My Mixtral',
      json: fixtureConfig('mixtral-8x7b'),
    });
    expect(spec.name).toBe('My Mixtral');
    expect(spec.moe?.experts).toBe(8);
  });

  it('baseSpec of an unknown preset id is a ConfigError naming preset', () => {
    expect(configErrorOf(() => baseSpec({ kind: 'preset', id: 'gpt-5' })).field).toBe('preset');
  });
});

describe('resolveWithBase and resolveDeployment', () => {
  it('resolveWithBase applies the arch overrides to the given spec', () => {
    const base = parseHFConfig(fixtureConfig('llama4-scout'));
    const r = resolveWithBase(base, { ...defaultConfig(), arch: { topK: 2 } });
    expect(r.base).toBe(base);
    expect(r.spec.moe?.topK).toBe(2);
    expect(r.count.active - resolveExplorer(defaultConfig()).count.active).toBe(48 * 125_829_120);
  });

  it('resolveDeployment of an unknown device reports it as servingError', () => {
    const r = resolveExplorer(defaultConfig());
    const bad = resolveDeployment(r, { ...DEFAULT_DEPLOYMENT, deviceId: 'tpu-v9' });
    expect(bad.serving).toBeNull();
    expect(bad.servingError).toBe('GPU type: expected a device of the catalog, got "tpu-v9"');
  });
});

describe('a max-size model', () => {
  /** Every limit that sets a loop's length at once (layers, experts, top-k, heads, vocabulary, context), with small widths so that it counts exactly. */
  const maxSize = {
    model_type: 'deepseek_v3',
    num_hidden_layers: LIMITS.layers,
    hidden_size: 64,
    intermediate_size: 64,
    moe_intermediate_size: 8,
    n_routed_experts: LIMITS.experts,
    num_experts_per_tok: LIMITS.topK,
    n_shared_experts: LIMITS.sharedExperts,
    num_nextn_predict_layers: LIMITS.mtpModules,
    first_k_dense_replace: 3,
    num_attention_heads: LIMITS.heads,
    q_lora_rank: 64,
    kv_lora_rank: 64,
    qk_nope_head_dim: 16,
    qk_rope_head_dim: 16,
    v_head_dim: 16,
    vocab_size: LIMITS.vocabSize,
    max_position_embeddings: LIMITS.contextTokens,
  };

  it('finding 2: a max-size model (every loop-sized limit at once) parses and counts exactly in < 1 s', () => {
    const start = cpuNow();
    const count = countParams(parseHFConfig(maxSize));
    expect(cpuNow() - start).toBeLessThan(1000);
    expect(Number.isSafeInteger(count.total)).toBe(true);
    expect(count.layers).toHaveLength(LIMITS.layers);
  });

  it('finding 2: the max-size model resolves on 1,024 GPUs with 1,024-way expert parallelism, skewed routing, without freezing', () => {
    const start = cpuNow();
    const r = resolveExplorer({
      source: { kind: 'config', name: 'max', json: maxSize },
      arch: {},
      deployment: { ...DEFAULT_DEPLOYMENT, devices: 1024, tp: 1, ep: 1024, batch: 65_536, skew: 2 },
    });
    expect(r.servingError).toBeNull();
    expect(r.serving?.routing.imbalance?.expectedMaxLoad).toBeGreaterThan(0);
    expect(cpuNow() - start).toBeLessThan(5000);
  });
});

describe('a deployment with system RAM (issue 12)', () => {
  it('host settings turn on the llama.cpp placement: fits on both sides, the suggested --n-cpu-moe', () => {
    const config = {
      ...defaultConfig('gpt-oss-120b'),
      deployment: {
        ...DEFAULT_DEPLOYMENT,
        deviceId: 'h100-pcie',
        devices: 1,
        contextTokens: 8192,
        host: { ...DEFAULT_HOST_SETTINGS, cpuMoe: true },
      },
    };
    const r = resolveExplorer(config);
    expect(r.servingError).toBeNull();
    const s = r.serving as LocalServingEstimate;
    expect(s.fitsDevice).toBe(true);
    expect(s.fitsHost).toBe(true);
    expect(s.placement.layers.every((l) => l.experts === 'host')).toBe(true);
    // gpt-oss-120b fits an 80 GB card whole: no expert layer need go to the host.
    expect(s.suggestedNCpuMoe).toBe(0);
  });

  it('a host on several GPUs is a serving error naming the setting, the model stays counted', () => {
    const r = resolveExplorer({
      ...defaultConfig('gpt-oss-120b'),
      deployment: { ...DEFAULT_DEPLOYMENT, host: DEFAULT_HOST_SETTINGS },
    });
    expect(r.servingError).toBe('gpus: expected 1 with host memory, got 8');
    expect(r.count.total).toBe(116_829_156_672);
  });
});
