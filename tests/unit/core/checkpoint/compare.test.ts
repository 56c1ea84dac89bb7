import { describe, expect, it } from 'vitest';
import { checkCheckpoint } from '../../../../src/lib/core/checkpoint/compare.ts';
import { countParams } from '../../../../src/lib/core/params/count.ts';
import { expectedParams, fixtureSpec } from '../../helpers/fixtures.ts';
import { MIXTRAL_8X7B, mixtralTensors } from '../../helpers/checkpoint-tensors.ts';

describe('checkCheckpoint', () => {
  const count = countParams(fixtureSpec('mixtral-8x7b'));
  const tensors = mixtralTensors(MIXTRAL_8X7B);

  it("Mixtral-8x7B's tensors hold exactly the count: 46,702,792,704 (Hugging Face safetensors total)", () => {
    const check = checkCheckpoint(tensors, count, 32);
    expect(check.total).toBe(expectedParams['mixtral-8x7b']!.total);
    expect(check).toMatchObject({ tensors: 995, matches: true, differences: [], extras: [] });
  });

  it('a missing expert shows as a difference in the routed experts, by its size', () => {
    const missing = tensors.filter(
      (t) => !t.name.startsWith('model.layers.5.block_sparse_moe.experts.3.'),
    );
    const check = checkCheckpoint(missing, count, 32);
    expect(check.matches).toBe(false);
    // One expert: w1, w3 [14336, 4096] and w2 [4096, 14336] = 3 x 14336 x 4096.
    expect(check.differences).toEqual([
      { component: 'routedExperts', parameters: -3 * 14336 * 4096 },
    ]);
  });

  it('FP8 scales, rotary buffers and MTP layers are set apart and named, not counted', () => {
    const stored = [
      ...tensors,
      {
        name: 'model.layers.0.block_sparse_moe.experts.0.w1.weight_scale_inv',
        dtype: 'F32',
        shape: [112, 32],
      },
      { name: 'model.layers.0.self_attn.rotary_emb.inv_freq', dtype: 'F32', shape: [64] },
      { name: 'model.layers.32.eh_proj.weight', dtype: 'BF16', shape: [4096, 8192] },
    ];
    const check = checkCheckpoint(stored, count, 32);
    expect(check.matches).toBe(true);
    expect(check.extras).toEqual([
      { kind: 'scale', tensors: 1, elements: 112 * 32 },
      { kind: 'buffer', tensors: 1, elements: 64 },
      { kind: 'mtp', tensors: 1, elements: 4096 * 8192 },
    ]);
  });

  it('a tensor no rule places is counted as unknown and listed by name', () => {
    const check = checkCheckpoint(
      [...tensors, { name: 'extra.thing', dtype: 'F32', shape: [10] }],
      count,
      32,
    );
    expect(check.differences).toEqual([{ component: 'unknown', parameters: 10 }]);
    expect(check.unknown).toEqual(['extra.thing']);
  });
});
