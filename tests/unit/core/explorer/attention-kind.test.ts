import { describe, expect, it } from 'vitest';
import {
  archValues,
  attentionKind,
  attentionKindChoices,
  DEFAULT_GQA_KV_HEADS,
  gqaKvHeads,
  kvHeadsForKind,
  parseHFConfig,
  type ArchValues,
} from '../../../../src/lib/core/index.ts';
import { fixtureSpec, moreModelConfig } from '../../helpers/fixtures.ts';

const scout = archValues(fixtureSpec('llama4-scout')); // 40 query heads, 8 KV heads
const olmoe = archValues(parseHFConfig(moreModelConfig('olmoe-1b-7b'))); // 16 and 16: MHA
const mqa: ArchValues = { ...scout, kvHeads: 1 };

describe('attentionKind', () => {
  it.each([
    ['Scout (40 heads, 8 KV heads)', 'gqa', scout, false],
    ['OLMoE (16 heads, 16 KV heads)', 'mha', olmoe, false],
    ['Scout with 1 KV head', 'mqa', mqa, false],
    ['DeepSeek-V3', 'mla', archValues(fixtureSpec('deepseek-v3')), true],
  ])('attentionKind(%s) is %s', (_, kind, arch, mla) => {
    expect(attentionKind(arch, mla)).toBe(kind);
  });
});

describe('attentionKindChoices', () => {
  it("attentionKindChoices(Scout) states each kind's KV heads: 40, the current 8, 1", () => {
    expect(attentionKindChoices(scout, false)).toEqual([
      { value: 'mha', label: 'MHA (40 KV heads)' },
      { value: 'gqa', label: 'GQA (8 KV heads)' },
      { value: 'mqa', label: 'MQA (1 KV head)' },
    ]);
  });

  it('attentionKindChoices of an MHA model offers GQA with 8 KV heads (Llama 3 and 4)', () => {
    expect(DEFAULT_GQA_KV_HEADS).toBe(8);
    expect(attentionKindChoices(olmoe, false)[1]).toEqual({
      value: 'gqa',
      label: 'GQA (8 KV heads)',
    });
  });

  it('attentionKindChoices of DeepSeek-V4 offers only its compressed MQA, which switches nothing', () => {
    expect(attentionKindChoices(scout, true, true)).toEqual([
      { value: 'compressed', label: 'Compressed MQA (CSA and HCA)' },
    ]);
    expect(attentionKind(scout, true, true)).toBe('compressed');
    expect(kvHeadsForKind('compressed', scout)).toBeNull();
  });

  it('attentionKindChoices of an MLA model offers only MLA', () => {
    expect(attentionKindChoices(scout, true)).toEqual([{ value: 'mla', label: 'MLA (latent KV)' }]);
  });
});

describe('kvHeadsForKind', () => {
  it.each([
    ['mha', 'Scout', 40, scout],
    ['mqa', 'Scout', 1, scout],
    ['gqa', 'Scout', null, scout], // already GQA
    ['gqa', 'OLMoE', 8, olmoe],
    ['gqa', 'Scout with 1 KV head', 8, mqa],
    ['mla', 'Scout', null, scout], // a GQA model cannot become MLA
  ] as const)('kvHeadsForKind(%s, %s) is %s', (kind, _, heads, arch) => {
    expect(kvHeadsForKind(kind, arch)).toBe(heads);
  });

  it('kvHeadsForKind(gqa) of an 8-head MHA model makes GQA: fewer KV heads than heads, more than 1', () => {
    const kvHeads = kvHeadsForKind('gqa', { ...olmoe, heads: 8, kvHeads: 8 })!;
    expect(attentionKind({ ...olmoe, heads: 8, kvHeads }, false)).toBe('gqa');
  });
});

describe('gqaKvHeads', () => {
  it.each([
    [40, 8], // Llama 4: 40 query heads, 8 KV heads
    [64, 8],
    [16, 8],
    [8, 4], // 8 would be MHA: the largest divisor below the heads
    [6, 3],
    [4, 2],
    [3, null], // only MQA (1) or MHA (3)
    [2, null],
    [1, null],
  ])('gqaKvHeads(%i) is %s', (heads, expected) => {
    expect(gqaKvHeads(heads)).toBe(expected);
  });

  it('attentionKindChoices of a 2-head model offers MHA and MQA only', () => {
    const two = { ...olmoe, heads: 2, kvHeads: 2 };
    expect(attentionKindChoices(two, false).map((c) => c.value)).toEqual(['mha', 'mqa']);
  });
});
