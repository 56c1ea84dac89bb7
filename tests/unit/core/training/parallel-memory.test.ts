import { describe, expect, it } from 'vitest';
import { countParams } from '../../../../src/lib/core/index.ts';
import {
  resolveTrainingLayout,
  stageParamsPerGpu,
} from '../../../../src/lib/core/training/parallel-memory.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

const llama = fixtureSpec('llama3.1-8b');
const mixtral = fixtureSpec('mixtral-8x7b');
const deepseek = fixtureSpec('deepseek-v3');

describe('resolveTrainingLayout', () => {
  it('dp = gpus / (tp·pp·cp) and edp = gpus / (etp·ep·pp) (Megatron-Core parallel folding)', () => {
    // DeepSeek-V3's pre-training: 2048 H800s, PP 16, EP 64, no TP (report §3.2).
    expect(resolveTrainingLayout(deepseek, { gpus: 2048, pp: 16, ep: 64 })).toEqual({
      gpus: 2048,
      tp: 1,
      pp: 16,
      cp: 1,
      ep: 64,
      etp: 1,
      dp: 128,
      edp: 2,
    });
  });

  it('etp defaults to tp without expert parallel, to 1 with it', () => {
    expect(resolveTrainingLayout(mixtral, { gpus: 8, tp: 8 }).etp).toBe(8);
    expect(resolveTrainingLayout(mixtral, { gpus: 16, tp: 2, ep: 8 }).etp).toBe(1);
  });

  const bad: [string, Parameters<typeof resolveTrainingLayout>[1], string][] = [
    [
      'tp·pp·cp not dividing the GPUs',
      { gpus: 12, tp: 8 },
      'tp x pp x cp: expected a divisor of the 12 GPUs',
    ],
    [
      'tp not dividing the heads',
      { gpus: 48, tp: 3 },
      'tp: expected a divisor of the 32 attention heads',
    ],
    ['ep on a dense model', { gpus: 8, ep: 2 }, 'ep: expected 1 for a dense model'],
    ['pp over the layers', { gpus: 64, pp: 64 }, 'pp: expected at most the number of layers (32)'],
    ['a zero', { gpus: 8, cp: 0 }, 'cp: expected an integer >= 1, got 0'],
  ];
  for (const [what, options, message] of bad) {
    it(`names the field: ${what}`, () => {
      expect(() => resolveTrainingLayout(llama, options)).toThrow(message);
    });
  }

  it('names the field when ep does not divide the experts or the expert group is not whole', () => {
    expect(() => resolveTrainingLayout(mixtral, { gpus: 24, ep: 3 })).toThrow(
      'ep: expected a divisor of the 8 routed experts, got 3',
    );
    expect(() => resolveTrainingLayout(mixtral, { gpus: 8, tp: 8, ep: 8, etp: 8 })).toThrow(
      'etp x ep x pp: expected a divisor of the 8 GPUs',
    );
  });
});

describe('stageParamsPerGpu', () => {
  it('on one GPU holds every parameter of the model', () => {
    const counts = countParams(llama);
    const [stage] = stageParamsPerGpu(llama, counts, resolveTrainingLayout(llama, { gpus: 1 }));
    expect(stage!.dense + stage!.expert).toBe(counts.total); // 8,030,261,248
    expect(stage!.unquantized).toBe(2 * 128256 * 4096 + 65 * 4096); // embedding, lm_head, 65 norms
  });

  it('splits dense parameters tp ways and routed experts ep·etp ways', () => {
    const counts = countParams(mixtral);
    const layout = resolveTrainingLayout(mixtral, { gpus: 8, tp: 2, ep: 4 });
    const [stage] = stageParamsPerGpu(mixtral, counts, layout);
    const experts = counts.breakdown.routedExperts;
    expect(stage!.expert).toBe(experts / 4);
    expect(stage!.dense).toBe((counts.total - experts) / 2);
  });

  it('puts the embedding on the first stage and the lm_head on the last', () => {
    const counts = countParams(llama);
    const stages = stageParamsPerGpu(
      llama,
      counts,
      resolveTrainingLayout(llama, { gpus: 4, pp: 4 }),
    );
    const layer = counts.layers[0]!.total;
    const embedding = 128256 * 4096;
    expect(stages.map((s) => s.layers.length)).toEqual([8, 8, 8, 8]);
    expect(stages[0]!.dense).toBe(8 * layer + embedding);
    expect(stages[1]!.dense).toBe(8 * layer);
    expect(stages[3]!.dense).toBe(8 * layer + embedding + 4096); // lm_head and final norm
    expect(stages.reduce((n, s) => n + s.dense, 0)).toBe(counts.total);
  });
});
