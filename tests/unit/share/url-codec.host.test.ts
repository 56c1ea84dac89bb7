import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  defaultComparison,
  DEFAULT_TRAINING,
  defaultConfig,
  DEFAULT_HOST_SETTINGS,
  type ExplorerConfig,
  type HostSettings,
} from '../../../src/lib/core/index.ts';
import { decode, encode, type SharedState } from '../../../src/lib/share/url-codec.ts';
import { install } from '../../../src/lib/state/local-model.ts';

const state = (config: ExplorerConfig): SharedState => ({
  config,
  view: { unit: 'GB', theme: 'system' },
  compare: defaultComparison(),
  training: { ...DEFAULT_TRAINING },
});

/** gpt-oss-120b on one RTX 4090 with a host. */
function local(host: Partial<HostSettings> = {}): ExplorerConfig {
  const config = defaultConfig('gpt-oss-120b');
  config.deployment = {
    ...config.deployment,
    deviceId: 'rtx-4090',
    devices: 1,
    contextTokens: 8192,
    host: { ...DEFAULT_HOST_SETTINGS, ...host },
  };
  return config;
}

describe('the share link with system RAM (the local model loaded)', () => {
  beforeAll(() => install());

  it('encode writes the host after the deployment: ram always, then what differs', () => {
    expect(encode(state(local({ nCpuMoe: 24 })))).toBe(
      'v=1&m=gpt-oss-120b&g=rtx-4090&n=1&ctx=8192&ram=64&ncmoe=24',
    );
  });

  it('decode(encode(s)) is s for hosts a person can set (DDR speeds, links, flags)', () => {
    const arb = fc
      .record({
        ramGb: fc.integer({ min: 1, max: 2048 }),
        mts: fc.constantFrom(2400, 3200, 4800, 5600, 6400),
        channels: fc.constantFrom(1, 2, 4, 8, 12),
        measured: fc.option(
          fc.integer({ min: 10, max: 5000 }).map((x) => x / 10),
          {
            nil: undefined,
          },
        ),
        pcie: fc.constantFrom('gen3x16', 'gen4x16', 'gen4x8', 'gen5x16', 'gen4x4'),
        cpuMoe: fc.boolean(),
        nCpuMoe: fc.integer({ min: 0, max: 36 }),
        gpuLayers: fc.option(fc.integer({ min: 0, max: 37 }), { nil: null }),
        // A percentage to a tenth, as the field takes it: 5% to 100%.
        gpuShare: fc.option(
          fc.integer({ min: 50, max: 1000 }).map((x) => x / 1000),
          { nil: null },
        ),
      })
      .map((r) =>
        state(
          local({
            memoryBytes: r.ramGb * 1e9,
            bandwidthBytesPerSecond:
              r.measured === undefined ? r.mts * 8e6 * r.channels : Math.round(r.measured * 1e9),
            pcie: r.pcie,
            cpuMoe: r.cpuMoe,
            nCpuMoe: r.nCpuMoe,
            gpuLayers: r.gpuLayers,
            gpuShare: r.gpuShare,
          }),
        ),
      );
    fc.assert(
      fc.property(arb, (s) => {
        expect(decode(encode(s))).toEqual({ ...s, warnings: [] });
      }),
      { numRuns: 100 },
    );
  });

  it("a unified pool's GPU share is carried as gshare and read back; out of range, the default with a notice", () => {
    const config = local({ gpuShare: 0.9 });
    config.deployment.deviceId = 'm4-max-128gb';
    const query = encode(state(config));
    expect(query).toBe('v=1&m=gpt-oss-120b&g=m4-max-128gb&n=1&ctx=8192&ram=64&gshare=0.9');
    expect(decode(query).config.deployment.host?.gpuShare).toBe(0.9);
    const bad = decode(query.replace('gshare=0.9', 'gshare=0.01'));
    expect(bad.config.deployment.host?.gpuShare).toBeNull();
    expect(bad.warnings).toEqual([
      'gshare (GPU share of the unified pool): expected a number from 0.05 to 1, got "0.01"; ignored',
    ]);
  });

  it('a data-centre link carries no host parameter, and reads back without a host', () => {
    const query = encode(state(defaultConfig('deepseek-v3')));
    expect(query).not.toMatch(/ram|ncmoe|pcie/);
    expect(decode(query).config.deployment.host).toBeNull();
  });

  it('a host link with n=8 is read on one GPU, with a notice', () => {
    const decoded = decode('m=gpt-oss-120b&g=rtx-4090&n=8&ram=64');
    expect(decoded.config.deployment).toMatchObject({ devices: 1, host: DEFAULT_HOST_SETTINGS });
    expect(decoded.warnings).toEqual(['n (GPUs): expected 1 with system RAM, got "8"; read as 1']);
  });

  it('bad host values are each reported, and the rest of the link applies', () => {
    const decoded = decode('m=gpt-oss-120b&g=rtx-4090&ram=lots&rbw=0&ngl=-1&ncmoe=24');
    expect(decoded.config.deployment.host).toEqual({ ...DEFAULT_HOST_SETTINGS, nCpuMoe: 24 });
    expect(decoded.warnings).toEqual([
      'ram (System RAM, GB): expected a number from 1 to 100000, got "lots"; ignored',
      'rbw (RAM bandwidth, GB/s): expected a number from 1 to 100000, got "0"; ignored',
      'ngl (GPU layers): expected a whole number from 0 to 4097, got "-1"; ignored',
    ]);
  });

  it('a pinned column keeps its host (p=gpt-oss-120b,...,ram:64,ncmoe:24)', () => {
    const pinned = local({ nCpuMoe: 24 });
    const s = { ...state(defaultConfig()), compare: { ...defaultComparison(), pins: [pinned] } };
    const query = encode(s);
    expect(query).toContain('p=gpt-oss-120b,g:rtx-4090,n:1,ctx:8192,ram:64,ncmoe:24');
    expect(decode(query).compare.pins).toEqual([pinned]);
  });

  it('a pinned column on a unified pool keeps its GPU share (…,gshare:0.9)', () => {
    const pinned = local({ gpuShare: 0.9 });
    pinned.deployment.deviceId = 'm4-max-128gb';
    const s = { ...state(defaultConfig()), compare: { ...defaultComparison(), pins: [pinned] } };
    const query = encode(s);
    expect(query).toContain('p=gpt-oss-120b,g:m4-max-128gb,n:1,ctx:8192,ram:64,gshare:0.9');
    expect(decode(query).compare.pins).toEqual([pinned]);
  });
});

describe('the share link with system RAM, the local model not loaded', () => {
  it('leaves the host out and says that the local model could not be loaded', async () => {
    vi.resetModules();
    const core = await import('../../../src/lib/core/index.ts');
    await core.loadPreset(core.findPreset('gpt-oss-120b')!);
    // What the page installs as it opens its link (state/share.ts), but not the local model.
    core.addServingModel(core.SERVING_MODEL);
    const { addLinkDecoders } = await import('../../../src/lib/share/link-decoders.ts');
    addLinkDecoders((await import('../../../src/lib/share/link-decoders-all.ts')).LINK_DECODERS);
    const codec = await import('../../../src/lib/share/url-codec.ts');
    const decoded = codec.decode('m=gpt-oss-120b&n=1&ram=64&ncmoe=24');
    expect(decoded.config.deployment.host).toBeNull();
    expect(decoded.warnings).toEqual(['ram, ncmoe: the local model could not be loaded; ignored']);
  });
});
