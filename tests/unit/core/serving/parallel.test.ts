import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  dataParallelAttention,
  parseHFConfig,
  resolveLayout,
  stageLayers,
} from '../../../../src/lib/core/index.ts';
import { configErrorOf } from '../../helpers/errors.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const llama8b = parseHFConfig(fixtureConfig('llama3.1-8b'));

describe('parallel layout', () => {
  it('defaults to one tensor-parallel group, or the largest that divides the heads', () => {
    expect(resolveLayout(scout, { devices: 8 })).toMatchObject({ tp: 8, ep: 1, pp: 1, dp: 1 });
    expect(resolveLayout(scout, { devices: 16 })).toMatchObject({ tp: 8, dp: 2 }); // 40 heads
    expect(resolveLayout(deepseek, { devices: 72, tp: 1, ep: 72 })).toMatchObject({
      dp: 72,
      expertShards: 72,
    });
  });

  it.each([
    [{ devices: 8, tp: 3 }, 'tp'],
    [{ devices: 8, tp: 16 }, 'tp'],
    [{ devices: 8, pp: 3 }, 'pp'],
    [{ devices: 8, ep: 5 }, 'ep'],
    [{ devices: 0 }, 'devices'],
  ])('%j is rejected, naming %s', (options, field) => {
    expect(() => resolveLayout(scout, options)).toThrow(ConfigError);
    try {
      resolveLayout(scout, options);
    } catch (e) {
      expect((e as ConfigError).field).toBe(field);
    }
  });
});

describe('resolveLayout', () => {
  it('resolveLayout(Scout, 16 devices, pp 2) puts 8 devices in each stage, one TP group of 8', () => {
    expect(resolveLayout(scout, { devices: 16, pp: 2 })).toEqual({
      devices: 16,
      tp: 8,
      ep: 1,
      pp: 2,
      dp: 1,
      expertShards: 8,
      nodes: 2,
      gpusPerNode: 8,
      scaleUpDomain: 8,
    });
  });

  it("resolveLayout places devices in nodes: given, derived from the other, or the fabric's node", () => {
    expect(resolveLayout(scout, { devices: 16, nodes: 4 })).toMatchObject({
      nodes: 4,
      gpusPerNode: 4,
      scaleUpDomain: 4,
    });
    expect(resolveLayout(scout, { devices: 16, gpusPerNode: 4 })).toMatchObject({ nodes: 4 });
    expect(resolveLayout(scout, { devices: 4 })).toMatchObject({ nodes: 1, gpusPerNode: 4 });
    // GB200 NVL72 (fabric of 72): trays of 4, one NVLink domain across them
    expect(resolveLayout(deepseek, { devices: 72, tp: 1, ep: 72 }, 72)).toMatchObject({
      nodes: 18,
      gpusPerNode: 4,
      scaleUpDomain: 72,
    });
  });

  it('resolveLayout refuses nodes that do not multiply to the devices, naming the field', () => {
    const bad = (o: { nodes?: number; gpusPerNode?: number }) => () =>
      resolveLayout(scout, { devices: 16, ...o });
    expect(bad({ nodes: 3 })).toThrow(/nodes.*a divisor of the 16 devices/);
    expect(bad({ nodes: 3, gpusPerNode: 8 })).toThrow(/nodes x gpus per node must be the devices/);
    expect(bad({ gpusPerNode: 16 })).toThrow(/gpus per node.*from 1 to 8/);
    expect(bad({ nodes: 1 })).toThrow(/nodes.*at least 2/);
    expect(bad({ nodes: 0 })).toThrow(ConfigError);
  });

  it('resolveLayout names one device in the singular when a layout must divide it', () => {
    expect(configErrorOf(() => resolveLayout(deepseek, { devices: 1, ep: 8 })).message).toBe(
      'ep: expected a divisor of the 1 device per pipeline stage, got 8',
    );
  });

  it('resolveLayout with ep > 1 shards experts over ep devices, else over the TP group', () => {
    expect(resolveLayout(deepseek, { devices: 8, tp: 8, ep: 8 }).expertShards).toBe(8);
    expect(resolveLayout(deepseek, { devices: 8, tp: 2 }).expertShards).toBe(2);
    expect(resolveLayout(deepseek, { devices: 8, tp: 1, ep: 8 }).expertShards).toBe(8);
  });

  it('resolveLayout with ep below tp splits each expert the other tp / ep ways (SGLang --tp 8 --ep 2)', () => {
    // server_args.py: moe_tp_size = tp_size / ep_size; the experts still span all 8 devices
    expect(resolveLayout(deepseek, { devices: 8, tp: 8, ep: 2 }).expertShards).toBe(8);
    const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
    expect(configErrorOf(() => resolveLayout(mixtral, { devices: 24, tp: 8, ep: 6 })).message).toBe(
      'ep: expected a divisor of tp (8) when it is smaller, got 6',
    );
  });

  it.each<[string, Parameters<typeof resolveLayout>[1], string]>([
    ['ep 2 on a dense model', { devices: 8, ep: 2 }, 'ep'],
    ['pp 64 on 32 layers', { devices: 64, pp: 64 }, 'pp'],
    ['2.5 devices', { devices: 2.5 }, 'devices'],
  ])('resolveLayout(Llama 3.1 8B, %s) is a ConfigError naming %s', (_, options, field) => {
    expect(configErrorOf(() => resolveLayout(llama8b, options)).field).toBe(field);
  });

  it('resolveLayout(Mixtral, ep 16) is refused: at most the 8 routed experts', () => {
    const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));
    expect(configErrorOf(() => resolveLayout(mixtral, { devices: 16, ep: 16 })).message).toBe(
      'ep: expected at most the number of routed experts (8), got 16',
    );
  });
});

describe('dataParallelAttention', () => {
  it('replicas of the attention with the experts split across them (ep > tp)', () => {
    expect(dataParallelAttention({ dp: 8, tp: 1, ep: 8 })).toBe(true);
    expect(dataParallelAttention({ dp: 4, tp: 2, ep: 8 })).toBe(true);
  });
  it('not one replica, nor replicas that each hold whole experts (ep <= tp)', () => {
    expect(dataParallelAttention({ dp: 1, tp: 8, ep: 8 })).toBe(false);
    expect(dataParallelAttention({ dp: 4, tp: 2, ep: 2 })).toBe(false);
    expect(dataParallelAttention({ dp: 8, tp: 1, ep: 1 })).toBe(false);
  });
});

describe('stageLayers', () => {
  it.each([
    [48, 1, [48]],
    [48, 4, [12, 12, 12, 12]],
    [61, 4, [16, 16, 16, 13]], // ceil(61 / 4) = 16 per stage, the last takes the rest
    [3, 2, [2, 1]],
  ])('stageLayers(%i, %i) has stages of %j layers', (layers, pp, sizes) => {
    expect(stageLayers(layers, pp).map((s) => s.length)).toEqual(sizes);
  });

  it('stageLayers(5, 2) is contiguous: [0, 1, 2] and [3, 4]', () => {
    expect(stageLayers(5, 2)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
  });
});
