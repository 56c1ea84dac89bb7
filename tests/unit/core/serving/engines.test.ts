import { describe, expect, it } from 'vitest';
import {
  engineDefaults,
  engineGraphBatch,
  engineKvLayout,
  ENGINE_IDS,
  estimateServing,
  findDevice,
  outsideBytes,
  parseHFConfig,
  samplerBytes,
  sglangMemFraction,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const GiB = 2 ** 30;
const h100 = findDevice('h100-sxm')!;
const h200 = findDevice('h200')!;
const a100 = findDevice('a100-80gb')!;
const b200 = findDevice('b200')!;
const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
const layout = (tp: number) => ({ tp, pp: 1, dp: 1, ep: 1 });

describe('engineDefaults', () => {
  it("vLLM's batch defaults depend on the device: 8192 tokens / 1024 sequences on 70 GiB and more, not an A100", () => {
    // vllm/engine/arg_utils.py get_batch_defaults, OpenAI server
    expect(engineDefaults('vllm', h100, layout(1))).toEqual({
      utilization: 0.9,
      maxBatchedTokens: 8192,
      maxSequences: 1024,
      cudaGraphMaxBatch: 512,
      piecewisePrefill: true,
    });
    expect(engineDefaults('vllm', a100, layout(1))).toMatchObject({
      maxBatchedTokens: 2048,
      maxSequences: 256,
    });
  });

  it("TensorRT-LLM's: free_gpu_memory_fraction 0.9, max_num_tokens 8192, graphs up to 128; llama.cpp's n_ubatch 512", () => {
    expect(engineDefaults('trtllm', h100, layout(8))).toMatchObject({
      utilization: 0.9,
      maxBatchedTokens: 8192,
      maxSequences: 2048,
      cudaGraphMaxBatch: 128,
    });
    expect(engineDefaults('llamacpp', h100, layout(1))).toMatchObject({
      utilization: 1,
      maxBatchedTokens: 512,
    });
  });
});

describe('engineGraphBatch', () => {
  it('is vLLM’s min(2 x max_num_seqs, 512), SGLang’s sequences, TensorRT-LLM’s 128', () => {
    expect(engineGraphBatch('vllm', 1024)).toBe(512);
    expect(engineGraphBatch('vllm', 100)).toBe(200);
    expect(engineGraphBatch('sglang', 160)).toBe(160);
    expect(engineGraphBatch('trtllm', 2048)).toBe(128);
    expect(engineGraphBatch('llamacpp', 1)).toBe(1);
  });
});

describe('engineKvLayout', () => {
  const gptOss = parseHFConfig(fixtureConfig('gpt-oss-20b'));
  const serve = (engine: 'vllm' | 'trtllm', kvLayout?: 'hybrid' | 'full') =>
    estimateServing(gptOss, {
      device: h100,
      devices: 1,
      memory: { engine },
      kvLayout,
      contextTokens: 131072,
      batch: 1,
    });

  it('is full under TensorRT-LLM, which keeps windows only where max_attention_window lists them', () => {
    expect(ENGINE_IDS.map(engineKvLayout)).toEqual(['hybrid', 'hybrid', 'full', 'hybrid']);
  });

  it('sizes gpt-oss’s sliding layers by engine unless a layout is given', () => {
    // 24 layers x 2 (K, V) x 8 KV heads x 64 x 2 bytes = 49,152 B per token; the 12 sliding
    // layers keep 128 tokens under a hybrid layout, so it stores 24,576 B per token
    expect(serve('trtllm').kvBytesPerToken).toBe(49_152);
    expect(serve('vllm').kvBytesPerToken).toBe(24_576);
    expect(serve('trtllm', 'hybrid').kvBytesPerToken).toBe(24_576);
  });

  it('leaves what a decode step reads to the window', () => {
    expect(serve('trtllm').decode.kvReadBytes).toBe(serve('vllm').decode.kvReadBytes);
  });
});

describe('sglangMemFraction', () => {
  // server_args.py _handle_gpu_memory_settings, worked in docs/research/serving-13.md
  it('H100 TP 8: 512 + 1.5 x 8192 + 2 x 512 + 1024 = 14,848 MiB reserved of 81,559: 0.818', () => {
    expect(sglangMemFraction(h100, layout(8), false)).toBe(0.818);
  });
  it('H100 TP 4: 14,336 MiB reserved: 0.824; H200 TP 8: 0.897; B200 TP 8 (16,384-token chunks): 0.852', () => {
    expect(sglangMemFraction(h100, layout(4), false)).toBe(0.824);
    expect(sglangMemFraction(h200, layout(8), false)).toBe(0.897);
    expect(sglangMemFraction(b200, layout(8), false)).toBe(0.852);
  });
  it("DP attention: SGLang's tp_size is all 8 devices (--tp 8 --dp 8), so H200 takes 512-sequence graphs", () => {
    // 512 + 1.5 x 8192 + 2 x 512 + 8 x 1024 / 8 + 3 x 512 x 8 + 1.5 x 512 x 8 = 33,280 MiB of 143,771
    const dpAttention = { tp: 1, pp: 1, dp: 8, ep: 8 };
    expect(sglangMemFraction(h200, dpAttention, false)).toBe(0.769);
    expect(engineDefaults('sglang', h200, dpAttention)).toMatchObject({
      maxBatchedTokens: 8192,
      cudaGraphMaxBatch: 512,
    });
    // Eight replicas with whole experts each are not DP attention: tp_size 1, 256 on H200.
    expect(engineDefaults('sglang', h200, { tp: 1, pp: 1, dp: 8, ep: 1 })).toMatchObject({
      cudaGraphMaxBatch: 256,
    });
  });
  it('speculative decoding keeps 2 GiB more', () => {
    expect(sglangMemFraction(h100, layout(8), true)).toBe(
      Math.round(((81559 - 14848 - 2048) / 81559) * 1000) / 1000,
    );
  });
});

describe('each engine sizes the KV pool by its own policy', () => {
  const base: ServingOptions = { device: h100, devices: 1, contextTokens: 4096, batch: 1 };
  const on = (engine: 'vllm' | 'sglang' | 'trtllm' | 'llamacpp', utilization?: number) =>
    estimateServing(mixtral, {
      ...base,
      weights: 'fp8',
      memory: { engine, ...(utilization === undefined ? {} : { utilization }) },
    });

  it('vLLM: utilization x the device; activations, the sampler and the context kept back', () => {
    const e = on('vllm');
    expect(e.deviceBudgetBytes).toBe(Math.floor(h100.memoryBytes * 0.9));
    expect(e.perDevice.activationBytes).toBeGreaterThan(samplerBytes(mixtral, 1024));
  });

  it('SGLang: a static pool of the fraction x (memory - context) holds weights and KV only', () => {
    const e = on('sglang', 0.9);
    expect(e.deviceBudgetBytes).toBe(Math.floor(0.9 * (h100.memoryBytes - outsideBytes(1))));
    expect(e.perDevice.activationBytes).toBe(0);
  });

  it('TensorRT-LLM: weights and the profiled peak first, then 0.9 of what is free for KV', () => {
    const e = on('trtllm');
    const kept = e.perDevice.weightsBytes + e.perDevice.activationBytes;
    expect(e.deviceBudgetBytes).toBe(Math.floor(kept + 0.9 * (h100.memoryBytes - kept)));
  });

  it('llama.cpp: the whole device less its context, a compute buffer of 512 tokens kept back', () => {
    const e = on('llamacpp');
    expect(e.deviceBudgetBytes).toBe(Math.floor(h100.memoryBytes - 0.5 * GiB));
    expect(e.assumptions.memory.maxBatchedTokens).toBe(512);
  });

  it('the KV capacity is what the pool holds beside weights and the runtime, in whole blocks', () => {
    const e = on('vllm');
    const pool = e.deviceBudgetBytes - e.perDevice.weightsBytes - e.perDevice.activationBytes;
    // Mixtral: 32 layers x 2 x 8 KV heads x 128 x 2 B = 131,072 B per token
    expect(e.kvCapacityTokens).toBe(Math.floor(pool / 131_072 / 16) * 16);
  });

  it('an unknown engine is refused, naming the field', () => {
    expect(() =>
      estimateServing(mixtral, { ...base, memory: { engine: 'tgi' as 'vllm' } }),
    ).toThrow(/engine.*one of vllm, sglang, trtllm, llamacpp/);
  });
});

describe('outsideBytes and samplerBytes', () => {
  it('one device keeps 0.5 GiB for its context, several over NVLink 2.5 GiB with their communicators, several over PCIe 0.5 GiB', () => {
    // engines.ts outsideBytes: vLLM #13074 (2.53 GiB, 2 x 8 H20), vLLM #13061 (0.25 GiB, 2 x RTX 4090)
    expect(outsideBytes(1)).toBe(0.5 * GiB);
    expect(outsideBytes(8)).toBe(2.5 * GiB);
    expect(outsideBytes(8, { scaleUpBytesPerSecond: 450e9 })).toBe(2.5 * GiB); // H100 SXM's NVLink
    expect(outsideBytes(4, { scaleUpBytesPerSecond: 32e9 })).toBe(0.5 * GiB); // L40S's PCIe
    expect(outsideBytes(1, { scaleUpBytesPerSecond: 450e9 })).toBe(0.5 * GiB);
    // SGLang on 8 x MI355X: "Load weight begin. avail mem=283.50 GB" of 287.98 GiB (ROCm 7.2)
    const mi355x = findDevice('mi355x')!;
    expect(outsideBytes(8, mi355x)).toBe(4.5 * GiB);
    expect(outsideBytes(1, mi355x)).toBe(0.5 * GiB);
    expect(outsideBytes(8, findDevice('h200')!)).toBe(2.5 * GiB);
  });
  it("vLLM's sampler: rows x vocabulary x 39 bytes (1024 x 32,000 x 39 for Mixtral)", () => {
    // 39 B per logit: fitted to vllm#23278 and vllm#27508 (engines.ts SAMPLER_BYTES_PER_LOGIT)
    expect(samplerBytes(mixtral, 1024)).toBe(1024 * 32_000 * 39);
  });
});
