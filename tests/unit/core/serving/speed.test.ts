import { describe, expect, it } from 'vitest';
import {
  decodeStep,
  DEFAULT_EFFICIENCY,
  DEFAULT_ROUTING,
  parseHFConfig,
  prefill,
  type ModelSpec,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const llama8b = parseHFConfig(fixtureConfig('llama3.1-8b'));
const scout = parseHFConfig(fixtureConfig('llama4-scout'));

const deploy = (spec: ModelSpec, options: Partial<ServingOptions> = {}) =>
  deployOnH100(spec, options, 1024);

describe('decodeStep', () => {
  it('decodeStep(Llama 3.1 8B on one H100, 1024 tokens, batch 1) is 127 tokens/s', () => {
    // Memory-bound: weights 2 x (32 x 218,103,808 + 525,336,576) B + KV 32 x 1024 x 4096 B
    // = 15,143,534,592 B at 3.35 TB/s x 0.7, plus 32 layers of 9 kernels (GQA 5, dense FFN 4) x 5 us
    const stepSeconds = 15_143_534_592 / (3.35e12 * 0.7) + 32 * 9 * 5e-6;
    const e = decodeStep(deploy(llama8b), 1024, 1, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    expect(e.stepSeconds).toBeCloseTo(stepSeconds, 12);
    expect(e.tokensPerSecond).toBeCloseTo(1 / stepSeconds, 6);
    expect(Math.round(e.tokensPerSecond)).toBe(127);
  });

  it('decodeStep gives tokens/s = batch / step, per user 1 / step, per device tokens/s / devices', () => {
    const e = decodeStep(
      deploy(scout, { devices: 8 }),
      4096,
      16,
      DEFAULT_EFFICIENCY,
      DEFAULT_ROUTING,
    );
    expect(e.tokensPerSecond).toBeCloseTo(16 / e.stepSeconds, 9);
    expect(e.tokensPerSecondPerUser).toBeCloseTo(1 / e.stepSeconds, 9);
    expect(e.tokensPerSecondPerDevice).toBeCloseTo(e.tokensPerSecond / 8, 9);
  });

  it('decodeStep through a pipeline of 2 stages takes both stage ticks per token', () => {
    const e = decodeStep(
      deploy(scout, { devices: 16, pp: 2 }),
      4096,
      2,
      DEFAULT_EFFICIENCY,
      DEFAULT_ROUTING,
    );
    expect(e.stepSeconds).toBeCloseTo(2 * e.seconds, 15);
  });
});

describe('prefill', () => {
  it('prefill of one 32,768-token prompt in passes of 8192 takes 4 passes to the first token', () => {
    const p = prefill(deploy(llama8b), 32_768, 1, 8192, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    expect(p.chunkTokens).toBe(8192);
    expect(p.timeToFirstTokenSeconds).toBeCloseTo(4 * p.seconds, 15);
    expect(p.tokensPerSecond).toBeCloseTo(8192 / p.seconds, 6);
  });

  it('prefill packs several short prompts into one pass: 4 prompts of 1000 tokens are a 4000-token pass', () => {
    const p = prefill(deploy(llama8b), 1000, 4, 8192, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    expect(p.chunkTokens).toBe(4000);
  });

  it('prefill of a long prompt is compute-bound', () => {
    expect(
      prefill(deploy(llama8b), 32_768, 1, 8192, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).bound,
    ).toBe('compute');
  });
});
