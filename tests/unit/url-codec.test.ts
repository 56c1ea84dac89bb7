import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultConfig,
  DEVICE_IDS,
  presets,
  resolveExplorer,
  type ExplorerConfig,
} from '../../src/lib/core/index.ts';
import { decode, encode, type SharedState } from '../../src/lib/state/url-codec.ts';

const state = (
  config: ExplorerConfig,
  view: SharedState['view'] = { unit: 'GB', theme: 'system' },
): SharedState => ({ config, view });

describe('url codec', () => {
  it('encodes the default state as just the version', () => {
    expect(encode(state(defaultConfig()))).toBe('v=1');
  });

  it('encodes a typical state in short, readable parameters', () => {
    const config = defaultConfig('deepseek-v3');
    config.arch = { topK: 4 };
    config.deployment = {
      ...config.deployment,
      deviceId: 'h200',
      devices: 16,
      tp: 1,
      ep: 16,
      contextTokens: 1048576,
      batch: 64,
    };
    const query = encode(state(config, { unit: 'GiB', theme: 'dark' }));
    expect(query).toBe(
      'v=1&m=deepseek-v3&k=4&g=h200&n=16&ctx=1048576&b=64&tp=1&ep=16&u=GiB&th=dark',
    );
    expect(query.length).toBeLessThan(200);
    expect(decode(query)).toEqual({
      ...state(config, { unit: 'GiB', theme: 'dark' }),
      warnings: [],
    });
  });

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
        kvLayout: fc.constantFrom('hybrid', 'full' as const),
        weights: fc.constantFrom(null, 'bf16', 'fp8', 'int4', 'q4_k_m' as const),
        skew: fc.integer({ min: 0, max: 40 }).map((x) => x / 20),
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
        };
        config.deployment = {
          ...config.deployment,
          deviceId: r.deviceId,
          devices: r.devices,
          contextTokens: r.contextTokens,
          batch: r.batch,
          kvDtype: r.kvDtype,
          kvLayout: r.kvLayout,
          weights: r.weights,
          skew: r.skew,
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
      { numRuns: 200 },
    );
  });

  it('reports each ignored parameter and applies the rest', () => {
    const decoded = decode(
      'v=1&m=kimi-k2&k=999&b=-5&g=<script>alert(1)</script>&zz=1&kd=fp8&__proto__=1',
    );
    expect(decoded.config.source).toEqual({ kind: 'preset', id: 'kimi-k2' });
    expect(decoded.config.deployment.kvDtype).toBe('fp8');
    expect(decoded.config.arch).toEqual({});
    expect(decoded.warnings).toHaveLength(5);
    expect(decoded.warnings.join('\n')).toMatch(
      /k \(Active experts per token\): expected a whole number from 1 to 64, got "999"/,
    );
    expect(decoded.warnings.join('\n')).toContain(
      'b (Batch size): expected a whole number from 1 to 65536, got "-5"',
    );
    expect(decoded.warnings.join('\n')).toContain('"__proto__": not a parameter of this explorer');
  });

  it('drops values that do not fit together, with a warning', () => {
    const decoded = decode('v=1&m=mixtral-8x7b&k=8&E=4');
    expect(decoded.config.arch).toEqual({ experts: 4 });
    expect(decoded.warnings[0]).toMatch(
      /^k: num_experts_per_tok: expected at most the number of routed experts \(4\), got 8; ignored$/,
    );
    const layout = decode('v=1&n=8&tp=3');
    expect(layout.config.deployment.tp).toBeNull();
    expect(layout.warnings[0]).toMatch(/^tp, ep, pp: tp: expected a divisor/);
  });

  it('opens a link without a version, and one from an unknown version, as version 1', () => {
    expect(decode('m=dbrx').config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    const future = decode('v=9&m=dbrx');
    expect(future.config.source).toEqual({ kind: 'preset', id: 'dbrx' });
    expect(future.warnings[0]).toMatch(/^v: expected a link version/);
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
