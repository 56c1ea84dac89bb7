import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARAMS_OPTIONS, paramsCommand } from '../../../src/cli/params-command.ts';
import { run } from '../../../src/cli/run.ts';
import { findPreset, presetSpec } from '../../../src/lib/core/index.ts';
import { expectedParams, FIXTURES } from '../helpers/fixtures.ts';

const preset = (id: string) => presetSpec(findPreset(id)!);

describe('cli params', () => {
  it('--json prints one object with the exact integers of a config file', () => {
    const { stdout } = run(['params', join(FIXTURES, 'models', 'deepseek-v3.json'), '--json']);
    const out = JSON.parse(stdout);
    // expected-params.json: DeepSeek-V3 report, 671B + 14B MTP, 37B active
    expect(out.total).toBe(expectedParams['deepseek-v3']!.total);
    expect(out.active).toBe(expectedParams['deepseek-v3']!.active);
    expect(Number.isInteger(out.activeExcludingEmbedding)).toBe(true);
    expect(out.breakdown.routedExperts).toBeGreaterThan(0);
  });

  it('accepts a preset id and prints a readable table', () => {
    const { stdout } = run(['params', 'llama4-scout']);
    expect(stdout).toContain('108,641,793,536');
    expect(stdout).toContain('17,172,894,720');
    expect(stdout).toMatch(/Routed experts\s+96,636,764,160\s+6,039,797,760/);
  });
});

describe('paramsCommand', () => {
  it('paramsCommand(spec, json) is one JSON object: model, family, the counts, layers last', () => {
    const out = JSON.parse(paramsCommand(preset('mixtral-8x7b'), true));
    expect(out).toMatchObject({ model: 'Mixtral 8x7B', family: 'mixtral', total: 46_702_792_704 });
    expect(Object.keys(out).at(-1)).toBe('layers');
    expect(out.layers).toHaveLength(32);
  });

  it('paramsCommand(Llama 3.1 8B) heads the table with 32 layers, 0 MoE, and lists no expert rows', () => {
    const text = paramsCommand(preset('llama3.1-8b'), false);
    expect(text.split('\n')[0]).toBe('Llama 3.1 8B (llama): 32 layers, 0 MoE');
    expect(text).toMatch(/^Total\s+8\.03B\s+8,030,261,248$/m); // expected-params.json
    expect(text).not.toContain('Routed experts');
    expect(text).not.toContain('Router');
  });

  it('paramsCommand(Scout) adds the text model row; DeepSeek-V3 the MTP row, outside the total', () => {
    // expected-params.json: Scout text 107,769,861,120; DeepSeek-V3 MTP 11,610,068,224
    expect(paramsCommand(preset('llama4-scout'), false)).toMatch(
      /^Text model\s+107\.77B\s+107,769,861,120$/m,
    );
    expect(paramsCommand(preset('deepseek-v3'), false)).toMatch(
      /^MTP modules \(not in total\)\s+11\.61B\s+11,610,068,224$/m,
    );
  });

  it('paramsCommand heads a MoE model with its experts and top-k (Mixtral: 8 experts, top-2)', () => {
    expect(paramsCommand(preset('mixtral-8x7b'), false).split('\n')[0]).toBe(
      'Mixtral 8x7B (mixtral): 32 layers, 32 MoE, 8 experts, top-2',
    );
  });

  it('PARAMS_OPTIONS are --json and --help', () => {
    expect(PARAMS_OPTIONS.map((o) => o.name)).toEqual(['json', 'help']);
  });
});
