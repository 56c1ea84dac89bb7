import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCommand } from '../../../src/cli/compare-command.ts';
import { run } from '../../../src/cli/run.ts';
import {
  compareTable,
  DEFAULT_DEPLOYMENT,
  resolvePin,
  type ExplorerConfig,
} from '../../../src/lib/core/index.ts';
import { usageError } from '../helpers/cli.ts';
import { expectedParams, FIXTURES } from '../helpers/fixtures.ts';

const compare = (...args: string[]) => run(['compare', ...args]).stdout;
const json = (...args: string[]) => JSON.parse(compare(...args, '--json'));
const row = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(label))!;
const cells = (text: string, label: string) =>
  row(text, label)
    .slice(label.length)
    .trim()
    .split(/\s{2,}/);

describe('compare', () => {
  it("prints the page's default comparison: Scout, Maverick and DeepSeek-V3 on 8 x H200 in FP8", () => {
    const text = compare('llama4-scout', 'llama4-maverick', 'deepseek-v3');
    const [head, deployments] = text.split('\n');
    expect(head!.trim().split(/\s{2,}/)).toEqual(['Llama 4 Scout', 'Llama 4 Maverick', 'DeepSeek-V3']); // prettier-ignore
    expect(deployments!.trim().split(/\s{2,}/)).toEqual(Array(3).fill('8 × H200 · FP8'));
    // Totals: 108,641,793,536, 401,583,781,376 and 671,026,419,200 (expected-params.json, the
    // Hugging Face safetensors totals); against Scout's, x3.7 and x6.2.
    expect(expectedParams['llama4-scout']!.total).toBe(108_641_793_536);
    expect(cells(text, 'Total parameters')).toEqual(['108.64B', '401.58B (×3.7)', '671.03B (×6.2)']); // prettier-ignore
    expect(cells(text, 'Experts: routed / active / shared')).toEqual(['16 / 1 / 1', '128 / 1 / 1', '256 / 8 / 1']); // prettier-ignore
    // MLA's latent: 576 values x 61 layers x 2 bytes = 70,272 (serving-cases.json deepseek-v3-mla-kv)
    expect(cells(text, 'KV cache per token')[2]).toBe('70,272 B (+43%)');
  });

  it("is the core's compareTable, cell for cell (the page's Compare panel)", () => {
    const out = json('llama4-scout', 'deepseek-v3', '--gpu', 'b200', '--gpus', '4');
    const settings = { same: true, deviceId: 'b200', devices: 4, weights: 'fp8' as const };
    const pin = (id: string, n: number) => {
      const config: ExplorerConfig = {
        source: { kind: 'preset', id },
        arch: {},
        deployment: { ...DEFAULT_DEPLOYMENT },
      };
      return resolvePin({ id: n, config }, settings);
    };
    const table = compareTable([pin('llama4-scout', 0), pin('deepseek-v3', 1)], 'GB');
    expect(out.rows).toEqual(table.rows);
    expect(out.columns).toEqual(table.columns);
    expect(out.settings).toEqual(settings);
    expect(out.invalid).toEqual([]);
  });

  it('applies --weights, --context and --batch to every column; one that does not fit says so', () => {
    const text = compare('mixtral-8x7b', 'deepseek-v3', '--gpu', 'h100-sxm', '--weights', 'bf16');
    expect(cells(text, 'Fits')).toEqual(['yes', 'no']);
    // A deployment that does not fit has no speed and no price.
    expect(cells(text, 'Decode tokens/s')[1]).toBe('—');
    const long = json('mixtral-8x7b', 'olmoe-1b-7b', '--context', '4k', '--batch', '16');
    expect(long.columns[0].label.deployment).toBe('8 × H200 · FP8');
    const short = json('mixtral-8x7b', 'olmoe-1b-7b', '--context', '4k', '--batch', '1');
    const decode = (t: typeof long) => t.rows.find((r: { label: string }) => r.label === 'Decode tokens/s').cells[0].text; // prettier-ignore
    expect(decode(long)).not.toBe(decode(short));
  });

  it('reads a config.json file beside a preset, named as serve names it; memory in GiB with --bytes gib', () => {
    const file = join(FIXTURES, 'models', 'mixtral-8x7b.json');
    const text = compare(file, 'mixtral-8x7b', '--bytes', 'gib');
    const served = run(['serve', file]).stdout.split(' on ')[0];
    expect(
      text
        .split('\n')[0]!
        .trim()
        .split(/\s{2,}/),
    ).toEqual([served, 'Mixtral 8x7B']);
    expect(cells(text, 'Total parameters')).toEqual(['46.70B', '46.70B (same)']);
    expect(row(text, 'Weights memory')).toMatch(/GiB/);
  });

  it('--markdown prints the same cells as a Markdown table, figures right-aligned, pipes escaped', () => {
    const md = compare('llama4-scout', 'deepseek-v3', '--markdown').split('\n');
    expect(md[0]).toBe('|  | Llama 4 Scout (8 × H200 · FP8) | DeepSeek-V3 (8 × H200 · FP8) |');
    expect(md[1]).toBe('|---|---:|---:|');
    expect(md[2]).toBe('| Total parameters | 108.64B | 671.03B (×6.2) |');
    expect(md).toHaveLength(2 + 10); // the header, its rule, and the ten rows of the page's table
    const piped = { kind: 'config' as const, name: 'a|b', json: { hidden_size: 8 } };
    const text = compareCommand([piped, piped], new Map([['markdown', 'true']]), false);
    expect(text.split('\n')[0]).toContain('a\\|b');
    expect(text.split('\n').at(-1)).toMatch(/^a\\\|b: invalid: /);
  });

  it('a column that cannot be resolved reads "invalid", and a line below says why', () => {
    const broken = { kind: 'config' as const, name: 'broken.json', json: { hidden_size: 8 } };
    const text = compareCommand([{ kind: 'preset', id: 'olmoe-1b-7b' }, broken], new Map(), false);
    expect(cells(text, 'Total parameters')).toEqual(['6.92B', 'invalid']);
    expect(text.split('\n').at(-1)).toMatch(/^broken\.json: invalid: model_type: /);
    const out = JSON.parse(compareCommand([broken, broken], new Map(), true));
    expect(out.invalid.map((i: { column: number }) => i.column)).toEqual([0, 1]);
  });

  it('refuses fewer than two or more than three models, and bad options, naming them', () => {
    const models = '(config.json paths, preset ids or Hugging Face model ids)';
    expect(usageError(['compare', 'llama4-scout'])).toBe(
      `compare takes 2 to 3 models ${models}, got 1 (see moe-explorer compare --help)`,
    );
    const four = ['llama4-scout', 'llama4-maverick', 'deepseek-v3', 'kimi-k2'];
    expect(usageError(['compare', ...four])).toMatch(/^compare takes 2 to 3 models .*, got 4/);
    const two = ['llama4-scout', 'deepseek-v3'];
    expect(usageError(['compare', ...two, '--gpu', 'h900'])).toMatch(/^--gpu: expected one of .*, got "h900"$/); // prettier-ignore
    expect(usageError(['compare', ...two, '--weights', 'fp3'])).toMatch(/^--weights: expected one of .*, got "fp3"$/); // prettier-ignore
    expect(usageError(['compare', ...two, '--bytes', 'kb'])).toBe('--bytes: expected one of gb, gib, got "kb"'); // prettier-ignore
    expect(usageError(['compare', ...two, '--context', 'lots'])).toMatch(/^--context: /);
    expect(usageError(['compare', 'llama4-scout', 'nosuch'])).toMatch(/^nosuch: not a file and not a preset/); // prettier-ignore
    expect(usageError(['compare', ...two, '--revision', 'v1'])).toBe('unknown option --revision (see moe-explorer compare --help)'); // prettier-ignore
  });
});
