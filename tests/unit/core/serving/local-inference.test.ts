import { describe, expect, it } from 'vitest';
import {
  countParams,
  DEFAULT_PLACEMENT,
  defaultWeightPlan,
  localDecode,
  localMemory,
  localPrefill,
  parseHFConfig,
  suggestNCpuMoe,
  type Device,
  type LocalSetup,
} from '../../../../src/lib/core/index.ts';
import { moreModelConfig } from '../../helpers/fixtures.ts';

const GiB = 2 ** 30;
// An RTX 4090 as the test's own device (24 GiB, 1,008 GB/s: NVIDIA Ada whitepaper), so that
// these tests do not depend on the catalog's entry.
const rtx4090: Device = {
  id: 'test-4090',
  name: 'Test RTX 4090',
  memoryBytes: 24 * GiB,
  bandwidthBytesPerSecond: 1008e9,
  flopsPerSecond: { bf16: 165e12, fp8: 330e12, fp4: null },
  scaleUpBytesPerSecond: 32e9,
  scaleUpDomain: 1,
  scaleOutBytesPerSecond: 0,
  usdPerHour: 0,
};

function setup(over: Partial<LocalSetup> = {}): LocalSetup {
  const spec = parseHFConfig(moreModelConfig('gpt-oss-120b'));
  return {
    spec,
    count: countParams(spec),
    plan: defaultWeightPlan(spec), // MXFP4 experts, BF16 elsewhere, as released
    device: rtx4090,
    unified: false,
    deviceUsableBytes: 24 * GiB,
    // 64 GB of dual-channel DDR5-6000: 2 × 6000 MT/s × 8 B = 96 GB/s; PCIe 4.0 x16 ≈ 32 GB/s.
    host: {
      memoryBytes: 64e9,
      bandwidthBytesPerSecond: 96e9,
      flopsPerSecond: 1e12,
      linkBytesPerSecond: 32e9,
    },
    flags: DEFAULT_PLACEMENT,
    kvDtype: 'fp16',
    contextTokens: 8192,
    batch: 1,
    ubatch: 512,
    efficiency: {
      deviceBandwidth: 0.7,
      hostBandwidth: 0.6,
      compute: 0.45,
      layerOverheadSeconds: 20e-6,
    },
    ...over,
  };
}

describe('local placement: gpt-oss-120b on a 24 GB GPU and 64 GB of DDR5', () => {
  it('does not fit on the GPU alone, fits with every expert on the host', () => {
    expect(localMemory(setup()).fitsDevice).toBe(false);
    const offloaded = localMemory(setup({ flags: { ...DEFAULT_PLACEMENT, cpuMoe: true } }));
    expect(offloaded.fitsDevice).toBe(true);
    expect(offloaded.fitsHost).toBe(true);
    // The routed experts are 114.7B of 116.8B parameters, in MXFP4: most bytes on the host.
    expect(offloaded.hostWeightsBytes).toBeGreaterThan(10 * offloaded.deviceWeightsBytes);
  });

  it('the suggested --n-cpu-moe fits and one less does not', () => {
    const s = setup();
    const n = suggestNCpuMoe(s)!;
    expect(n).toBeGreaterThan(0);
    expect(localMemory(s, { ...s.flags, nCpuMoe: n }).fitsDevice).toBe(true);
    expect(localMemory(s, { ...s.flags, nCpuMoe: n - 1 }).fitsDevice).toBe(false);
  });

  it('moving experts to the host never increases device bytes', () => {
    const s = setup();
    let last = Infinity;
    for (let n = 0; n <= s.count.layers.length; n++) {
      const bytes = localMemory(s, { ...s.flags, nCpuMoe: n }).deviceBytes;
      expect(bytes).toBeLessThanOrEqual(last);
      last = bytes;
    }
    expect(localMemory(s, { ...s.flags, cpuMoe: true }).deviceBytes).toBe(last);
  });

  it('-ngl and -ot place layers and tensors as llama.cpp does', () => {
    const s = setup();
    const layers = s.count.layers.length; // 36
    // -ngl 1: only the output on the GPU; -ngl 0: nothing.
    const one = localMemory(s, { ...s.flags, gpuLayers: 1 }).placement;
    expect(one.output).toBe('device');
    expect(one.layers.every((l) => l.mixer === 'host')).toBe(true);
    const last4 = localMemory(s, { ...s.flags, gpuLayers: 5 }).placement;
    expect(last4.layers.filter((l) => l.mixer === 'device').map((l) => l.index)).toEqual([
      layers - 4,
      layers - 3,
      layers - 2,
      layers - 1,
    ]);
    const ot = localMemory(s, { ...s.flags, overrides: ['blk\\.(0|1)\\.ffn_.*_exps'] }).placement;
    expect(ot.layers.filter((l) => l.experts === 'host').map((l) => l.index)).toEqual([0, 1]);
    expect(() => localMemory(s, { ...s.flags, overrides: ['('] })).toThrow('override-tensor');
  });

  it('decode reads the touched experts from host memory: tens of tokens per second', () => {
    const s = setup({ flags: { ...DEFAULT_PLACEMENT, cpuMoe: true } });
    const m = localMemory(s);
    const decode = localDecode(s, m.placement);
    // Per token: 36 layers × 4 experts × 3·2880·2880 parameters × 4.25 bits ≈ 1.90 GB from the
    // host at 96 GB/s × 0.6 = 33 ms, plus ≈ 2.5 GB of BF16 attention, router and head from the GPU.
    expect(decode.hostSeconds).toBeGreaterThan(0.03);
    expect(decode.hostSeconds).toBeLessThan(0.04);
    expect(decode.tokensPerSecond).toBeGreaterThan(15);
    expect(decode.tokensPerSecond).toBeLessThan(40);
    // All on a GPU big enough, the same model decodes faster.
    const big = setup({ deviceUsableBytes: 96 * GiB });
    expect(localDecode(big, localMemory(big).placement).tokensPerSecond).toBeGreaterThan(
      decode.tokensPerSecond,
    );
  });

  it('decode reads the output head whole each step, on the side that holds it', () => {
    // -ngl 1 puts the output head alone on the GPU, -ngl 0 keeps it on the host with every layer
    // (local-placement.ts). gpt-oss-120b's head: 201,088 x 2,880 BF16 = 1,158,266,880 bytes.
    const headBytes = 201_088 * 2_880 * 2;
    const at = (gpuLayers: number) => {
      const s = setup({ flags: { ...DEFAULT_PLACEMENT, gpuLayers } });
      return localDecode(s, localMemory(s).placement);
    };
    const [cpu, gpu] = [at(0), at(1)];
    expect(cpu.weightsReadBytes).toBe(gpu.weightsReadBytes);
    // The host reads it at 96 GB/s x 0.6, the GPU at 1,008 GB/s x 0.7.
    expect(cpu.hostSeconds - gpu.hostSeconds).toBeCloseTo(headBytes / (96e9 * 0.6), 9);
    expect(gpu.deviceSeconds - cpu.deviceSeconds).toBeCloseTo(headBytes / (1008e9 * 0.7), 9);
  });

  it('prefill copies the host experts over PCIe once per micro-batch', () => {
    const s = setup({ flags: { ...DEFAULT_PLACEMENT, cpuMoe: true } });
    const p = localPrefill(s, localMemory(s).placement);
    // A 512-token micro-batch touches nearly every expert: ≈ 61 GB of MXFP4 over 32 GB/s ≈ 1.9 s.
    expect(p.hostSeconds).toBeGreaterThan(1.5);
    expect(p.tokensPerSecond).toBeGreaterThan(100);
    expect(p.tokensPerSecond).toBeLessThan(400);
  });

  it('a step is each side at its roofline, one after the other, then the overhead', () => {
    const s = setup({ flags: { ...DEFAULT_PLACEMENT, cpuMoe: true } });
    const d = localDecode(s, localMemory(s).placement);
    expect(d.stepSeconds).toBeCloseTo(d.deviceSeconds + d.hostSeconds + d.overheadSeconds, 15);
    expect(d.tokensPerSecond).toBeCloseTo(s.batch / d.stepSeconds, 9);
    expect(d.linkSeconds).toBe(0);
    // Each side takes the slower of its memory and its compute: together at least the larger sum.
    expect(d.deviceSeconds + d.hostSeconds).toBeGreaterThanOrEqual(
      Math.max(d.memorySeconds, d.computeSeconds) - 1e-15,
    );
    expect(d.bound).toBe('memory');
    expect(d.weightsReadBytes).toBeGreaterThan(1.9e9); // the ≈ 1.90 GB of experts and more
    expect(d.kvReadBytes).toBeGreaterThan(0);
  });

  it("prefill's PCIe copy is its link time; a unified pool copies nothing", () => {
    const flags = { ...DEFAULT_PLACEMENT, cpuMoe: true };
    const s = setup({ flags });
    const p = localPrefill(s, localMemory(s).placement);
    expect(p.linkSeconds).toBe(p.hostSeconds);
    const pool = setup({ flags, unified: true });
    expect(localPrefill(pool, localMemory(pool).placement).linkSeconds).toBe(0);
  });
});
