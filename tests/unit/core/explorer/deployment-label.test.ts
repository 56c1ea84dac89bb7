import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  deploymentLabel,
  deploymentSentence,
  resolveDeployment,
  resolveExplorer,
} from '../../../../src/lib/core/index.ts';

function resolved(presetId: string, patch = {}) {
  const config = defaultConfig(presetId);
  return resolveDeployment(resolveExplorer(config), { ...config.deployment, ...patch }).resolved!;
}

describe('deploymentLabel', () => {
  it('states the default deployment: 8 x H100, BF16, 131,072 tokens, batch 1', () => {
    expect(deploymentSentence(resolved('llama4-scout'))).toBe(
      '8 × NVIDIA H100 SXM 80GB, BF16 weights, BF16 KV cache, 131.07k (128 × 2^10) tokens of context, batch 1, on vLLM',
    );
  });

  it('names the engine whose memory policy sizes the KV cache, and speculative decoding when on', () => {
    const label = deploymentLabel(
      resolved('deepseek-v3', {
        engine: 'sglang',
        speculative: { method: 'mtp', draftTokens: 3, acceptance: 0.8 },
      }),
    );
    expect(label.engine).toBe('on SGLang');
    expect(label.speculation).toBe('MTP: 3 draft tokens, 80% accepted');
    expect(deploymentLabel(resolved('llama4-scout')).speculation).toBeNull();
  });

  it('names the experts format where it differs (gpt-oss: MXFP4 experts, BF16 elsewhere)', () => {
    expect(deploymentLabel(resolved('gpt-oss-120b')).weights).toBe('BF16 weights, MXFP4 experts');
  });

  it('shows a decimal context as such: 10,000,000 is 10M', () => {
    const label = deploymentLabel(
      resolved('llama4-scout', { contextTokens: 10_000_000, kvDtype: 'fp8' }),
    );
    expect(label.context).toBe('10M tokens of context');
    expect(label.kv).toBe('FP8 KV cache');
  });
});
