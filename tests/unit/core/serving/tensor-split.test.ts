import { describe, expect, it } from 'vitest';
import { attentionParamsPerRank } from '../../../../src/lib/core/serving/tensor-split.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

describe('what one tensor-parallel rank holds of attention', () => {
  it("attentionParamsPerRank keeps MLA's down-projections whole on every TP rank (vLLM models/deepseek_v2.py ReplicatedLinear)", () => {
    // q_a 7168x1536 + q_a_layernorm 1536 + kv_a_proj_with_mqa 7168x576 + kv_a_layernorm 512
    // = 15,140,864 replicated; the other 171,966,464 split 8 ways = 21,495,808
    const mla = fixtureSpec('deepseek-v3').attention;
    expect(attentionParamsPerRank(7168, mla, 8)).toBe(36_636_672);
    expect(attentionParamsPerRank(7168, mla, 1)).toBe(187_107_328);
  });

  it('attentionParamsPerRank keeps one KV head per rank when tp > kvHeads (vLLM QKVParallelLinear)', () => {
    // Qwen3-30B-A3B: 32 q heads, 4 KV heads of 128, hidden 2048, 18,874,624 in all. K and V:
    // 2 x 4 x 128 x 2048 = 2,097,152; at TP 8 each rank keeps one head of each (524,288) and
    // the other 16,777,472 split 8 ways (2,097,184).
    const gqa = fixtureSpec('qwen3-30b-a3b').attention;
    expect(attentionParamsPerRank(2048, gqa, 8)).toBe(2_621_472);
    // At TP 4 every rank has its own KV head: a plain split.
    expect(attentionParamsPerRank(2048, gqa, 4)).toBe(18_874_624 / 4);
  });
});
