import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_MEMORY,
  DEFAULT_ROUTING,
  findDevice,
  parseHFConfig,
  resolveServing,
  weightPlan,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const h100 = findDevice('h100-sxm')!;
const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const gptOss = parseHFConfig(fixtureConfig('gpt-oss-20b'));
const base: ServingOptions = { device: h100, devices: 8, contextTokens: 131072, batch: 4 };

describe('resolveServing', () => {
  it("resolveServing fills every assumption with its default and the price with the device's", () => {
    const r = resolveServing(scout, base);
    expect(r.efficiency).toEqual(DEFAULT_EFFICIENCY);
    expect(r.routing).toEqual(DEFAULT_ROUTING);
    expect(r.deployment.memory).toEqual(DEFAULT_MEMORY);
    expect(r.usdPerDeviceHour).toBe(2.69); // h100-sxm, RunPod 2026-03-10
    expect(r.deployment).toMatchObject({ kvDtype: 'bf16', kvLayout: 'hybrid' });
    expect(r).toMatchObject({ contextTokens: 131072, batch: 4 });
  });

  it('resolveServing merges partial assumptions over the defaults', () => {
    const r = resolveServing(scout, {
      ...base,
      efficiency: { bandwidth: 0.5 },
      memory: { utilization: 0.8 },
      routing: { skew: 1 },
    });
    expect(r.efficiency).toEqual({ ...DEFAULT_EFFICIENCY, bandwidth: 0.5 });
    expect(r.deployment.memory).toEqual({ ...DEFAULT_MEMORY, utilization: 0.8 });
    expect(r.routing).toEqual({ ...DEFAULT_ROUTING, skew: 1 });
  });

  it('resolveServing with weights fp8 uses weightPlan(fp8): BF16 embeddings', () => {
    expect(resolveServing(scout, { ...base, weights: 'fp8' }).deployment.plan).toEqual(
      weightPlan('fp8'),
    );
  });

  it("resolveServing with only expert weights keeps the checkpoint's plan for the rest (gpt-oss: BF16)", () => {
    expect(resolveServing(gptOss, { ...base, expertWeights: 'nvfp4' }).deployment.plan).toEqual({
      linear: 'bf16',
      experts: 'nvfp4',
      embeddings: 'bf16',
      unquantized: 'bf16',
    });
  });
});

describe('resolveServing of bad options', () => {
  it.each<[string, Partial<ServingOptions>, string]>([
    ['a context of 0', { contextTokens: 0 }, 'context'],
    ['a context above 2^34', { contextTokens: 2 ** 34 + 1 }, 'context'],
    ['a context above LIMITS.contextTokens (2^28)', { contextTokens: 2 ** 28 + 1 }, 'context'],
    ['more devices than LIMITS.devices', { devices: 2 ** 20 + 1 }, 'devices'],
    ['a batch above 2^30', { batch: 2 ** 30 + 1 }, 'batch'],
    ['0 devices', { devices: 0 }, 'devices'],
    ['TP 3 on 8 devices', { tp: 3 }, 'tp'],
    ['memory utilization 0.01', { memory: { utilization: 0.01 } }, 'memory utilization'],
    ['0 max batched tokens', { memory: { maxBatchedTokens: 0 } }, 'max batched tokens'],
    ['KV blocks of 5000 tokens', { memory: { kvBlockTokens: 5000 } }, 'KV block tokens'],
    ['a CUDA-graph batch of 0', { memory: { cudaGraphMaxBatch: 0 } }, 'cuda graph max bs'],
    [
      'SGLang with a CUDA-graph batch other than its max sequences',
      { memory: { engine: 'sglang', maxSequences: 256, cudaGraphMaxBatch: 384 } },
      'cuda graph max bs',
    ],
    [
      'an INT4 expert bandwidth share of 0',
      { efficiency: { int4ExpertBandwidth: 0 } },
      'int4 expert efficiency',
    ],
    ['bandwidth efficiency 0', { efficiency: { bandwidth: 0 } }, 'bandwidth efficiency'],
    ['compute efficiency 1.5', { efficiency: { compute: 1.5 } }, 'compute efficiency'],
    ['overlap -0.1', { efficiency: { overlap: -0.1 } }, 'communication overlap'],
    ['2 s per layer', { efficiency: { layerOverheadSeconds: 2 } }, 'layer overhead seconds'],
    [
      '-1 us of scheduling per sequence',
      { efficiency: { schedulingSecondsPerSequence: -1e-6 } },
      'scheduling seconds per sequence',
    ],
    ['skew 5', { routing: { skew: 5 } }, 'routing skew'],
    ['capacity factor 0', { routing: { capacityFactor: 0 } }, 'capacity factor'],
    ['a price of -1 $/hour', { usdPerDeviceHour: -1 }, 'price per device-hour'],
    ['a NaN price', { usdPerDeviceHour: Number.NaN }, 'price per device-hour'],
  ])('resolveServing with %s is a ConfigError naming %s', (_, options, field) => {
    expect(configErrorOf(() => resolveServing(scout, { ...base, ...options })).field).toBe(field);
  });

  it('resolveServing sizes the CUDA-graph batch from the sequences asked for, unless given; SGLang’s is its sequences', () => {
    const graphs = (memory: ServingOptions['memory']) =>
      resolveServing(scout, { ...base, memory }).deployment.memory;
    expect(graphs({ maxSequences: 100 }).cudaGraphMaxBatch).toBe(200); // vLLM: 2 x 100
    expect(graphs({ maxSequences: 100, cudaGraphMaxBatch: 64 }).cudaGraphMaxBatch).toBe(64);
    expect(graphs({ engine: 'trtllm', maxSequences: 384 }).cudaGraphMaxBatch).toBe(128);
    const sglang = graphs({ engine: 'sglang', cudaGraphMaxBatch: 384 });
    expect([sglang.maxSequences, sglang.cudaGraphMaxBatch]).toEqual([384, 384]);
    expect(graphs({ engine: 'sglang', maxSequences: 96 }).cudaGraphMaxBatch).toBe(96);
  });

  it('resolveServing with bandwidth efficiency 2 says the range: "a number from 0.01 to 1"', () => {
    expect(
      configErrorOf(() => resolveServing(scout, { ...base, efficiency: { bandwidth: 2 } })).message,
    ).toBe('bandwidth efficiency: expected a number from 0.01 to 1, got 2');
  });
});
