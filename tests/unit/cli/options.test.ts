import { describe, expect, it } from 'vitest';
import { findOption, HELP_OPTION, isHelpArg, type CliOption } from '../../../src/cli/options.ts';
import { SERVE_OPTIONS } from '../../../src/cli/serve-options.ts';

describe('HELP_OPTION', () => {
  it('HELP_OPTION is -h, --help, a flag', () => {
    expect(HELP_OPTION).toEqual({ name: 'help', short: 'h', help: 'print this help' });
  });
});

describe('isHelpArg', () => {
  it.each([
    ['--help', true],
    ['-h', true],
    ['help', false], // the command, not the option
    ['--helpful', false],
    ['-H', false],
  ])('isHelpArg(%j) is %s', (arg, help) => {
    expect(isHelpArg(arg)).toBe(help);
  });
});

describe('findOption', () => {
  it("findOption(SERVE_OPTIONS, 'gpu') is the --gpu entry, default h100-sxm", () => {
    expect(findOption(SERVE_OPTIONS, 'gpu')).toMatchObject({
      name: 'gpu',
      arg: 'ID',
      default: 'h100-sxm',
    });
  });

  it('findOption of a name not in the table throws (a bug in the caller, not a usage error)', () => {
    const table: CliOption[] = [HELP_OPTION];
    expect(() => findOption(table, 'nosuch')).toThrow('no option --nosuch in the table');
  });
});
