import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENT } from '../../../src/lib/core/index.ts';
import { readPins } from '../../../src/lib/share/decode-pins.ts';
import { readConfig } from '../../../src/lib/share/decode-v1.ts';

/** readPins of some `p` values, with the warnings it adds. */
function read(...values: string[]) {
  const warnings: string[] = [];
  return { pins: readPins(values, warnings, readConfig), warnings };
}

describe('readPins', () => {
  it('readPins of no `p` is null (the default pins), of `p=` alone no pins', () => {
    expect(read()).toEqual({ pins: null, warnings: [] });
    expect(read('')).toEqual({ pins: [], warnings: [] });
  });

  it("readPins('deepseek-v3,g:h200,w:fp8', 'dbrx,k:2') reads each pin's model and settings, in order", () => {
    const { pins, warnings } = read('deepseek-v3,g:h200,w:fp8', 'dbrx,k:2');
    expect(warnings).toEqual([]);
    expect(pins).toEqual([
      {
        source: { kind: 'preset', id: 'deepseek-v3' },
        arch: {},
        deployment: { ...DEFAULT_DEPLOYMENT, deviceId: 'h200', weights: 'fp8' },
      },
      { source: { kind: 'preset', id: 'dbrx' }, arch: { topK: 2 }, deployment: DEFAULT_DEPLOYMENT },
    ]);
  });

  it('readPins unescapes %2C, %3A and %25 in a value (an imported model named "a:b,c%")', () => {
    const { pins, warnings } = read('mixtral-8x7b,mn:a%3Ab%2Cc%25,x.num_hidden_layers:16');
    expect(warnings).toEqual([]);
    expect(pins![0]!.source).toMatchObject({ kind: 'config', name: 'a:b,c%' });
  });

  it('readPins leaves out a pin without a preset id, naming the key, the value and the format', () => {
    const { pins, warnings } = read('gpt-9,g:h200', 'dbrx');
    expect(pins!.map((p) => p.source)).toEqual([{ kind: 'preset', id: 'dbrx' }]);
    expect(warnings).toEqual([
      'p (pin 1): expected a preset id, then key:value settings, comma-separated (deepseek-v3,g:h200,w:fp8), got "gpt-9,g:h200"; pin ignored',
    ]);
  });

  it.each([
    ['dbrx,g:h900', 'p (pin 1), g: expected one of h100-sxm, h100-pcie, h200, '],
    ['dbrx,n:0', 'p (pin 1), n (GPUs): expected a whole number from 1 to 1024, got "0"; ignored'],
    ['dbrx,zz:1', 'p (pin 1): expected key:value with a model or deployment key'],
    ['dbrx,u:GiB', 'got "u:GiB"; ignored'],
    ['dbrx,m:kimi-k2', 'got "m:kimi-k2"; ignored'],
    ['dbrx,k4', 'got "k4"; ignored'],
    ['dbrx,mn:%E0%A4%A', 'got "mn:%E0%A4%A"; ignored'],
    ['dbrx,b:8,b:16', 'p (pin 1), b: given more than once; the first value is used'],
  ])('readPins(%s) keeps the pin without the bad setting and warns: %s', (value, warning) => {
    const { pins, warnings } = read(value);
    expect(pins).toHaveLength(1);
    expect(pins![0]!.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(warning);
  });

  it('readPins drops settings that do not fit together, as the page link does', () => {
    const { pins, warnings } = read('mixtral-8x7b,E:4,k:8');
    expect(pins![0]!.arch).toEqual({ experts: 4 });
    expect(warnings[0]).toMatch(/^p \(pin 1\), k: num_experts_per_tok: expected at most/);
  });

  it('readPins keeps at most three pins, and says which it leaves out', () => {
    const { pins, warnings } = read('dbrx', 'kimi-k2', 'olmoe-1b-7b', 'mixtral-8x7b');
    expect(pins).toHaveLength(3);
    expect(warnings).toEqual(['p (pin 4): at most 3 pins, got "mixtral-8x7b"; pin ignored']);
  });

  it('readPins shows hostile values as quoted, trimmed text', () => {
    const { warnings } = read('<img src=x onerror=alert(1)>');
    expect(warnings[0]).toContain('got "<img src=x onerror=alert(1)>"; pin ignored');
    expect(read('x'.repeat(500)).warnings[0]).toContain(`"${'x'.repeat(40)}…"`);
  });
});
