import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST_SETTINGS,
  defaultConfig,
  localFitSuggestions,
  resolveDeployment,
  resolveExplorer,
  type DeploymentSettings,
  type ExplorerResult,
  type HostSettings,
  type LocalFitSuggestion,
  type LocalServingEstimate,
} from '../../../../src/lib/core/index.ts';

/** gpt-oss-120b on one device with a host, at 8k context. */
function on(deviceId: string, host: Partial<HostSettings> = {}) {
  const config = defaultConfig('gpt-oss-120b');
  config.deployment = {
    ...config.deployment,
    deviceId,
    devices: 1,
    contextTokens: 8192,
    host: { ...DEFAULT_HOST_SETTINGS, ...host },
  };
  const result = resolveExplorer(config);
  const serving = result.serving as LocalServingEstimate;
  return { result, deployment: config.deployment, serving };
}

function suggest(deviceId: string, host: Partial<HostSettings> = {}) {
  const { result, deployment, serving } = on(deviceId, host);
  return { result, deployment, serving, found: localFitSuggestions(result, deployment, serving) };
}

/** Every suggestion, applied, fits on both sides, on the same one GPU. */
function expectEachFits(
  result: ExplorerResult,
  deployment: DeploymentSettings,
  found: LocalFitSuggestion[],
) {
  for (const s of found) {
    const after = resolveDeployment(result, { ...deployment, ...s.patch })
      .serving as LocalServingEstimate;
    expect(after.fits, s.label).toBe(true);
    expect(after.deviceUsedBytes).toBe(s.deviceUsedBytes);
    expect(s.patch.devices ?? 1).toBe(1);
    expect(s.patch.deviceId ?? deployment.deviceId).toBe(deployment.deviceId);
  }
}

describe('localFitSuggestions', () => {
  it('gpt-oss-120b on an RTX 4090 with 64 GB: --n-cpu-moe 24 first, a smaller quant, never more GPUs', () => {
    const { result, deployment, serving, found } = suggest('rtx-4090');
    expect(serving.fitsDevice).toBe(false);
    expect(found[0]).toMatchObject({
      axis: 'placement',
      label: '--n-cpu-moe 24: the routed experts of the first 24 layers in RAM',
      patch: { host: { ...DEFAULT_HOST_SETTINGS, nCpuMoe: 24 } },
    });
    const axes = found.map((s) => s.axis);
    expect(axes).not.toContain('ram'); // 64 GB holds the host's part
    expect(axes).not.toContain('share'); // a GPU with its own memory
    // A smaller quant than MXFP4 experts with BF16 elsewhere: Q2_K, with its own --n-cpu-moe.
    const quant = found.find((s) => s.axis === 'weights');
    expect(quant?.label).toMatch(/^Weights in GGUF Q\d_K(_M)?, with --n-cpu-moe \d+$/);
    expectEachFits(result, deployment, found);
  });

  it('too little RAM for the experts (32 GB with --cpu-moe): the smallest RAM size that holds them', () => {
    const { result, deployment, serving, found } = suggest('rtx-4090', {
      memoryBytes: 32e9,
      cpuMoe: true,
    });
    expect(serving.fitsDevice).toBe(true);
    expect(serving.fitsHost).toBe(false);
    const ram = found.find((s) => s.axis === 'ram')!;
    expect(ram.label).toBe('64 GB of RAM');
    expect(ram.hostMemoryBytes).toBe(64e9);
    expect(ram.hostUsedBytes).toBeGreaterThan(32e9);
    expectEachFits(result, deployment, found);
  });

  it('the suggested --n-cpu-moe takes the RAM it then needs when there is too little', () => {
    const { result, deployment, found } = suggest('rtx-4090', { memoryBytes: 16e9 });
    const placement = found.find((s) => s.axis === 'placement')!;
    expect(placement.label).toMatch(/^--n-cpu-moe 24: .*, with (48|64) GB of RAM$/);
    expectEachFits(result, deployment, found);
  });

  it("a unified pool (M4 Max 128GB) at a 40% GPU share: raise the share, or keep experts on the pool's CPU side", () => {
    const { result, deployment, serving, found } = suggest('m4-max-128gb', { gpuShare: 0.4 });
    expect(serving.unified).toBe(true);
    expect(serving.fitsDevice).toBe(false);
    expect(serving.fitsHost).toBe(true);
    const share = found.find((s) => s.axis === 'share')!;
    expect(share.label).toMatch(/^GPU share \d+% of the pool$/);
    const gpuShare = (share.patch.host as HostSettings).gpuShare!;
    // The whole percent that fits: 1% less does not.
    expect(gpuShare).toBeGreaterThan(0.4);
    const less = resolveDeployment(result, {
      ...deployment,
      host: { ...deployment.host!, gpuShare: gpuShare - 0.01 },
    }).serving as LocalServingEstimate;
    expect(less.fitsDevice).toBe(false);
    expect(found.map((s) => s.axis)).toContain('placement');
    expect(found.map((s) => s.axis)).not.toContain('ram');
    expectEachFits(result, deployment, found);
  });

  it('nothing to suggest for a deployment that fits', () => {
    const { found } = suggest('rtx-4090', { nCpuMoe: 27 });
    expect(found).toEqual([]);
  });

  it('a quantized KV cache (q8_0), a shorter context or a smaller batch when the KV cache is what does not fit', () => {
    const config = defaultConfig('qwen3-30b-a3b');
    config.deployment = {
      ...config.deployment,
      deviceId: 'rtx-4090',
      devices: 1,
      weights: 'q4_k_m',
      // 64k tokens x 4 sequences of BF16 KV: 26 GB on the GPU; in q8_0, 14 GB.
      contextTokens: 65536,
      batch: 4,
      host: { ...DEFAULT_HOST_SETTINGS, cpuMoe: true },
    };
    const result = resolveExplorer(config);
    const serving = result.serving as LocalServingEstimate;
    expect(serving.fits).toBe(false);
    const found = localFitSuggestions(result, config.deployment, serving);
    expect(found.map((s) => [s.axis, s.label])).toEqual([
      ['layers', expect.stringMatching(/^-ngl \d+: \d+ of 49 layers on the GPU, the rest in RAM$/)],
      ['kv', 'KV cache in q8_0 (-ctk q8_0 -ctv q8_0)'],
      ['context', expect.stringMatching(/^Context .* tokens, the most that fits$/)],
      ['batch', expect.stringMatching(/^Batch [1-3], the most that fits$/)],
    ]);
    expectEachFits(result, config.deployment, found);
  });

  it('with every expert in RAM and still too much KV cache on the GPU: the most layers (-ngl) that fit', () => {
    const config = defaultConfig('qwen3-30b-a3b');
    config.deployment = {
      ...config.deployment,
      deviceId: 'rtx-4090',
      devices: 1,
      weights: 'q4_k_m',
      contextTokens: 65536,
      batch: 16,
      host: { ...DEFAULT_HOST_SETTINGS, cpuMoe: true, memoryBytes: 256e9 },
    };
    const result = resolveExplorer(config);
    const serving = result.serving as LocalServingEstimate;
    expect(serving.suggestedNCpuMoe).toBeNull();
    const found = localFitSuggestions(result, config.deployment, serving);
    const layers = found.find((s) => s.axis === 'layers')!;
    const n = (layers.patch.host as HostSettings).gpuLayers!;
    expect(layers.label).toBe(`-ngl ${n}: ${n} of 49 layers on the GPU, the rest in RAM`);
    const more = resolveDeployment(result, {
      ...config.deployment,
      host: { ...config.deployment.host!, gpuLayers: n + 1 },
    }).serving as LocalServingEstimate;
    expect(more.fitsDevice).toBe(false);
    expectEachFits(result, config.deployment, found);
  });
});
