import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  countParams,
  DEFAULT_EFFICIENCY,
  DEFAULT_ROUTING,
  decodeStep,
  estimateServing,
  findDevice,
  parseHFConfig,
  SGLANG_SPEC_HOST_SECONDS,
  SYNC_SCHEDULING_SECONDS,
  tokensPerVerifyStep,
  type ServingOptions,
  resolveServing,
} from '../../../../src/lib/core/index.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
import { fixtureConfig, readJson } from '../../helpers/fixtures.ts';

const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const llama8b = parseHFConfig(fixtureConfig('llama3.1-8b'));
const h200 = findDevice('h200')!;
const onH200: ServingOptions = {
  device: h200,
  devices: 8,
  weights: 'fp8',
  contextTokens: 4096,
  batch: 1,
};
const mtp = { method: 'mtp', draftTokens: 1, acceptance: 0.85 } as const;

describe('tokensPerVerifyStep', () => {
  it('is (1 - a^(d+1)) / (1 - a): Leviathan et al. 2023, equation 1', () => {
    expect(tokensPerVerifyStep(1, 0.85)).toBeCloseTo(1.85, 12); // DeepSeek-V3's MTP, 85%
    expect(tokensPerVerifyStep(3, 0.7)).toBeCloseTo((1 - 0.7 ** 4) / 0.3, 12); // 2.533
    expect(tokensPerVerifyStep(2, 1)).toBe(3); // every draft accepted
    expect(tokensPerVerifyStep(2, 0)).toBe(1); // none: the model's own token only
  });
});

describe('speculative decoding with MTP', () => {
  const plain = estimateServing(deepseek, onH200);
  const spec = estimateServing(deepseek, { ...onH200, speculative: mtp });

  it("DeepSeek-V3's 1.8x tokens per second with MTP (report 5.4.3) comes out within x1.5 at batch 1 on 8 x H200", () => {
    const s = spec.speculative!;
    expect(s.tokensPerStep).toBeCloseTo(1.85, 12);
    expect(s.speedup).toBeGreaterThan(1.8 / 1.5);
    expect(s.speedup).toBeLessThan(1.8 * 1.5);
    expect(spec.decode.tokensPerSecondPerUser).toBeCloseTo(
      plain.decode.tokensPerSecondPerUser * s.speedup,
      6,
    );
    expect(s.plain.tokensPerSecondPerUser).toBeCloseTo(plain.decode.tokensPerSecondPerUser, 9);
  });

  it('a step is the verification of d + 1 tokens plus d passes of the MTP module', () => {
    const s = spec.speculative!;
    expect(spec.decode.stepSeconds).toBeCloseTo(s.verifySeconds + s.draftSeconds, 15);
    // one module (one MoE layer and the head) is far cheaper than the 61-layer verification
    expect(s.draftSeconds).toBeGreaterThan(0);
    expect(s.draftSeconds).toBeLessThan(s.verifySeconds / 10);
  });

  it('the MTP module sits on each device: its weights / 8 in FP8, and one MLA layer of KV per token', () => {
    const count = countParams(deepseek);
    const s = spec.speculative!;
    // count.mtp (11.5B) at 1 byte each over TP 8, but MLA's q_a and kv_a projections and their
    // norms (15,140,864, tensor-split.ts) whole on every device; the router (256 x 7168, BF16)
    // and the other norms are whole too: within 0.5%
    const replicated = 15_140_864;
    expect(
      s.draftWeightsBytesPerDevice / ((count.breakdown.mtp - replicated) / 8 + replicated),
    ).toBeCloseTo(1, 2);
    expect(spec.perDevice.weightsBytes - plain.perDevice.weightsBytes).toBe(
      s.draftWeightsBytesPerDevice,
    );
    // MLA's latent (512 + 64) x 2 bytes, kept whole on every TP rank
    expect(s.draftKvBytesPerTokenPerDevice).toBe(1152);
    expect(spec.maxContextTokens).toBeLessThan(plain.maxContextTokens);
  });

  it('DeepSeek-V4’s MTP layer keeps only its 128-token window: no draft KV per token of context', () => {
    const v4 = parseHFConfig(readJson('new-families/deepseek-v4-flash.config.json'));
    // compress_ratios[43] = 0: the module's layer slides over 128 tokens (deepseek_v4.md §2).
    const withMtp = estimateServing(v4, { ...onH200, speculative: mtp });
    expect(withMtp.speculative!.draftKvBytesPerTokenPerDevice).toBe(0);
    expect(withMtp.kvBytesPerToken).toBe(estimateServing(v4, onH200).kvBytesPerToken);
  });

  it('with no acceptance, speculation only costs: the speed-up is below 1', () => {
    const none = estimateServing(deepseek, {
      ...onH200,
      speculative: { ...mtp, acceptance: 0 },
    });
    expect(none.speculative!.speedup).toBeLessThan(1);
  });

  it('decodes at batch one and at the largest batch with speculation too', () => {
    expect(spec.decodeAt.batchOne.tokensPerSecondPerUser).toBeCloseTo(
      spec.decode.tokensPerSecondPerUser,
      9,
    );
  });
});

describe('speculative decoding with a draft model', () => {
  it('Llama 3.1 8B drafting 3 tokens for Llama 4 Scout: its weights on every device, / TP', () => {
    const base: ServingOptions = { device: h200, devices: 8, contextTokens: 8192, batch: 1 };
    const plain = estimateServing(scout, base);
    const e = estimateServing(scout, {
      ...base,
      speculative: {
        method: 'draft',
        draftTokens: 3,
        acceptance: 0.7,
        draftModel: { spec: llama8b },
      },
    });
    // BF16, split 8 ways but for the norms, whole on every device
    const { total, breakdown } = countParams(llama8b);
    expect(e.speculative!.draftWeightsBytesPerDevice).toBe(
      ((total - breakdown.norms) * 2) / 8 + breakdown.norms * 2,
    );
    expect(e.perDevice.weightsBytes - plain.perDevice.weightsBytes).toBe(
      e.speculative!.draftWeightsBytesPerDevice,
    );
    expect(e.speculative!.tokensPerStep).toBeCloseTo((1 - 0.7 ** 4) / 0.3, 12);
    expect(e.speculative!.draftSeconds).toBeGreaterThan(0);
  });

  it("a synchronous scheduler waits once per verified step, not in the draft model's passes", () => {
    const options: ServingOptions = {
      device: h200,
      devices: 8,
      contextTokens: 8192,
      batch: 64,
      speculative: {
        method: 'draft',
        draftTokens: 3,
        acceptance: 0.7,
        draftModel: { spec: llama8b },
      },
    };
    const overlapped = estimateServing(scout, options);
    const sync = estimateServing(scout, {
      ...options,
      efficiency: { schedulingSecondsPerSequence: SYNC_SCHEDULING_SECONDS },
    });
    expect(sync.speculative!.draftSeconds).toBeCloseTo(overlapped.speculative!.draftSeconds, 15);
    expect(sync.speculative!.verifySeconds - overlapped.speculative!.verifySeconds).toBeCloseTo(
      64 * SYNC_SCHEDULING_SECONDS,
      12,
    );
  });
});

describe('SGLang waits for its host once per speculative step (its overlap scheduler is off)', () => {
  const options: ServingOptions = { ...onH200, speculative: { ...mtp, draftTokens: 3 } };
  const sglang = estimateServing(deepseek, { ...options, memory: { engine: 'sglang' } });
  const vllm = estimateServing(deepseek, { ...options, memory: { engine: 'vllm' } });

  it('1.1 ms a step under SGLang (PR #11398: 12.12 ms a step without the overlap, 11.01 with it)', () => {
    expect(SGLANG_SPEC_HOST_SECONDS).toBe(1.1e-3);
    const s = sglang.speculative!;
    expect(sglang.decode.stepSeconds).toBeCloseTo(
      s.verifySeconds + s.draftSeconds + SGLANG_SPEC_HOST_SECONDS,
      15,
    );
  });

  it('none under vLLM, and none in plain decode, whose scheduler SGLang overlaps', () => {
    const s = vllm.speculative!;
    expect(vllm.decode.stepSeconds).toBeCloseTo(s.verifySeconds + s.draftSeconds, 15);
    const plain = estimateServing(deepseek, { ...onH200, memory: { engine: 'sglang' } });
    expect(plain.decode.stepSeconds).toBeCloseTo(sglang.speculative!.plain.stepSeconds, 15);
  });

  it('0 when the run sets SGLANG_ENABLE_SPEC_V2 (efficiency speculativeHostSeconds 0)', () => {
    const v2 = estimateServing(deepseek, {
      ...options,
      memory: { engine: 'sglang' },
      efficiency: { speculativeHostSeconds: 0 },
    });
    expect(sglang.decode.stepSeconds - v2.decode.stepSeconds).toBeCloseTo(1.1e-3, 15);
  });

  it('0 for DeepSeek-V4, for which SGLang turns spec v2 on itself (apply_deepseek_v4_defaults)', () => {
    const flash = parseHFConfig(readJson('new-families/deepseek-v4-flash.config.json') as never);
    const r = resolveServing(flash, { ...options, memory: { engine: 'sglang' } });
    expect(r.efficiency.speculativeHostSeconds).toBe(0);
    const dsv3 = resolveServing(deepseek, { ...options, memory: { engine: 'sglang' } });
    expect(dsv3.efficiency.speculativeHostSeconds).toBe(SGLANG_SPEC_HOST_SECONDS);
  });
});

describe('speculative options are checked, naming the field', () => {
  const bad = (speculative: object) => () =>
    estimateServing(deepseek, { ...onH200, speculative: speculative as typeof mtp });
  it('refuses MTP for a model without MTP modules', () => {
    expect(() => estimateServing(scout, { ...onH200, speculative: mtp })).toThrow(
      /spec-decode.*multi-token-prediction modules/,
    );
  });
  it('refuses draft tokens outside 1 to 16, acceptance outside 0 to 1, a draft without a model', () => {
    expect(bad({ ...mtp, draftTokens: 0 })).toThrow(/draft tokens.*from 1 to 16/);
    expect(bad({ ...mtp, draftTokens: 1.5 })).toThrow(ConfigError);
    expect(bad({ ...mtp, acceptance: 1.2 })).toThrow(/acceptance.*from 0 to 1/);
    expect(bad({ ...mtp, acceptance: Number.NaN })).toThrow(/acceptance/);
    expect(bad({ ...mtp, method: 'draft' })).toThrow(/draft model/);
    expect(bad({ ...mtp, method: 'eagle' })).toThrow(/spec-decode.*one of mtp, draft/);
  });
});

describe('decodeStep with several queries per sequence (a verification pass)', () => {
  const d = deployOnH100(deepseek, { devices: 8, tp: 8 });
  const one = decodeStep(d, 4096, 4, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
  const three = decodeStep(d, 4096, 4, DEFAULT_EFFICIENCY, DEFAULT_ROUTING, 3);
  it('reads the KV cache once but touches the experts of three times the tokens', () => {
    expect(three.kvReadBytes).toBe(one.kvReadBytes);
    expect(three.distinctExpertsPerLayer).toBeGreaterThan(one.distinctExpertsPerLayer);
    expect(three.flops).toBeGreaterThan(2.5 * one.flops);
  });
});
