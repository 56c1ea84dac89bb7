import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countParams,
  deviceBudgetBytes,
  estimateServing,
  findDevice,
  outsideBytes,
  parseHFConfig,
  resolveServing,
  SGLANG_V4_PAGE_TOKENS,
  sglangV4BytesPerFullToken,
  sglangV4RequestStateBytes,
  sglangV4SequenceBytes,
  stageBytesPerFullToken,
  stageKvPoolBytes,
  usesSglangV4Pools,
  type ModelSpec,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { layerKind } from '../../../../src/lib/core/model/layers.ts';
import { FIXTURES } from '../../helpers/fixtures.ts';

/** Verbatim Hub config.json files (origins: docs/research/families/deepseek_v4.md §1). */
const read = (file: string) =>
  parseHFConfig(
    JSON.parse(readFileSync(join(FIXTURES, 'new-families', file), 'utf8')) as Record<
      string,
      unknown
    >,
  );
const flash = read('deepseek-v4-flash.config.json');
const pro = read('deepseek-v4-pro.config.json');

/** Each attention kind of the model and its layers, as a stage of every layer groups them. */
function groups(spec: ModelSpec) {
  const counts = new Map<ReturnType<typeof layerKind>, number>();
  for (let i = 0; i < spec.layers; i++) {
    const kind = layerKind(spec, i);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => ({ kind, count })) as Parameters<
    typeof sglangV4BytesPerFullToken
  >[1];
}

describe("SGLang's bytes per full token (DSV4PoolConfigurator)", () => {
  it('V4-Flash at ratio 0.1, HCA state request-scoped: 7,705.45, as SGLang prints it', () => {
    // "DSV4 memory calculation: bytes_per_full_token=7705.45" (V4-Flash, 43 layers: 21 CSA,
    // 20 HCA, 2 window-only): 0.1 x 584 x 43 + 584 / 4 x 21 + 584 / 128 x 20 + 132 / 4 x 21
    // + 0.1 x 8 / 128 x 8,192 x 21 + 0.1 x 8 / 128 x 2,048 x 21
    expect(sglangV4BytesPerFullToken(flash, groups(flash), 0.1, false, true)).toBeCloseTo(
      7705.45,
      6,
    );
  });
  it('V4-Pro at ratio 0.15: 32,781.44 with the HCA state per token (SGLang 0.5.13), 13,735.04 request-scoped (printed to 2 decimals)', () => {
    // The MI355X log of SGLang 0.5.13: "bytes_per_full_token=32781.44"; 0.5.15: 13735. The
    // difference is the HCA state, 0.15 x 128 / 128 x 4,096 x 31 = 19,046.4.
    expect(sglangV4BytesPerFullToken(pro, groups(pro), 0.15, false, false)).toBeCloseTo(
      32781.44,
      2,
    );
    expect(sglangV4BytesPerFullToken(pro, groups(pro), 0.15, false, true)).toBeCloseTo(13735.04, 2);
  });
  it('with speculative decoding the rings double and every byte is taken (L + 1) / L', () => {
    // V4-Flash: the two state terms, 1,075.2 and 268.8, double; 43 layers
    const plain = 2511.2 + 3066 + 91.25 + 693;
    expect(sglangV4BytesPerFullToken(flash, groups(flash), 0.1, true, true)).toBeCloseTo(
      ((plain + 2 * (1075.2 + 268.8)) * 44) / 43,
      6,
    );
  });
  it('is 0 for a model without compressed attention', () => {
    const dsv3 = parseHFConfig(
      JSON.parse(readFileSync(join(FIXTURES, 'models', 'deepseek-v3.json'), 'utf8')) as Record<
        string,
        unknown
      >,
    );
    expect(sglangV4BytesPerFullToken(dsv3, groups(dsv3), 0.1, false, true)).toBe(0);
  });
});

describe("SGLang's request-scoped HCA state", () => {
  it('V4-Pro, 256 requests: ceil128(257 x 128 + 128 + 1) = 33,152 rows x 4,096 bytes x 31 HCA layers', () => {
    expect(sglangV4RequestStateBytes(pro, groups(pro), 256, false)).toBe(33_152 * 4096 * 31);
  });
  it('V4-Pro, 64 requests a rank: 8,576 rows, the 1.01 GiB SGLang 0.5.15.post1 prints (c128_state_fixed)', () => {
    // 8 x MI355X, 512 running requests over 8 DP ranks: "c128_state_fixed=1.01 GB"
    expect(sglangV4RequestStateBytes(pro, groups(pro), 64, false)).toBe(8576 * 4096 * 31);
    expect((8576 * 4096 * 31) / 2 ** 30).toBeCloseTo(1.01, 2);
  });
  it('doubles its ring under speculative decoding: ceil128(257 x 256 + 256 + 1) = 66,176 rows', () => {
    expect(sglangV4RequestStateBytes(pro, groups(pro), 256, true)).toBe(66_176 * 4096 * 31);
  });
});

describe('a DeepSeek-V4 deployment on SGLang', () => {
  const h200 = findDevice('h200')!;
  const options: ServingOptions = {
    device: h200,
    devices: 8,
    tp: 8,
    contextTokens: 9216,
    batch: 64,
    memory: { engine: 'sglang', utilization: 0.88 },
  };
  const r = resolveServing(pro, options);
  const d = r.deployment;

  it('uses the pools under SGLang only', () => {
    expect(usesSglangV4Pools(d)).toBe(true);
    const vllm = resolveServing(pro, { ...options, memory: { engine: 'vllm' } }).deployment;
    expect(usesSglangV4Pools(vllm)).toBe(false);
  });
  it('sets the request-scoped HCA state of 256 requests aside before its pools', () => {
    // SGLang's budget, mem_fraction_static x what is free, less 33,152 x 4,096 x 31 bytes
    expect(deviceBudgetBytes(d)).toBe(
      Math.floor(0.88 * (h200.memoryBytes - outsideBytes(8, h200))) - 33_152 * 4096 * 31,
    );
  });
  it('keeps a sequence as its context in whole 256-token pages of full tokens', () => {
    const stage = d.stages[0]!;
    const perToken = stageBytesPerFullToken(d, stage);
    // Pro at ratio 0.1, no draft: 10,993.84 bytes a full token (docs/research/serving-13.md)
    expect(perToken).toBeCloseTo(10993.84, 2);
    expect(sglangV4SequenceBytes(d, stage, 9216, d.kvLayout)).toBe(Math.ceil(9216 * perToken));
    // one token more takes a page more: 37 pages of 256
    expect(sglangV4SequenceBytes(d, stage, 9217, d.kvLayout)).toBe(Math.ceil(9472 * perToken));
    // a decode step reads what the model keeps, not the pools
    expect(sglangV4SequenceBytes(d, stage, 9216, 'read')).toBeNull();
  });
  it("follows the deployment's ratio and its release's HCA rule: 32,781.44 at 0.15 on 0.5.13", () => {
    const old = resolveServing(pro, {
      ...options,
      memory: { engine: 'sglang', swaFullTokensRatio: 0.15, hcaStatePerRequest: false },
    }).deployment;
    expect(stageBytesPerFullToken(old, old.stages[0]!)).toBeCloseTo(32781.44, 2);
    // nothing set aside: the HCA states are in the pools
    expect(deviceBudgetBytes(old)).toBe(
      Math.floor(old.memory.utilization * (h200.memoryBytes - outsideBytes(8, h200))),
    );
  });
  it('refuses a ratio out of (0, 1] and one given to another engine', () => {
    const ratio = (engine: 'sglang' | 'vllm', swaFullTokensRatio: number) => () =>
      resolveServing(pro, { ...options, memory: { engine, swaFullTokensRatio } });
    expect(ratio('sglang', 2)).toThrow(/swa full tokens ratio/);
    expect(ratio('vllm', 0.2)).toThrow(/SGLang's setting/);
  });
  it('prints its capacity in full tokens: the pool over the bytes of one, in whole pages', () => {
    const e = estimateServing(pro, options, countParams(pro));
    const stage = d.stages[0]!;
    const pool = stageKvPoolBytes(d, stage);
    expect(e.kvCapacityTokens).toBe(
      Math.floor(pool / stageBytesPerFullToken(d, stage) / SGLANG_V4_PAGE_TOKENS) *
        SGLANG_V4_PAGE_TOKENS,
    );
  });
});
