import { describe, expect, it } from 'vitest';
import { choiceOption, numberOption, parseArgs } from '../../../src/cli/args.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';
import { HELP_OPTION, type CliOption } from '../../../src/cli/options.ts';

const TABLE: CliOption[] = [
  { name: 'gpu', arg: 'ID', help: 'a device' },
  { name: 'overlap', arg: 'F', range: [0, 1], help: 'a share' },
  { name: 'gpus', arg: 'N', range: [1, 65_536], integer: true, help: 'devices' },
  { name: 'json', help: 'print JSON' },
  HELP_OPTION,
];

function parseError(argv: string[]): string {
  try {
    parseArgs(argv, TABLE, 'serve');
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('splits positional arguments, valued options (--name value, --name=value) and flags', () => {
    const { positional, options } = parseArgs(
      ['model', '--gpu', 'h200', '--overlap=0.5', '--json', '-h'],
      TABLE,
      'serve',
    );
    expect(positional).toEqual(['model']);
    expect(Object.fromEntries(options)).toEqual({
      gpu: 'h200',
      overlap: '0.5',
      json: 'true',
      help: 'true',
    });
  });

  it('takes a value that starts with a single dash, and a lone dash as positional', () => {
    const { positional, options } = parseArgs(['--gpu', '-8', '-', '-1'], TABLE, 'serve');
    expect(options.get('gpu')).toBe('-8');
    expect(positional).toEqual(['-', '-1']);
  });

  it.each([
    [['--yaml'], 'unknown option --yaml (see moe-explorer serve --help)'],
    [['--yaml=1'], 'unknown option --yaml (see moe-explorer serve --help)'],
    [['-x'], 'unknown option -x (see moe-explorer serve --help)'],
    [['--gpu'], '--gpu needs a value'],
    [['--gpu', '--json'], '--gpu needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['--gpu='], '--gpu needs a value'],
    [['--gpu', ''], '--gpu needs a value'],
    [['--gpu=  '], '--gpu needs a value'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(parseError(argv)).toBe(message);
  });
});

describe('number options', () => {
  const [, overlap, gpus] = TABLE as [CliOption, CliOption, CliOption];

  it('numberOption reads a number within the range of the table entry', () => {
    expect(numberOption(new Map([['overlap', '1']]), overlap)).toBe(1);
    expect(numberOption(new Map([['overlap', '.5']]), overlap)).toBe(0.5);
    expect(numberOption(new Map([['gpus', '8']]), gpus)).toBe(8);
    expect(numberOption(new Map([['gpus', '1e3']]), gpus)).toBe(1000);
    expect(numberOption(new Map(), overlap)).toBeUndefined();
  });

  it.each([
    [overlap, '1.5', '--overlap: expected a number from 0 to 1, got "1.5"'],
    [overlap, 'NaN', '--overlap: expected a number from 0 to 1, got "NaN"'],
    [overlap, 'Infinity', '--overlap: expected a number from 0 to 1, got "Infinity"'],
    [overlap, '0x1', '--overlap: expected a number from 0 to 1, got "0x1"'],
    [overlap, ' ', '--overlap: expected a number from 0 to 1, got " "'],
    [gpus, '2.5', '--gpus: expected an integer from 1 to 65,536, got "2.5"'],
    [gpus, '0', '--gpus: expected an integer from 1 to 65,536, got "0"'],
    [gpus, '-8', '--gpus: expected an integer from 1 to 65,536, got "-8"'],
    [gpus, '1e12', '--gpus: expected an integer from 1 to 65,536, got "1e12"'],
  ])('numberOption refuses --%s %j', (option, text, message) => {
    expect(() => numberOption(new Map([[option.name, text]]), option)).toThrow(
      new UsageError(message),
    );
  });

  it('numberOption of an option without a range is a bug, not a usage error', () => {
    expect(() => numberOption(new Map([['gpu', '1']]), TABLE[0]!)).toThrow(
      '--gpu has no range in its table',
    );
  });
});

describe('choice options', () => {
  const pick = (value?: string) =>
    choiceOption(new Map(value === undefined ? [] : [['weights', value]]), 'weights', ['bf16', 'fp8']); // prettier-ignore
  it('reads a choice in any case, and undefined when it is not given', () => {
    expect(pick('FP8')).toBe('fp8');
    expect(pick()).toBeUndefined();
  });
  it('refuses anything else, naming the option, the choices and the value', () => {
    expect(() => pick('fp3')).toThrow(
      new UsageError('--weights: expected one of bf16, fp8, got "fp3"'),
    );
  });
});
