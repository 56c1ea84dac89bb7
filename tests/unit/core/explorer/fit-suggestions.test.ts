import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  fitSuggestions,
  overflowParts,
  resolveDeployment,
  resolveExplorer,
  WEIGHT_FORMATS,
  type DeploymentSettings,
} from '../../../../src/lib/core/index.ts';

function open(presetId: string, deployment: Partial<DeploymentSettings> = {}) {
  const config = defaultConfig(presetId);
  const settings = { ...config.deployment, ...deployment };
  const result = resolveDeployment(resolveExplorer(config), settings);
  return { result, settings, serving: result.serving! };
}

describe('fitSuggestions', () => {
  it('suggests nothing for a deployment that fits (Scout BF16 on 8 x H100 at 131,072 tokens)', () => {
    const { result, settings, serving } = open('llama4-scout');
    expect(serving.fits).toBe(true);
    expect(fitSuggestions(result, settings, serving)).toEqual([]);
  });

  // Meta's Llama 4 card: "Maverick ... FP8 quantized weights fit on a single H100 DGX host";
  // in BF16 (~800 GB of weights) it does not fit 8 x 77 GB usable.
  it('for Maverick BF16 on 8 x H100: FP8 weights, 8 x H200, or a second node as a pipeline stage', () => {
    const { result, settings, serving } = open('llama4-maverick');
    expect(serving.fits).toBe(false);
    expect(overflowParts(serving).weightsAlone).toBe(true);
    const found = fitSuggestions(result, settings, serving);
    expect(found.map((s) => [s.axis, s.patch])).toEqual([
      ['weights', { weights: 'fp8', expertWeights: null }],
      ['device', { deviceId: 'h200' }],
      ['devices', { devices: 16, pp: 2 }],
    ]);
  });

  it('every suggestion, applied, fits, and its memory is what the estimate then says', () => {
    for (const preset of ['llama4-maverick', 'deepseek-v3', 'kimi-k2']) {
      const { result, settings, serving } = open(preset);
      for (const s of fitSuggestions(result, settings, serving)) {
        const after = resolveDeployment(result, { ...settings, ...s.patch }).serving!;
        expect(after.fits, `${preset}: ${s.label}`).toBe(true);
        expect(after.perDeviceBytes).toBe(s.perDevice.totalBytes);
        expect(after.deviceBudgetBytes).toBe(s.budgetBytes);
      }
    }
  });

  it('under TensorRT-LLM the hybrid KV layout names the setting that gives it: Scout at 5M tokens, past FP8’s reach', () => {
    const { result, settings, serving } = open('llama4-scout', {
      engine: 'trtllm',
      contextTokens: 5_000_000,
    });
    expect(serving.fits).toBe(false);
    const kv = fitSuggestions(result, settings, serving).filter((s) => s.axis === 'kv');
    expect(kv.map((s) => s.patch)).toContainEqual({ kvLayout: 'hybrid' });
    expect(kv.find((s) => 'kvLayout' in s.patch)!.label).toMatch(/max_attention_window/);
  });

  it('each weight suggestion is the first format with fewer bits that fits (Kimi K2 FP8 on 8 x H200: INT8 does not)', () => {
    const { result, settings, serving } = open('kimi-k2', { deviceId: 'h200' });
    const weights = fitSuggestions(result, settings, serving).find((s) => s.axis === 'weights')!;
    expect(weights.patch.weights).toBe('int4');
    // INT8 stores as many bits as FP8 with its scales, so it is no smaller and is skipped.
    expect(WEIGHT_FORMATS.int8.bitsPerParam).toBeGreaterThanOrEqual(
      WEIGHT_FORMATS.fp8.bitsPerParam,
    );
  });

  // Scout's "10M": the hybrid BF16 cache fits up to 6,317,104 tokens on 8 x H100 (questions tests).
  it('offers FP8 KV and the largest context for Scout at 10,000,000 tokens on 8 x H100', () => {
    const { result, settings, serving } = open('llama4-scout', { contextTokens: 10_000_000 });
    expect(serving.fits).toBe(false);
    const found = fitSuggestions(result, settings, serving);
    expect(found.find((s) => s.axis === 'kv')!.patch).toEqual({ kvDtype: 'fp8' });
    expect(found.find((s) => s.axis === 'context')!.patch).toEqual({
      contextTokens: serving.maxContextTokens,
    });
    expect(found.find((s) => s.axis === 'batch')).toBeUndefined();
  });

  it('offers the largest batch when a smaller batch fits (Scout at 1,000,000 tokens, batch 64)', () => {
    const { result, settings, serving } = open('llama4-scout', {
      contextTokens: 1_000_000,
      batch: 64,
    });
    expect(serving.fits).toBe(false);
    expect(serving.maxBatch).toBeGreaterThanOrEqual(1);
    const batch = fitSuggestions(result, settings, serving).find((s) => s.axis === 'batch')!;
    expect(batch.patch).toEqual({ batch: serving.maxBatch });
  });
});
