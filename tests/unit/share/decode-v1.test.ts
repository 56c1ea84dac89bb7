import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENT, defaultComparison, findPreset } from '../../../src/lib/core/index.ts';
import { decodeV1 } from '../../../src/lib/share/decode-v1.ts';

/** decodeV1 of a query, with the warnings it adds. */
function read(query: string) {
  const warnings: string[] = [];
  const decoded = decodeV1(new URLSearchParams(query), warnings);
  expect(decoded.warnings).toBe(warnings);
  return decoded;
}

describe('decodeV1', () => {
  it("decodeV1('m=dbrx&k=2&n=16&ep=16&tp=1') reads the preset, top-k and an expert-parallel layout", () => {
    const { config, warnings } = read('m=dbrx&k=2&n=16&ep=16&tp=1');
    expect(warnings).toEqual([]);
    expect(config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(config.arch).toEqual({ topK: 2 });
    expect(config.deployment).toEqual({ ...DEFAULT_DEPLOYMENT, devices: 16, ep: 16, tp: 1 });
  });

  it('decodeV1 reads formats, KV settings, the price and the view', () => {
    const { config, view, warnings } = read('w=fp8&ew=mxfp4&kd=fp8&kl=full&usd=2.5&u=GiB&th=dark');
    expect(warnings).toEqual([]);
    expect(config.deployment).toMatchObject({
      weights: 'fp8',
      expertWeights: 'mxfp4',
      kvDtype: 'fp8',
      kvLayout: 'full',
      usdPerHour: 2.5,
    });
    expect(view).toEqual({ unit: 'GiB', theme: 'dark' });
  });

  it('decodeV1 of an unknown preset shows the default one, with a warning', () => {
    const { config, warnings } = read('m=gpt-5');
    expect(config.source).toEqual({ kind: 'preset', id: 'llama4-scout' });
    expect(warnings).toEqual(['m: expected a preset id, got "gpt-5"; showing llama4-scout']);
  });

  it('decodeV1 of a repeated parameter uses the first value, with a warning', () => {
    const { config, warnings } = read('b=8&b=16');
    expect(config.deployment.batch).toBe(8);
    expect(warnings).toEqual(['b: given 2 times; the first value is used']);
  });

  it.each([
    ['n=1.5', 'n (GPUs): expected a whole number from 1 to 1024, got "1.5"; ignored'],
    ['sk=3', 'sk (Routing skew): expected a number from 0 to 2, got "3"; ignored'],
    [
      'ctx=0x10',
      'ctx (Context length): expected a whole number from 1 to 16777216, got "0x10"; ignored',
    ],
    [
      'w=FP8',
      'w: expected one of fp32, bf16, fp16, fp8, int8, int4, int4_g32, w4a8, mxfp4, nvfp4, q8_0, q6_k, q5_k_m, q4_k_m, q3_k_m, q2_k, got "FP8"; ignored',
    ],
    ['g=tpu-v9', 'g: expected one of h100-sxm, h100-pcie, h200'],
  ])('decodeV1(%j) ignores the value: %s', (query, warning) => {
    const { warnings } = read(query);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(warning);
  });

  it("decodeV1 of field edits makes an imported config: the preset's with the edits, named '<preset> (edited)'", () => {
    const { config, warnings } = read('m=mixtral-8x7b&x.num_experts_per_tok=3');
    expect(warnings).toEqual([]);
    expect(config.source).toEqual({
      kind: 'config',
      name: 'Mixtral 8x7B (edited)',
      json: { ...findPreset('mixtral-8x7b')!.config, num_experts_per_tok: 3 },
    });
  });

  it('decodeV1 of mn names the imported config, cut to 120 characters, with a warning', () => {
    const { config, warnings } = read(`m=dbrx&mn=${'n'.repeat(200)}`);
    expect(config.source).toMatchObject({ kind: 'config', name: 'n'.repeat(120) });
    expect(warnings).toEqual(['mn: 200 characters, cut to the first 120']);
  });

  it('decodeV1 of an edit that is a list keeps it; of an object refuses it', () => {
    const list = read('x.mlp_only_layers=%5B0%2C1%5D&m=qwen3-30b-a3b');
    expect(list.warnings).toEqual([]);
    expect(list.config.source).toMatchObject({ json: { mlp_only_layers: [0, 1] } });
    const object = read('x.rope_scaling=%7B%22a%22%3A1%7D');
    expect(object.warnings).toEqual([
      'x.rope_scaling: expected a number, string, boolean or list, got "{\\"a\\":1}"; ignored',
    ]);
  });

  it('decodeV1 drops an arch value the model cannot take, and keeps the rest (32 heads over 5 KV heads)', () => {
    const { config, warnings } = read('m=mixtral-8x7b&L=16&kv=5');
    expect(config.arch).toEqual({ layers: 16 });
    expect(warnings).toEqual([
      'kv: num_key_value_heads: expected a divisor of num_attention_heads (32), got 5; ignored',
    ]);
  });

  it('decodeV1 reads the comparison: cs=0, the shared GPU, count and precision, and the pins', () => {
    const { compare, warnings } = read('cs=0&cg=b200&cn=4&cw=nvfp4&p=dbrx,k:2&p=kimi-k2');
    expect(warnings).toEqual([]);
    expect(compare.settings).toEqual({
      same: false,
      deviceId: 'b200',
      devices: 4,
      weights: 'nvfp4',
    });
    expect(compare.pins.map((p) => p.source)).toEqual([
      { kind: 'preset', id: 'dbrx' },
      { kind: 'preset', id: 'kimi-k2' },
    ]);
  });

  it('decodeV1 without comparison parameters gives the default comparison', () => {
    const { compare } = read('m=dbrx');
    expect(compare).toEqual(defaultComparison());
  });

  it.each([
    ['cg=h900', 'cg: expected one of h100-sxm, '],
    ['cn=0', 'cn (GPUs): expected a whole number from 1 to 1024, got "0"; ignored'],
    ['cw=fp7', 'cw: expected one of fp32, bf16, '],
    ['cs=off', 'cs: expected one of 0, 1, got "off"; ignored'],
  ])('decodeV1(%s) keeps the default comparison setting and warns: %s', (query, warning) => {
    const { compare, warnings } = read(query);
    expect(compare.settings).toEqual(defaultComparison().settings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(warning);
  });
});
