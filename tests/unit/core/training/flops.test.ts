import { describe, expect, it } from 'vitest';
import {
  countParams,
  findPreset,
  parseHFConfig,
  presetSpec,
  type ModelSpec,
} from '../../../../src/lib/core/index.ts';
import {
  attentionScoreFlopsPerToken,
  trainingFlopsPerToken,
} from '../../../../src/lib/core/training/flops.ts';
import { moreModelConfig, readJson } from '../../helpers/fixtures.ts';

const spec = (id: string) => presetSpec(findPreset(id)!);
const llama8b = spec('llama3.1-8b');
const llama405b = spec('llama3.1-405b');
const scout = spec('llama4-scout');
const deepseekV3 = spec('deepseek-v3');
const deepseekV2 = parseHFConfig(moreModelConfig('deepseek-v2'));

describe('attentionScoreFlopsPerToken', () => {
  it('attentionScoreFlopsPerToken(Llama 3.1 8B, 8192) is 3 x 32 layers x 4 x 32 heads x 128 x 4096.5', () => {
    // forward QK^T + AV: 4·H·Q per attended token; causal mean (T + 1) / 2; backward 2x
    expect(attentionScoreFlopsPerToken(llama8b, 8192)).toBe(3 * 32 * 4 * 32 * 128 * 4096.5);
  });

  it('the full mask is PaLM appendix B 12·L·H·Q·T', () => {
    expect(attentionScoreFlopsPerToken(llama8b, 8192, 'full')).toBe(12 * 32 * 32 * 128 * 8192);
  });

  it('Scout: chunked layers (3 of 4) stop at the 8192 chunk; global layers keep growing', () => {
    // 48 layers: 36 chunked (8192), 12 global. At T = 4 x 8192 causal, a chunked query attends
    // to 4096.5 tokens on average, a global one to 16384.5.
    const perToken = 3 * 4 * 40 * 128;
    expect(attentionScoreFlopsPerToken(scout, 32768)).toBeCloseTo(
      perToken * (36 * 4096.5 + 12 * 16384.5),
      0,
    );
  });

  it('MLA counts q/k width 192 (128 nope + 64 rope) and v width 128 (DeepSeek-V3)', () => {
    // 61 layers x 128 heads x 2 x (192 + 128) per attended token, causal T = 4096
    expect(attentionScoreFlopsPerToken(deepseekV3, 4096)).toBe(
      3 * 61 * 2 * 128 * (128 + 64 + 128) * 2048.5,
    );
  });

  it('state (linear-attention) layers add no quadratic term', () => {
    const allState: ModelSpec = {
      ...llama8b,
      attentionPattern: [{ window: { kind: 'global' }, rope: true, mixer: 'state' }],
    };
    expect(attentionScoreFlopsPerToken(allState, 8192)).toBe(0);
  });
});

describe('trainingFlopsPerToken', () => {
  it('trainingFlopsPerToken(Llama 3.1 405B, 8192) is 6N + attention = 2.524e12 (≈2.54 TFLOPs in folu.me/post/deepseek)', () => {
    const f = trainingFlopsPerToken(llama405b, countParams(llama405b), { seqLen: 8192 });
    // N: 126 layers + lm_head 128256 x 16384, embedding excluded
    expect(f.matmulParams).toBe(
      countParams(llama405b).activeExcludingEmbedding - 126 * 2 * 16384 - 16384,
    );
    expect(f.dense).toBe(6 * f.matmulParams);
    expect(f.attention).toBe(3 * 126 * 4 * 128 * 128 * 4096.5);
    expect(f.total).toBe(f.dense + f.attention);
    expect(f.total / 1e12).toBeCloseTo(2.524, 3);
  });

  // Insights into DeepSeek-V3 (arXiv 2505.09343) Table 2: training GFLOPs per token at T = 4096
  const facts = (
    readJson('training-runs.json') as { flopsPerTokenFacts: { values: Record<string, number> }[] }
  ).flopsPerTokenFacts[0]!.values;
  it.each([
    ['deepseek-v3', deepseekV3, facts['deepseek-v3']!, 0.01],
    ['deepseek-v2', deepseekV2, facts['deepseek-v2']!, 0.01],
    // DeepSeek's 2448 leaves out the lm_head (2 x 3 x 2.1e9 = 12.6e9) and counts norms' weights
    ['llama3.1-405b', llama405b, facts['llama3.1-405b']!, 0.015],
  ] as const)(
    'trainingFlopsPerToken(%s, 4096) matches DeepSeek Table 2',
    (_, s, published, tol) => {
      const f = trainingFlopsPerToken(s, countParams(s), { seqLen: 4096 });
      expect(Math.abs(f.total / published - 1)).toBeLessThan(tol);
    },
  );

  it('the router is part of 6N (routing FLOPs are the router matmul), the embedding is not', () => {
    const counts = countParams(deepseekV3);
    const f = trainingFlopsPerToken(deepseekV3, counts, { seqLen: 4096 });
    expect(f.breakdown.router).toBe(6 * counts.activeBreakdown.router);
    const sum = Object.values(f.breakdown).reduce((a, b) => a + b, 0);
    expect(sum).toBe(f.total);
  });

  it('a tied lm_head still counts its vocab x hidden matmul', () => {
    const tied = { ...llama8b, tieEmbeddings: true };
    const f = trainingFlopsPerToken(tied, countParams(tied), { seqLen: 8192 });
    expect(f.breakdown.lmHead).toBe(6 * 128256 * 4096);
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'trainingFlopsPerToken(seqLen %s) throws naming seqLen',
    (seqLen) => {
      expect(() => trainingFlopsPerToken(llama8b, countParams(llama8b), { seqLen })).toThrow(
        /seqLen/,
      );
    },
  );
});

describe('trainingFlopsPerToken with frozen weights (LoRA, QLoRA)', () => {
  it('costs the matmuls 4N instead of 6N and keeps the attention scores', () => {
    const counts = countParams(scout);
    const full = trainingFlopsPerToken(scout, counts, { seqLen: 8192 });
    const lora = trainingFlopsPerToken(scout, counts, { seqLen: 8192, frozenWeights: true });
    expect(lora.dense).toBeCloseTo((full.dense * 2) / 3, 0);
    expect(lora.attention).toBe(full.attention);
    expect(lora.matmulParams).toBe(full.matmulParams);
  });
});
