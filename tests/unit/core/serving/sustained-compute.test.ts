/**
 * The share of a device's listed peak its matrix units sustain beside NVIDIA's
 * (serving/sustained-compute.ts), from AMD's Max-Achievable FLOPs (ROCm blog "Measuring
 * Max-Achievable FLOPs, Part 2", Table 1) over NVIDIA's best kernels' share (FlashAttention-3
 * 740 of 989.4 BF16 TFLOP/s on H100; DeepGEMM 1,550 of 1,979 FP8 on H800).
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../../../src/cli/run.ts';
import { findDevice } from '../../../../src/lib/core/serving/hardware.ts';
import { peakFlops } from '../../../../src/lib/core/serving/step.ts';
import {
  NVIDIA_PEAK_SHARE,
  sustainedShare,
} from '../../../../src/lib/core/serving/sustained-compute.ts';
import { readJson } from '../../helpers/fixtures.ts';

describe('sustainedShare', () => {
  it.each([
    // (AMD's MAF / the catalog's peak) / NVIDIA's share, by hand:
    ['mi300x', 'bf16', 708 / 1307.4 / (740 / 989.4), 0.724], // 0.5415 / 0.7479
    ['mi300x', 'fp8', 1273 / 2614.9 / (1550 / 1979), 0.622], // 0.4868 / 0.7832
    ['mi325x', 'bf16', 843 / 1307.4 / (740 / 989.4), 0.862], // 0.6448 / 0.7479
    ['mi325x', 'fp8', 1519 / 2614.9 / (1550 / 1979), 0.742], // 0.5809 / 0.7832
  ] as const)('%s at %s: %f (about %f)', (id, rate, exact, rounded) => {
    expect(sustainedShare(id, rate)).toBeCloseTo(exact, 12);
    expect(sustainedShare(id, rate)).toBeCloseTo(rounded, 3);
  });

  it('is 1 for a device without a vendor measurement: NVIDIA parts, MI355X, a custom one', () => {
    for (const id of ['h100-sxm', 'b200', 'mi355x', 'custom', 'no-such-device'])
      expect([sustainedShare(id, 'bf16'), sustainedShare(id, 'fp8')]).toEqual([1, 1]);
  });

  it("NVIDIA's shares are FlashAttention-3's and DeepGEMM's: 0.748 and 0.783", () => {
    expect(NVIDIA_PEAK_SHARE.bf16).toBeCloseTo(0.748, 3);
    expect(NVIDIA_PEAK_SHARE.fp8).toBeCloseTo(0.783, 3);
  });
});

describe('the serving model counts the sustained share (Efficiency computeShare)', () => {
  const share = { bf16: sustainedShare('mi300x', 'bf16'), fp8: sustainedShare('mi300x', 'fp8') };

  it("MI300X's FP8 is 2,614.9 x 0.622 TFLOP/s and its BF16 1,307.4 x 0.724", () => {
    const mi300x = findDevice('mi300x')!;
    expect(peakFlops(mi300x, 'fp8', share)).toBeCloseTo(2614.9e12 * share.fp8, -6);
    expect(peakFlops(mi300x, 'bf16', share)).toBeCloseTo(1307.4e12 * share.bf16, -6);
    // MI300X has no FP4 units: FP4 runs weight-only at the (sustained) BF16 rate.
    expect(peakFlops(mi300x, 'fp4', share)).toBe(peakFlops(mi300x, 'bf16', share));
    // Without a share (training, the local model), the listed peak.
    expect(peakFlops(mi300x, 'fp8')).toBe(2614.9e12);
  });

  it('resolveServing fills it in by device, and the summary says so; on H100 it is 1 and unsaid', () => {
    const serve = (gpu: string) => run(['serve', 'mixtral-8x7b', '--gpu', gpu, '--weights', 'fp8']);
    const mi300x = serve('mi300x');
    expect(
      JSON.parse(run(['serve', 'mixtral-8x7b', '--gpu', 'mi300x', '--json']).stdout).assumptions
        .efficiency.computeShare,
    ).toEqual(share);
    expect(mi300x.stdout).toContain(
      'compute efficiency 0.45 of what the device sustains (0.62 of its FP8 peak, 0.72 of its BF16)',
    );
    expect(serve('h100-sxm').stdout).not.toContain('sustains');
  });
});

describe('MLPerf Inference v5.1, Mixtral-8x7B Offline under AMD vLLM: MI325X against MI300X', () => {
  // Printed Tokens per second (8 GPUs each): MI300X 53,017.3, MI325X 68,781.4 (mlcommons/
  // inference_results_v5.1 closed/AMD; tests/fixtures/issue13-pending-cases.json b30-...).
  const measured = 68781.4 / 53017.3; // 1.297
  const { cases } = readJson('issue13-pending-cases.json') as {
    cases: { id: string; model: string; cli: string[] }[];
  };
  const tokens = (id: string) => {
    const c = cases.find((x) => x.id === id)!;
    const out = JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout);
    return (out.workload.finiteRun ?? out.workload).outputTokensPerSecond as number;
  };

  it('the explorer gives MI325X 1.20 times MI300X (1.01 at the catalog peaks), within 10% of the measured 1.30', () => {
    const ratio =
      tokens('b30-mlperf51-mixtral-amd-mi325x8-vllm-fp8-offline') /
      tokens('b30-mlperf51-mixtral-amd-mi300x8-vllm-fp8-offline');
    // 1.19 with the compute shares alone; MI300X's sustained bandwidth (sustained-bandwidth.ts)
    // slows the run's memory-bound decode a little more.
    expect(ratio).toBeCloseTo(1.2, 2);
    expect(ratio / measured).toBeGreaterThan(0.9);
  });
});
