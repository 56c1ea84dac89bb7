import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.ts';
import { COMMANDS, findCommand } from '../../../src/cli/commands.ts';
import { columns, commandHelp, optionLines, topLevelHelp, wrap } from '../../../src/cli/help.ts';
import { findOption, rangeText } from '../../../src/cli/options.ts';
import { SERVE_OPTIONS } from '../../../src/cli/serve-options.ts';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_MEMORY,
  DEFAULT_ROUTING,
  DEVICES,
  KV_DTYPES,
  KV_LAYOUTS,
  presets,
  WEIGHT_FORMAT_IDS,
  WEIGHT_FORMATS,
} from '../../../src/lib/core/index.ts';

/**
 * The options an option list of a help shows: `--name` (and `-x, --name`, or llama.cpp's
 * `-ngl, --n-gpu-layers`) at a line's start.
 */
function optionsInHelp(help: string): { name: string; short?: string; arg?: string }[] {
  const pattern = /^ {2}(?:-(\w+), )?--([\w-]+)(?: ([A-Z=]+))? {2}/gm;
  return [...help.matchAll(pattern)].map(([, short, name, arg]) => ({ name: name!, short, arg }));
}

/** The line of the help that documents --name. */
function line(help: string, name: string): string {
  return (
    help.split('\n').find((l) => new RegExp(`^ {2}(-\\w+, )?--${name}(?![\\w-])`).test(l)) ?? ''
  );
}

describe.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help', (name, command) => {
  const help = commandHelp(command);

  it('lists every option the parser accepts, with its argument', () => {
    const shown = optionsInHelp(help);
    expect(shown.map((o) => o.name).sort()).toEqual(command.options.map((o) => o.name).sort());
    for (const option of command.options) {
      const entry = shown.find((o) => o.name === option.name)!;
      expect(entry.arg, option.name).toBe(option.arg);
      expect(entry.short, option.name).toBe(option.short);
      expect(line(help, option.name), option.name).toContain(option.help);
      if (option.default !== undefined)
        expect(line(help, option.name)).toContain(`default: ${option.default}`);
    }
  });

  it('every option it shows is accepted by the parser', () => {
    for (const option of optionsInHelp(help)) {
      const argv = option.arg ? [`--${option.name}`, 'x'] : [`--${option.name}`];
      expect(() => parseArgs(argv, command.options, name), option.name).not.toThrow();
      if (option.short)
        expect(() =>
          parseArgs([`-${option.short}`, ...(option.arg ? ['x'] : [])], command.options, name),
        ).not.toThrow();
    }
    expect(() => parseArgs(['--no-such-option'], command.options, name)).toThrow(
      `unknown option --no-such-option (see moe-explorer ${name} --help)`,
    );
  });

  it('starts with its usage and lists the preset ids', () => {
    const model =
      name === 'compare' ? '<model> <model> \\[<model>\\]' : '<config.json \\| preset-id[ >]';
    expect(help).toMatch(new RegExp(`^usage: moe-explorer ${name} ${model}`));
    for (const preset of presets) expect(help).toContain(preset.id);
  });
});

describe('params --help on Hugging Face model ids (issue 11)', () => {
  const help = commandHelp(findCommand('params')!);

  it('documents the argument forms, --hub-url, --revision and HF_ENDPOINT', () => {
    expect(help).toMatch(/^usage: moe-explorer params <config.json \| preset-id \| org\/name\[@revision\]>/);
    for (const text of ['org/name@revision', 'page URL', '--hub-url URL', '--revision R', '$HF_ENDPOINT'])
      expect(help).toContain(text);
  }); // prettier-ignore
});

describe('serve --help', () => {
  const help = commandHelp(findCommand('serve')!);

  it('shows the defaults of the core', () => {
    expect(line(help, 'engine')).toContain(`default: ${DEFAULT_MEMORY.engine}`);
    expect(line(help, 'gpu-memory-utilization')).toContain(`vllm ${DEFAULT_MEMORY.utilization}`);
    expect(line(help, 'max-batched-tokens')).toContain(`vllm ${DEFAULT_MEMORY.maxBatchedTokens}`);
    expect(line(help, 'max-num-seqs')).toContain(`vllm ${DEFAULT_MEMORY.maxSequences}`);
    expect(line(help, 'bandwidth-efficiency')).toContain(
      `default: ${DEFAULT_EFFICIENCY.bandwidth}`,
    );
    expect(line(help, 'compute-efficiency')).toContain(`default: ${DEFAULT_EFFICIENCY.compute}`);
    expect(line(help, 'overlap')).toContain(`default: ${DEFAULT_EFFICIENCY.overlap}`);
    expect(line(help, 'kernel-us')).toContain(
      `default: ${Math.round(DEFAULT_EFFICIENCY.kernelSeconds * 1e6)}`,
    );
    expect(line(help, 'layer-overhead-us')).toContain('default: by kernel count');
    expect(line(help, 'skew')).toContain(`default: ${DEFAULT_ROUTING.skew}`);
    expect(line(help, 'capacity-factor')).toContain(`default: ${DEFAULT_ROUTING.capacityFactor}`);
    expect(line(help, 'gpu')).toContain('default: h100-sxm');
    expect(line(help, 'gpus')).toContain('default: 1');
    expect(line(help, 'context')).toContain('default: 8192');
    expect(line(help, 'batch')).toContain('default: 1');
  });

  it('shows the range a number option is checked against', () => {
    for (const option of SERVE_OPTIONS.filter((o) => o.range)) {
      expect(line(help, option.name)).toContain(rangeText(option.range!));
    }
    expect(line(help, 'gpus')).toContain('1 to 1,048,576');
  });

  it('finding 8: every number option of serve has a range, so none takes any number', () => {
    const numbers = SERVE_OPTIONS.filter((o) => o.arg && /^(N|F|US|USD|TOKENS)$/.test(o.arg));
    expect(
      numbers.map((o) => o.name).filter((name) => !findOption(SERVE_OPTIONS, name).range),
    ).toEqual([]);
  });

  it("lists the core's devices, weight formats, KV dtypes and KV layouts", () => {
    for (const device of DEVICES)
      expect(help).toMatch(new RegExp(`^ {2}${device.id} +${escape(device.name)} `, 'm'));
    for (const id of WEIGHT_FORMAT_IDS)
      expect(help).toMatch(new RegExp(`^ {2}${id} +${escape(WEIGHT_FORMATS[id].label)} `, 'm'));
    for (const dtype of KV_DTYPES)
      expect(help).toMatch(new RegExp(`^ {2}${dtype} +[\\d.]+ byte`, 'm'));
    for (const layout of KV_LAYOUTS) expect(help).toMatch(new RegExp(`^ {2}${layout} +\\w`, 'm'));
  });
});

describe('top-level help', () => {
  const help = topLevelHelp(COMMANDS);

  it('has one line per command and says how to get the help of a command', () => {
    for (const command of COMMANDS)
      expect(help).toMatch(new RegExp(`^ {2}${command.name} .* {2}${command.summary}$`, 'm'));
    expect(help).toMatch(/^ {2}help \[command\] /m);
    expect(help).toContain('moe-explorer <command> --help');
  });
});

describe('help layout', () => {
  it('columns pads every column but the last', () => {
    expect(
      columns([
        ['a', 'bb', 'c'],
        ['ccc', 'd', 'e'],
      ]),
    ).toEqual(['  a    bb  c', '  ccc  d   e']);
  });

  it('wrap keeps lines within 100 characters', () => {
    const lines = wrap(Array.from({ length: 60 }, (_, i) => `item-${i}`));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim().split(', ')).toHaveLength(60);
  });

  it('optionLines puts options under their group headings', () => {
    expect(
      optionLines([
        { group: 'a', name: 'x', arg: 'N', help: 'ex', default: '1' },
        { group: 'a', name: 'y', help: 'why' },
        { name: 'z', short: 'z', help: 'zed', range: [0, 2] },
      ]),
    ).toEqual([
      'a:',
      '  --x N    ex; default: 1',
      '  --y      why',
      '',
      'options:',
      '  -z, --z  zed, 0 to 2',
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
