import { describe, expect, it } from 'vitest';
import { findPreset, resolveExplorer, defaultConfig } from '../../../src/lib/core/index.ts';
import { readSource } from '../../../src/lib/share/decode-source.ts';
import { linkForm } from '../../../src/lib/share/imported-link.ts';

/** readSource of a query, with its warnings. */
function read(query: string) {
  const warnings: string[] = [];
  const source = readSource(new URLSearchParams(query), warnings);
  return { source, warnings };
}

describe('readSource', () => {
  it("readSource('m=dbrx') is the preset, without warnings", () => {
    expect(read('m=dbrx')).toEqual({ source: { kind: 'preset', id: 'dbrx' }, warnings: [] });
  });

  it("readSource('m=mixtral-8x7b&x.num_experts_per_tok=3') is the preset's config with the edit", () => {
    const { source, warnings } = read('m=mixtral-8x7b&x.num_experts_per_tok=3');
    expect(warnings).toEqual([]);
    expect(source).toEqual({
      kind: 'config',
      name: 'Mixtral 8x7B (edited)',
      json: { ...findPreset('mixtral-8x7b')!.config, num_experts_per_tok: 3 },
    });
    // A link of it carries exactly these edits again, without a nearest-preset search.
    expect(linkForm(source.kind === 'config' && source.json).edits).toEqual([
      ['num_experts_per_tok', 3],
    ]);
  });

  it.each([
    [
      'finding 1: a dense prefix past the layers',
      'm=deepseek-v3&x.first_k_dense_replace=1000',
      'deepseek-v3',
      /^x\.first_k_dense_replace: expected at most .*61.*, got 1000; .*showing DeepSeek-V3$/,
    ],
    [
      'finding 1: a vocabulary too big to count',
      'm=mixtral-8x7b&x.vocab_size=1000000000000000',
      'mixtral-8x7b',
      /^x\.vocab_size: expected .*, got 1000000000000000; .*showing Mixtral 8x7B$/,
    ],
    [
      'finding 1: a billion layers',
      'm=mixtral-8x7b&x.num_hidden_layers=1000000000',
      'mixtral-8x7b',
      /^x\.num_hidden_layers: expected at most .*, got 1000000000; .*showing Mixtral 8x7B$/,
    ],
    [
      'finding 2: a billion experts',
      'm=mixtral-8x7b&x.num_local_experts=1000000000&x.hidden_size=64&x.intermediate_size=1&x.num_attention_heads=8&x.num_key_value_heads=8&x.num_hidden_layers=1',
      'mixtral-8x7b',
      /^x\.num_local_experts: expected at most .*, got 1000000000; .*showing Mixtral 8x7B$/,
    ],
    [
      'finding 2: Scout with 100,000 layers',
      'm=llama4-scout&x.text_config.num_hidden_layers=100000',
      'llama4-scout',
      /^x\.text_config\.num_hidden_layers: expected at most .*, got 100000; .*showing Llama 4 Scout$/,
    ],
    [
      'finding 2: a million layers',
      'm=mixtral-8x7b&x.num_hidden_layers=1000000',
      'mixtral-8x7b',
      /^x\.num_hidden_layers: expected at most .*, got 1000000; .*showing Mixtral 8x7B$/,
    ],
  ])(
    '%s: the preset, and a warning naming the field, the value and the limit',
    (_, query, id, warning) => {
      const started = process.cpuUsage();
      const { source, warnings } = read(query);
      const { user, system } = process.cpuUsage(started);
      expect(source).toEqual({ kind: 'preset', id });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(warning);
      expect((user + system) / 1000).toBeLessThan(1000);
    },
  );

  it('a model that builds from every edit is the one shown: its counts resolve', () => {
    const { source } = read('m=deepseek-v3&x.first_k_dense_replace=10');
    expect(source.kind).toBe('config');
    expect(() => resolveExplorer({ ...defaultConfig(), source })).not.toThrow();
  });

  it('finding 7: an x.<field> the family does not read is named and left out; the label is not "(edited)"', () => {
    const { source, warnings } = read('m=mixtral-8x7b&x.rope_theta=3&x.no_such_field=1');
    expect(source).toEqual({ kind: 'preset', id: 'mixtral-8x7b' });
    expect(warnings).toEqual([
      'x.rope_theta, x.no_such_field: not read for a mixtral model; ignored',
    ]);
  });

  it('finding 7: with one edit read and one not, the read one applies and the other is named', () => {
    const { source, warnings } = read('m=mixtral-8x7b&x.num_experts_per_tok=3&x.rope_theta=3');
    expect(source).toMatchObject({ kind: 'config', json: { num_experts_per_tok: 3 } });
    expect(source.kind === 'config' && 'rope_theta' in (source.json as object)).toBe(
      'rope_theta' in findPreset('mixtral-8x7b')!.config,
    );
    expect(warnings).toEqual(['x.rope_theta: not read for a mixtral model; ignored']);
  });

  it('finding 7: mn over 120 characters is cut, and the notice says so', () => {
    const { source, warnings } = read(`m=dbrx&mn=${'n'.repeat(200)}`);
    expect(source).toMatchObject({ kind: 'config', name: 'n'.repeat(120) });
    expect(warnings).toEqual(['mn: 200 characters, cut to the first 120']);
  });

  it('finding 11: mn=%E2%80%AEgnp.exe is named gnp.exe, and the notice says what was removed', () => {
    const { source, warnings } = read('mn=%E2%80%AEgnp.exe');
    expect(source).toMatchObject({ kind: 'config', name: 'gnp.exe' });
    expect(warnings).toEqual(['mn: bidirectional or control characters removed']);
  });

  it('finding 11: mn= (empty) gives the preset and its name, with a notice', () => {
    expect(read('m=dbrx&mn=')).toEqual({
      source: { kind: 'preset', id: 'dbrx' },
      warnings: ['mn: empty; showing DBRX'],
    });
  });

  it("finding 11: mn= with edits is named '<preset> (edited)', never an empty label", () => {
    const { source, warnings } = read('m=mixtral-8x7b&mn=%20&x.num_experts_per_tok=3');
    expect(source).toMatchObject({ kind: 'config', name: 'Mixtral 8x7B (edited)' });
    expect(warnings).toEqual(['mn: empty; named "Mixtral 8x7B (edited)"']);
  });

  it('an unknown preset gives the default one, with a warning', () => {
    expect(read('m=gpt-5')).toEqual({
      source: { kind: 'preset', id: 'llama4-scout' },
      warnings: ['m: expected a preset id, got "gpt-5"; showing llama4-scout'],
    });
  });
});
