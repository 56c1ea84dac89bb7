import { describe, expect, it } from 'vitest';
import { HOST_OPTION_TABLE, localOptions } from '../../../src/cli/host-options.ts';
import { DEFAULT_PLACEMENT, findPreset, presetSpec } from '../../../src/lib/core/index.ts';

const spec = presetSpec(findPreset('gpt-oss-20b')!);
const of = (entries: [string, string][]) => localOptions(new Map(entries), spec);

describe('host options', () => {
  it('none given: a data-centre deployment (null)', () => {
    expect(of([['gpu', 'h100-sxm']])).toBeNull();
  });

  it('each maps to the core: GB to bytes, the PCIe link, llama.cpp flags', () => {
    expect(
      of([
        ['host-memory-gb', '128'],
        ['host-bandwidth-gbs', '102.4'],
        ['pcie', 'gen5x16'],
        ['n-cpu-moe', '12'],
        ['n-gpu-layers', 'all'],
        ['override-tensor', 'blk\\.0\\.=CPU,attn_q=CPU'],
      ]),
    ).toEqual({
      host: { memoryBytes: 128e9, bandwidthBytesPerSecond: 102.4e9, linkBytesPerSecond: 63e9 },
      placement: {
        ...DEFAULT_PLACEMENT,
        nCpuMoe: 12,
        overrides: ['blk\\.0\\.', 'attn_q'],
      },
    });
    expect(of([['cpu-moe', 'true']])!.placement.cpuMoe).toBe(true);
    expect(of([['n-gpu-layers', '10']])!.placement.gpuLayers).toBe(10);
  });

  it('the table lists every option it reads, each in the help group of its own', () => {
    expect(HOST_OPTION_TABLE.map((o) => o.name)).toEqual([
      'host-memory-gb',
      'host-bandwidth-gbs',
      'pcie',
      'gguf',
      'cpu-moe',
      'n-cpu-moe',
      'n-gpu-layers',
      'gpu-share',
      'ubatch',
      'override-tensor',
    ]);
    expect(new Set(HOST_OPTION_TABLE.map((o) => o.group)).size).toBe(1);
  });
});

describe('unified devices and the micro-batch', () => {
  it('a unified device runs the local model without a host flag; --gpu-share sets its GPU share', () => {
    expect(localOptions(new Map(), spec, true)).not.toBeNull();
    expect(of([['gpu-share', '0.97']])!.unified).toEqual({ gpuShare: 0.97 });
    expect(of([['ubatch', '4096']])!.ubatch).toBe(4096);
  });
});
