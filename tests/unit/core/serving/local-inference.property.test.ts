import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_PLACEMENT,
  defaultWeightPlan,
  findPreset,
  localMemory,
  presetSpec,
  suggestNCpuMoe,
  type LocalSetup,
} from '../../../../src/lib/core/index.ts';

// Issue 12's properties of the placement, over MoE presets, GPU sizes, contexts, batches and KV
// types: moving experts to the host never increases device bytes, and the suggested
// --n-cpu-moe N fits while N - 1 does not.
const MODELS = ['gpt-oss-20b', 'gpt-oss-120b', 'qwen3-30b-a3b', 'mixtral-8x7b', 'olmoe-1b-7b'];
const models = new Map(
  MODELS.map((id) => {
    const spec = presetSpec(findPreset(id)!);
    return [id, { spec, count: countParams(spec), plan: defaultWeightPlan(spec) }];
  }),
);
const GiB = 2 ** 30;

const setups = fc
  .record({
    model: fc.constantFrom(...MODELS),
    deviceGiB: fc.integer({ min: 4, max: 96 }),
    contextTokens: fc.integer({ min: 1, max: 131_072 }),
    batch: fc.integer({ min: 1, max: 8 }),
    kvDtype: fc.constantFrom('fp16' as const, 'q8_0' as const, 'q4_0' as const),
  })
  .map(({ model, deviceGiB, contextTokens, batch, kvDtype }): LocalSetup => {
    const m = models.get(model)!;
    return {
      ...m,
      device: {
        id: 'test-gpu',
        name: 'Test GPU',
        memoryBytes: deviceGiB * GiB,
        bandwidthBytesPerSecond: 1e12,
        flopsPerSecond: { bf16: 100e12, fp8: null, fp4: null },
        scaleUpBytesPerSecond: 32e9,
        scaleUpDomain: 1,
        scaleOutBytesPerSecond: 0,
        usdPerHour: 0,
      },
      unified: false,
      deviceUsableBytes: deviceGiB * GiB - GiB,
      host: {
        memoryBytes: 256e9,
        bandwidthBytesPerSecond: 90e9,
        flopsPerSecond: 1e12,
        linkBytesPerSecond: 32e9,
      },
      flags: DEFAULT_PLACEMENT,
      kvDtype,
      contextTokens,
      batch,
      ubatch: 512,
      efficiency: {
        deviceBandwidth: 0.7,
        hostBandwidth: 0.4,
        compute: 0.45,
        layerOverheadSeconds: 80e-6,
      },
    };
  });

describe('local placement, as properties', () => {
  it('moving the experts of more layers to the host never increases device bytes', () => {
    fc.assert(
      fc.property(setups, (s) => {
        let last = Infinity;
        for (let n = 0; n <= s.count.layers.length; n++) {
          const bytes = localMemory(s, { ...s.flags, nCpuMoe: n }).deviceBytes;
          expect(bytes).toBeLessThanOrEqual(last);
          last = bytes;
        }
        expect(localMemory(s, { ...s.flags, cpuMoe: true }).deviceBytes).toBe(last);
      }),
      { seed: 12, numRuns: 60 },
    );
  });

  it('the suggested --n-cpu-moe fits and one less does not; none is suggested when nothing fits', () => {
    fc.assert(
      fc.property(setups, (s) => {
        const n = suggestNCpuMoe(s);
        const fits = (k: number) => localMemory(s, { ...s.flags, nCpuMoe: k }).fitsDevice;
        if (n === null) expect(fits(s.count.layers.length)).toBe(false);
        else {
          expect(fits(n)).toBe(true);
          if (n > 0) expect(fits(n - 1)).toBe(false);
        }
      }),
      { seed: 12, numRuns: 60 },
    );
  });
});
