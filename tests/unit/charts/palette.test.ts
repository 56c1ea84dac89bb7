import { describe, expect, it } from 'vitest';
import { ATTENTION_COLORS, STACK_FFN_COLORS } from '../../../src/lib/charts/palette.ts';

describe('palette', () => {
  it('every block kind of the layer stack has a colour of its own (MLA is not the dense FFN green)', () => {
    const colors = [...Object.values(ATTENTION_COLORS), ...Object.values(STACK_FFN_COLORS)];
    expect(new Set(colors.map((c) => c.toLowerCase())).size).toBe(colors.length);
    expect(ATTENTION_COLORS.mla).not.toBe(STACK_FFN_COLORS.dense);
  });
});
