import { describe, expect, it } from 'vitest';
import { findPreset } from '../../../src/lib/core/index.ts';
import { readFieldEdits, readImported } from '../../../src/lib/share/decode-imported.ts';

/** readImported of a query on its `m` preset, with its warnings. */
function read(query: string) {
  const params = new URLSearchParams(query);
  const warnings: string[] = [];
  const source = readImported(params, warnings, findPreset(params.get('m') ?? 'llama4-scout')!);
  return { source, warnings };
}

describe('readImported', () => {
  it("readImported('m=mixtral-8x7b&x.num_experts_per_tok=3&mn=Mine') is the preset's config with the edit, named", () => {
    expect(read('m=mixtral-8x7b&x.num_experts_per_tok=3&mn=Mine')).toEqual({
      source: {
        kind: 'config',
        name: 'Mine',
        json: { ...findPreset('mixtral-8x7b')!.config, num_experts_per_tok: 3 },
      },
      warnings: [],
    });
  });

  it('readImported of an edit the model refuses is the preset, with a warning naming the edit', () => {
    const { source, warnings } = read('m=mixtral-8x7b&x.num_local_experts=-16');
    expect(source).toEqual({ kind: 'preset', id: 'mixtral-8x7b' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^x\.num_local_experts: .*-16.*showing Mixtral 8x7B$/);
  });

  it('an edit valid only beside one left out as unread is refused, not handed to the model (fuzz seed 2547015293)', () => {
    // quantization_config=true, made an object again by an edit of a field the reader does not
    // read: without that edit, the config the link gives fails to build.
    const { source, warnings } = read(
      'm=qwen3-235b-a22b&x.quantization_config=true&x.quantization_config.activation_scheme=["a"]',
    );
    expect(source).toEqual({ kind: 'preset', id: 'qwen3-235b-a22b' });
    expect(warnings).toEqual([
      "x.quantization_config: expected an object, got true; the link's config is not used, showing Qwen3-235B-A22B",
    ]);
  });
});

describe('readFieldEdits', () => {
  it('reads the first of a repeated x.<field> (checkKeys says it was repeated)', () => {
    const edits = readFieldEdits(
      new URLSearchParams('x.hidden_size=1&x.hidden_size=2&x.vocab_size='),
      [],
    );
    expect(edits).toEqual([
      ['hidden_size', 1],
      ['vocab_size', undefined],
    ]);
  });

  it('refuses prototype paths, non-JSON values and objects, each with a warning', () => {
    const warnings: string[] = [];
    const edits = readFieldEdits(
      new URLSearchParams('x.__proto__.a=1&x.hidden_size=oops&x.rope_scaling=%7B%7D'),
      warnings,
    );
    expect(edits).toEqual([]);
    expect(warnings).toHaveLength(3);
  });
});
