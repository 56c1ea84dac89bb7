import { expect, it } from 'vitest';
import { stateMixerName } from '../../../../src/lib/core/index.ts';

it('stateMixerName names each linear-attention and state-space mixer', () => {
  expect(
    stateMixerName({
      kind: 'gated_deltanet',
      keyHeads: 16,
      valueHeads: 32,
      keyHeadDim: 128,
      valueHeadDim: 128,
      convKernel: 4,
    }),
  ).toBe('Gated DeltaNet');
  expect(stateMixerName({ kind: 'kda', heads: 32, headDim: 128, convKernel: 4 })).toBe(
    'Kimi Delta Attention',
  );
  expect(stateMixerName({ kind: 'lightning', heads: 64, headDim: 128 })).toBe(
    'lightning attention',
  );
});
