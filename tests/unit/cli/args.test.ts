import { describe, expect, it } from 'vitest';
import { numberOption, parseArgs, rangeOption } from '../../../src/cli/args.ts';
import { UsageError } from '../../../src/cli/load-model.ts';
import { HELP_OPTION, type CliOption } from '../../../src/cli/options.ts';

const TABLE: CliOption[] = [
  { name: 'gpu', arg: 'ID', help: 'a device' },
  { name: 'overlap', arg: 'F', range: [0, 1], help: 'a share' },
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
  ])('%j is a usage error: %s', (argv, message) => {
    expect(parseError(argv)).toBe(message);
  });
});

describe('number options', () => {
  it('numberOption checks integers and positive numbers', () => {
    const options = new Map([
      ['gpus', '8'],
      ['tflops', '0.5'],
    ]);
    expect(numberOption(options, 'gpus', 'integer')).toBe(8);
    expect(numberOption(options, 'tflops', 'positive')).toBe(0.5);
    expect(numberOption(options, 'absent', 'integer')).toBeUndefined();
    expect(() => numberOption(options, 'tflops', 'integer')).toThrow(
      '--tflops: expected an integer >= 1, got "0.5"',
    );
  });

  it('rangeOption checks the range of the table entry', () => {
    const overlap = TABLE[1]!;
    expect(rangeOption(new Map([['overlap', '1']]), overlap)).toBe(1);
    expect(rangeOption(new Map(), overlap)).toBeUndefined();
    expect(() => rangeOption(new Map([['overlap', '1.5']]), overlap)).toThrow(
      '--overlap: expected a number from 0 to 1, got "1.5"',
    );
    expect(() => rangeOption(new Map([['overlap', ' ']]), overlap)).toThrow(UsageError);
  });
});
