import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultComparison,
  DEFAULT_TRAINING,
  defaultConfig,
  DEVICE_IDS,
  presets,
  resolveExplorer,
  type ExplorerConfig,
} from '../../../src/lib/core/index.ts';
import { decode, encode, type SharedState } from '../../../src/lib/share/url-codec.ts';

const state = (
  config: ExplorerConfig,
  view: SharedState['view'] = { unit: 'GB', theme: 'system' },
): SharedState => ({
  config,
  view,
  compare: defaultComparison(),
  training: { ...DEFAULT_TRAINING },
});

describe('url codec', () => {
  it('decode(encode(s)) is s for reachable states', () => {
    const arb = fc
      .record({
        preset: fc.constantFrom(...presets.map((p) => p.id)),
        topK: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
        layers: fc.option(fc.integer({ min: 1, max: 128 }), { nil: undefined }),
        deviceId: fc.constantFrom(...DEVICE_IDS),
        devices: fc.constantFrom(1, 2, 4, 8, 16),
        contextTokens: fc.integer({ min: 1, max: 16 * 2 ** 20 }),
        batch: fc.integer({ min: 1, max: 65536 }),
        kvDtype: fc.constantFrom('bf16', 'fp16', 'fp8' as const),
        kvLayout: fc.constantFrom(null, 'hybrid', 'full' as const),
        weights: fc.constantFrom(null, 'bf16', 'fp8', 'int4', 'q4_k_m' as const),
        skew: fc.integer({ min: 0, max: 40 }).map((x) => x / 20),
        capacityFactor: fc.integer({ min: 10, max: 80 }).map((x) => x / 20),
        usdPerHour: fc.option(
          fc.integer({ min: 0, max: 5000 }).map((x) => x / 100),
          { nil: null },
        ),
        expertWeights: fc.constantFrom(null, 'mxfp4', 'nvfp4', 'fp8' as const),
        layout: fc.constantFrom('tp', 'ep', 'tpep' as const),
        arch: fc.record(
          {
            experts: fc.integer({ min: 8, max: 512 }),
            sharedExperts: fc.integer({ min: 0, max: 4 }),
            expertFfn: fc.integer({ min: 64, max: 8192 }),
            hiddenSize: fc.integer({ min: 256, max: 16384 }),
            headDim: fc.integer({ min: 32, max: 256 }),
          },
          { requiredKeys: [] },
        ),
        unit: fc.constantFrom('GB', 'GiB' as const),
        theme: fc.constantFrom('system', 'light', 'dark' as const),
      })
      .map((r) => {
        const config = defaultConfig(r.preset);
        const dense =
          presets.find((p) => p.id === r.preset)!.published.active ===
          presets.find((p) => p.id === r.preset)!.published.total;
        config.arch = {
          ...(r.layers !== undefined ? { layers: r.layers } : {}),
          ...(r.topK !== undefined && !dense ? { topK: r.topK } : {}),
          ...(dense ? {} : r.arch),
        };
        const layout = {
          tp: { tp: null, ep: 1 },
          ep: { tp: 1, ep: r.devices },
          tpep: { tp: null, ep: r.devices },
        }[r.layout];
        config.deployment = {
          ...config.deployment,
          ...layout,
          deviceId: r.deviceId,
          devices: r.devices,
          contextTokens: r.contextTokens,
          batch: r.batch,
          kvDtype: r.kvDtype,
          kvLayout: r.kvLayout,
          weights: r.weights,
          expertWeights: r.expertWeights,
          skew: r.skew,
          capacityFactor: r.capacityFactor,
          usdPerHour: r.usdPerHour,
        };
        return state(config, { unit: r.unit, theme: r.theme });
      })
      .filter((s) => {
        try {
          return resolveExplorer(s.config).servingError === null;
        } catch {
          return false;
        }
      });
    fc.assert(
      fc.property(arb, (s) => {
        expect(decode(encode(s))).toEqual({ ...s, warnings: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        decode(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('url codec with pins', () => {
  it('decode(encode(s)) is s for up to three pins and any comparison settings', () => {
    const pin = fc
      .record({
        preset: fc.constantFrom(...presets.map((p) => p.id)),
        deviceId: fc.constantFrom(...DEVICE_IDS),
        devices: fc.constantFrom(1, 2, 8, 16),
        weights: fc.constantFrom(null, 'bf16', 'fp8', 'int4' as const),
        batch: fc.integer({ min: 1, max: 4096 }),
        layers: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
      })
      .map((r) => {
        const config = defaultConfig(r.preset);
        if (r.layers !== undefined) config.arch = { layers: r.layers };
        config.deployment = {
          ...config.deployment,
          deviceId: r.deviceId,
          devices: r.devices,
          weights: r.weights,
          batch: r.batch,
        };
        return config;
      })
      .filter((c) => {
        try {
          return resolveExplorer(c).servingError === null;
        } catch {
          return false;
        }
      });
    const arb = fc.record({
      pins: fc.array(pin, { maxLength: 3 }),
      settings: fc.record({
        same: fc.boolean(),
        deviceId: fc.constantFrom(...DEVICE_IDS),
        devices: fc.integer({ min: 1, max: 1024 }),
        weights: fc.constantFrom('bf16', 'fp8', 'nvfp4', 'q4_k_m' as const),
      }),
    });
    fc.assert(
      fc.property(arb, (compare) => {
        const s = { ...state(defaultConfig()), compare };
        expect(decode(encode(s))).toEqual({ ...s, warnings: [] });
      }),
      { numRuns: 150 },
    );
  });
});
