import { describe, expect, it } from 'vitest';
import { resolveExplorer } from '../../../src/lib/core/index.ts';
import {
  findQuestion,
  QUESTIONS,
  questionEmbedQuery,
  questionLink,
} from '../../../src/lib/share/questions.ts';
import { decode } from '../../../src/lib/share/url-codec.ts';
import { readPresentation } from '../../../src/lib/share/presentation.ts';

describe('guided questions', () => {
  it('are the four questions of the Llama 4 launch, in order', () => {
    expect(QUESTIONS.map((q) => q.question)).toEqual([
      'What does 17B active mean?',
      "Does Scout's 10M context fit on one node?",
      '16 experts or 128?',
      'What does Maverick cost to serve?',
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
    },
  );

  it('"10M" is 10,000,000 tokens, and Scout at 10M does not fit 8 x H100 in BF16', () => {
    const serving = resolveExplorer(findQuestion('scout-10m')!.config).serving!;
    expect(findQuestion('scout-10m')!.config.deployment.contextTokens).toBe(10_000_000);
    // The hybrid BF16 cache fits up to 8,036,144 tokens on 8 x H100 (ServingPanel tests).
    expect(serving.fits).toBe(false);
    expect(serving.maxContextTokens).toBe(8_036_144);
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
