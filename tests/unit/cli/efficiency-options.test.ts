import { describe, expect, it } from 'vitest';
import { DEFAULT_EFFICIENCY } from '../../../src/lib/core/index.ts';
import { EFFICIENCY_OPTION_TABLE, efficiencyOptions } from '../../../src/cli/efficiency-options.ts';
import { runCli } from '../../../src/cli/run.ts';

const opts = (o: Record<string, string>) => new Map(Object.entries(o));

describe('efficiencyOptions', () => {
  it('gives the core only what the command line sets, microseconds in seconds', () => {
    expect(efficiencyOptions(opts({}))).toEqual({});
    expect(
      efficiencyOptions(
        opts({
          'expert-bandwidth-efficiency': '0.6',
          'kernel-us': '4',
          'attention-efficiency': '0.5',
        }),
      ),
    ).toEqual({ expertBandwidth: 0.6, kernelSeconds: 4e-6, attentionCompute: 0.5 });
  });

  it("shows the core's defaults in the help", () => {
    const shown = (name: string) => EFFICIENCY_OPTION_TABLE.find((o) => o.name === name)!.default;
    expect(shown('expert-bandwidth-efficiency')).toBe(String(DEFAULT_EFFICIENCY.expertBandwidth));
    expect(shown('attention-efficiency')).toBe(String(DEFAULT_EFFICIENCY.attentionCompute));
    expect(shown('kernel-us')).toBe('5');
  });

  it('slows the decode of a model whose experts are read when their efficiency drops', () => {
    const tps = (extra: string[]) =>
      JSON.parse(
        runCli(['serve', 'qwen3-30b-a3b', '--gpu', 'h100-sxm', '--batch', '64', ...extra, '--json'])
          .stdout,
      ).decode.tokensPerSecond as number;
    expect(tps(['--expert-bandwidth-efficiency', '0.25'])).toBeLessThan(tps([]));
  });

  it('refuses a value out of range, naming the flag', () => {
    const out = runCli(['serve', 'qwen3-30b-a3b', '--expert-bandwidth-efficiency', '2']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--expert-bandwidth-efficiency: expected a number from 0.01 to 1');
  });
});
