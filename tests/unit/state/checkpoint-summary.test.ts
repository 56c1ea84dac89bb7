import { describe, expect, it } from 'vitest';
import type { CheckpointCheck } from '../../../src/lib/core/index.ts';
import { describeCheck, notChecked } from '../../../src/lib/state/checkpoint-summary.ts';

const check = (over: Partial<CheckpointCheck>): CheckpointCheck => ({
  tensors: 995,
  total: 46_702_792_704,
  matches: true,
  differences: [],
  extras: [],
  unknown: [],
  ...over,
});

describe('describeCheck', () => {
  it('a match is one line, with the total to the parameter', () => {
    expect(describeCheck(check({}), 46_702_792_704)).toEqual({
      matches: true,
      lines: [
        'Checked against the checkpoint: 995 tensors, total matches to the parameter (46,702,792,704).',
      ],
    });
  });

  it('a difference is named by component, signed checkpoint minus count; extras and unnamed tensors apart', () => {
    const summary = describeCheck(
      check({
        total: 100,
        matches: false,
        differences: [
          { component: 'routedExperts', parameters: -40 },
          { component: 'norms', parameters: 8 },
          { component: 'unknown', parameters: 32 },
        ],
        extras: [
          { kind: 'mtp', tensors: 19, elements: 11_534_336 },
          { kind: 'scale', tensors: 1, elements: 64 },
        ],
        unknown: ['a.x', 'b.x', 'c.x', 'd.x'],
      }),
      100 + 40 - 8 - 32,
    );
    expect(summary).toEqual({
      matches: false,
      lines: [
        "Checked against the checkpoint: 995 tensors hold 100 parameters, not the count's 100.",
        'Checkpoint minus count: Routed experts −40; Norms +8; tensors no rule names +32.',
        'Tensors no rule names: a.x, b.x, c.x and 1 more.',
        'Stored apart, not parameters of inference: MTP layers (counted apart), 19 tensors of 11,534,336 values; quantization scales (FP8, MXFP4), 1 tensor of 64 values.',
      ],
    });
  });

  it('notChecked gives the reason', () => {
    expect(notChecked('no safetensors')).toEqual({
      matches: null,
      lines: ['Not checked against the checkpoint: no safetensors'],
    });
  });
});
