import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../../src/cli/commands.ts';
import { HUB_OPTIONS } from '../../../src/cli/hub-model.ts';
import { findPreset, presetSpec } from '../../../src/lib/core/index.ts';

/** A Map that records every option name a command asks it for. */
class ReadLog extends Map<string, string> {
  readonly read = new Set<string>();
  override get(name: string): string | undefined {
    this.read.add(name);
    return super.get(name);
  }
  override has(name: string): boolean {
    this.read.add(name);
    return super.has(name);
  }
}

describe.each(COMMANDS.map((c) => [c.name, c] as const))('%s', (_name, command) => {
  it('reads exactly the options of its table (the parser and the help), --help aside', () => {
    const options = new ReadLog();
    // train needs --tokens, plan --input and --output; every other option keeps its default
    if (command.name === 'train') options.set('tokens', '1T');
    if (command.name === 'plan') {
      options.set('input', '1000');
      options.set('output', '100');
      options.set('devices', 'h100-sxm'); // one device: the test stays short
    }
    if (command.several) {
      const preset = (id: string) => ({ kind: 'preset' as const, id });
      command.runSeveral([preset('mixtral-8x7b'), preset('olmoe-1b-7b')], options);
    } else command.run(presetSpec(findPreset('mixtral-8x7b')!), options);
    // The Hub's options are read before the command runs, by resolveHubModel (hub-model.ts).
    const before: readonly string[] = HUB_OPTIONS;
    const table = command.options
      .map((o) => o.name)
      .filter((n) => n !== 'help' && !before.includes(n));
    expect([...options.read].sort()).toEqual(table.sort());
  });

  it('has option names and short names that are unique, and one-line help', () => {
    const names = command.options.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    const shorts = command.options.flatMap((o) => (o.short ? [o.short] : []));
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const option of command.options) expect(option.help).not.toContain('\n');
  });
});

describe('findCommand', () => {
  it('finds params, serve, train and plan, and nothing else', () => {
    expect(findCommand('params')?.name).toBe('params');
    expect(findCommand('serve')?.name).toBe('serve');
    expect(findCommand('train')?.name).toBe('train');
    expect(findCommand('plan')?.name).toBe('plan');
    expect(findCommand('help')).toBeUndefined();
    expect(findCommand('--help')).toBeUndefined();
  });
});
