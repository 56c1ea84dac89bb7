import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointLine, PARAMS_OPTIONS, paramsCommand } from '../../../src/cli/params-command.ts';
import { run } from '../../../src/cli/run.ts';
import { findPreset, presetSpec } from '../../../src/lib/core/index.ts';
import { MIXTRAL_8X7B, mixtralTensors } from '../helpers/checkpoint-tensors.ts';
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

  it('PARAMS_OPTIONS are --json, --hub-url, --revision and --help', () => {
    expect(PARAMS_OPTIONS.map((o) => o.name)).toEqual(['json', 'hub-url', 'revision', 'help']);
  });
});

describe('paramsCommand with a checkpoint (a Hub model)', () => {
  const mixtral = preset('mixtral-8x7b');
  const tensors = mixtralTensors(MIXTRAL_8X7B);

  it('--json adds checkpoint: tensors, total, matches, differences, extras', () => {
    const out = JSON.parse(paramsCommand(mixtral, true, { tensors }));
    // Mixtral-8x7B: 46,702,792,704 (Hugging Face safetensors total)
    expect(out.checkpoint).toEqual({
      tensors: 995,
      total: 46_702_792_704,
      matches: true,
      differences: [],
      extras: [],
    });
  });

  it('a checkpoint without lm_head differs by component, in JSON and in one line of the table', () => {
    const noHead = { tensors: tensors.filter((t) => t.name !== 'lm_head.weight') };
    const out = JSON.parse(paramsCommand(mixtral, true, noHead));
    // lm_head: 32,000 x 4,096 = 131,072,000
    expect(out.checkpoint).toMatchObject({
      tensors: 994,
      matches: false,
      differences: [{ component: 'lmHead', parameters: -131_072_000 }],
    });
    expect(paramsCommand(mixtral, false, noHead).split('\n').at(-1)).toBe(
      "checked against the checkpoint: 994 tensors, 46,571,720,704 parameters, not the count's; " +
        'checkpoint minus count: LM head -131,072,000',
    );
  });

  it('a checkpoint that could not be read: the count, then why', () => {
    const failed = { error: 'a/b@main has no safetensors checkpoint' };
    expect(JSON.parse(paramsCommand(mixtral, true, failed)).checkpoint).toEqual(failed);
    expect(checkpointLine(failed)).toBe(
      'not checked against the checkpoint: a/b@main has no safetensors checkpoint',
    );
    expect(paramsCommand(mixtral, false, failed)).toContain('46,702,792,704');
  });
});
