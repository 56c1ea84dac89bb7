import { describe, expect, it } from 'vitest';
import { findPreset, nearestPreset } from '../../../src/lib/core/index.ts';
import { importedJson, linkForm } from '../../../src/lib/share/imported-link.ts';

const mixtral = findPreset('mixtral-8x7b')!;

describe('importedJson and linkForm', () => {
  it('importedJson applies the edits to a copy of the preset config', () => {
    const json = importedJson(mixtral, [['num_experts_per_tok', 3]]);
    expect(json).toEqual({ ...mixtral.config, num_experts_per_tok: 3 });
    expect(mixtral.config.num_experts_per_tok).toBe(2);
  });

  it('linkForm of an importedJson is the preset and edits it was made of, without parsing', () => {
    const edits = [['num_experts_per_tok', 3]] as const;
    const json = importedJson(mixtral, edits);
    expect(linkForm(json)).toEqual({ preset: mixtral, edits });
    expect(linkForm(json).edits).toBe(edits);
  });

  it('linkForm of any other config is its nearest preset and the fields that differ', () => {
    const json = { ...mixtral.config, num_experts_per_tok: 3 };
    expect(linkForm(json)).toEqual(nearestPreset(json));
  });
});
