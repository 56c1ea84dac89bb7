import { describe, expect, it } from 'vitest';
import {
  formatByteTick,
  formatBytes,
  formatCount,
  formatInteger,
  formatMilliseconds,
  formatNumber,
  formatParams,
  formatPercent,
  formatRate,
  formatTokens,
  formatTokensExact,
  formatUsd,
  formatUsdTick,
  plural,
  unitBytes,
  type ByteUnit,
} from '../../../../src/lib/core/index.ts';

describe('formatTokens (decimal: 10M is 10,000,000)', () => {
  it.each([
    [8192, '8,192'],
    [9_999, '9,999'],
    [10_000, '10k'],
    [131_072, '131.07k'], // 128 x 2^10
    [10_000_000, '10M'],
    [10_485_760, '10.49M'], // 10 x 2^20
    [1_500_000_000, '1.5B'],
  ])('formatTokens(%i) is %s', (tokens, text) => {
    expect(formatTokens(tokens)).toBe(text);
  });
});

describe('formatTokensExact', () => {
  it.each([
    [10_485_760, '10.49M (10 × 2^20)'],
    [131_072, '131.07k (128 × 2^10)'],
    [8_036_144, '8.04M (8,036,144)'],
    [10_000_000, '10M'], // not rounded: nothing to add
    [8192, '8,192'],
  ])('formatTokensExact(%i) is %s', (tokens, text) => {
    expect(formatTokensExact(tokens)).toBe(text);
  });
});

describe('formatBytes', () => {
  it.each<[number, ByteUnit, string]>([
    [217_283_587_072, 'GB', '217.3 GB'], // Scout in BF16: 108,641,793,536 x 2 B
    [217_283_587_072, 'GiB', '202.4 GiB'], // / 2^30 = 202.36
    [1.5e12, 'GB', '1.50 TB'],
    [5e8, 'GB', '500.0 MB'],
    [2 ** 29, 'GiB', '512.0 MiB'],
    [1e9, 'GB', '1.0 GB'],
    [2 ** 30, 'GiB', '1.0 GiB'],
  ])('formatBytes(%d, %s) is %s', (bytes, unit, text) => {
    expect(formatBytes(bytes, unit)).toBe(text);
  });

  it('formatBytes(2^40, GiB) is 1.00 TiB', () => {
    expect(formatBytes(2 ** 40, 'GiB')).toBe('1.00 TiB');
  });

  it('formatBytes defaults to GB', () => {
    expect(formatBytes(80e9)).toBe('80.0 GB');
  });
});

describe('formatByteTick', () => {
  it.each<[number, ByteUnit, string]>([
    [50e9, 'GB', '50 GB'],
    [1.5e9, 'GB', '1.5 GB'],
    [0, 'GiB', '0'],
    [2 ** 31, 'GiB', '2 GiB'],
  ])('formatByteTick(%d, %s) is %s', (bytes, unit, text) => {
    expect(formatByteTick(bytes, unit)).toBe(text);
  });
});

describe('unitBytes', () => {
  it('unitBytes is 1e9 for GB and 2^30 for GiB', () => {
    expect(unitBytes('GB')).toBe(1e9);
    expect(unitBytes('GiB')).toBe(1_073_741_824);
  });
});

describe('formatUsd and formatUsdTick', () => {
  it.each([
    [27.109, '$27.11'],
    [0.0421, '$0.042'],
    [1234.5, '$1,235'],
    [1, '$1.00'],
    [0, '$0'],
  ])('formatUsd(%d) is %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });

  it.each([
    [20, '$20'],
    [0.5, '$0.5'],
    [1234, '$1,230'], // three significant digits
  ])('formatUsdTick(%d) is %s', (usd, text) => {
    expect(formatUsdTick(usd)).toBe(text);
  });

  it("formatUsdTick's text is toLocaleString('en-US')'s of the three-digit value, from $0.0001 to $10M", () => {
    for (let e = -4; e <= 7; e++)
      for (let m = 1; m < 10; m += 0.037) {
        const usd = m * 10 ** e;
        expect(formatUsdTick(usd), String(usd)).toBe(
          `$${Number(usd.toPrecision(3)).toLocaleString('en-US')}`,
        );
      }
  });
});

describe('formatRate', () => {
  it.each([
    [2362.9, '2.36k'],
    [220.5, '221'],
    [999, '999'],
    [1.5e6, '1.5M'],
    [0.4567, '0.46'],
  ])('formatRate(%d) is %s', (value, text) => {
    expect(formatRate(value)).toBe(text);
  });
});

describe('numbers and counts', () => {
  it.each<[string, number, string, (n: number) => string]>([
    ['formatInteger', 108_641_793_536, '108,641,793,536', formatInteger],
    ['formatInteger', 2.5, '3', formatInteger],
    ['formatNumber', 8192, '8,192', formatNumber],
    ['formatNumber', 1.25, '1.25', formatNumber],
    ['formatCount', 8, '8', formatCount],
    ['formatCount', 255.93, '255.9', formatCount],
    ['formatCount', 7.97, '8', formatCount], // within 0.05 of a whole count
    ['formatPercent', 0.158, '15.8%', formatPercent],
    ['formatMilliseconds', 0.01234, '12.34 ms', formatMilliseconds],
  ])('%s(%d) is %s', (_, value, text, format) => {
    expect(format(value)).toBe(text);
  });

  it.each([
    [1, '1 token'],
    [2, '2 tokens'],
    [1024, '1,024 tokens'],
  ])("plural(%i, 'token') is %s", (n, text) => {
    expect(plural(n, 'token')).toBe(text);
  });
});

describe('formatParams', () => {
  it.each([
    [108_641_793_536, '108.64B'], // Llama 4 Scout
    [1_990_587_793_408, '1.99T'],
    [871_932_416, '871.93M'], // Scout's vision tower
    [1500, '1.50K'],
    [999, '999'],
  ])('formatParams(%i) is %s', (params, text) => {
    expect(formatParams(params)).toBe(text);
  });
});
