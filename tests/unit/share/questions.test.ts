import { describe, expect, it } from 'vitest';
import { resolveExplorer } from '../../../src/lib/core/index.ts';
import {
  findQuestion,
  QUESTIONS,
  questionEmbedQuery,
  questionLink,
  questionTraining,
} from '../../../src/lib/share/questions.ts';
import { decode } from '../../../src/lib/share/url-codec.ts';
import { readPresentation } from '../../../src/lib/share/presentation.ts';

describe('guided questions', () => {
  it('are the five questions of the Llama 4 launch, in order', () => {
    expect(QUESTIONS.map((q) => q.question)).toEqual([
      'What does 17B active mean?',
      "Does Scout's 10M context fit on one node?",
      '16 experts or 128?',
      'What does Maverick cost to serve?',
      'What did Llama 4 cost to train?',
    ]);
  });

  it.each(QUESTIONS.map((q) => [q.id, q] as const))(
    '%s is a share link that decodes, without warnings, to its own state',
    (_, question) => {
      const [query, fragment] = questionLink(question).split('#');
      expect(fragment).toBe(question.target);
      const decoded = decode(`?${query}`);
      expect(decoded.warnings).toEqual([]);
      expect(decoded.config).toEqual(question.config);
      expect(decoded.compare).toEqual(question.compare);
      expect(decoded.training).toEqual(questionTraining(question));
    },
  );

  // The Llama 4 card: Scout, 5.0M H100 GPU-hours for ~40T tokens, FP8 per the blog.
  it('"What did Llama 4 cost to train?" opens Scout on the Training view at the GPU-hours card', () => {
    const question = findQuestion('llama4-training')!;
    expect(question.config.source).toEqual({ kind: 'preset', id: 'llama4-scout' });
    expect(questionTraining(question)).toMatchObject({
      tokens: 40e12,
      deviceId: 'h100-sxm',
      precision: 'fp8',
    });
    expect(question.target).toBe('training-gpu-hours-card');
    expect(question.view).toBe('training');
  });

  it('"10M" is 10,000,000 tokens, and Scout at 10M does not fit 8 x H100 in BF16', () => {
    const serving = resolveExplorer(findQuestion('scout-10m')!.config).serving!;
    expect(findQuestion('scout-10m')!.config.deployment.contextTokens).toBe(10_000_000);
    // Under vLLM's policy each H100 may use 0.9 x 81,559 MiB = 76,968,728,985 B, less 27,168,198,784
    // B of weights and 10,837,229,568 B of runtime (the larger of the forward pass, 333,447,168,
    // and the sampler, 8192 x 5120 x 2 of hidden states + 1024 x 202,048 x 39; plus 2.5 GiB of
    // context and communicators), less the 36 chunked layers' 8192 tokens x 512 B:
    // (38,963,300,633 - 150,994,944) / 6144 B per token (12 global layers x 512 B) = 6,317,107,
    // in blocks of 16: 6,317,104 tokens.
    expect(serving.fits).toBe(false);
    expect(serving.maxContextTokens).toBe(6_317_104);
  });

  // Meta's Llama 4 card: Maverick's "FP8 quantized weights fit on a single H100 DGX host".
  it('Maverick in FP8 fits one 8 x H100 node, so the cost question has prices', () => {
    const serving = resolveExplorer(findQuestion('maverick-cost')!.config).serving!;
    expect(serving.fits).toBe(true);
    expect(serving.decodeAt.maxBatch).not.toBeNull();
  });

  it('"16 experts or 128?" compares Scout and Maverick on one GPU and precision', () => {
    const { compare } = findQuestion('experts')!;
    expect(compare.pins.map((p) => p.source)).toEqual([
      { kind: 'preset', id: 'llama4-scout' },
      { kind: 'preset', id: 'llama4-maverick' },
    ]);
    expect(compare.settings.same).toBe(true);
  });

  it('each opens as an embed on the view that answers it', () => {
    for (const question of QUESTIONS) {
      const params = new URLSearchParams(questionEmbedQuery(question));
      const shown = readPresentation(params);
      expect(shown.embed).toBe(true);
      expect(shown.view).toBe(question.view);
    }
  });
});
