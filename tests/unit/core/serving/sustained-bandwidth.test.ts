/**
 * The share of a device's listed memory bandwidth it sustains beside the H100's
 * (serving/sustained-bandwidth.ts), from BabelStream's Triad under the Azure
 * AI-benchmarking-guide's one method: ND H100 v5 2.97 TB/s, ND H200 v5 4.15, ND A100 v4 1.70,
 * ND MI300X v5 4.09 (Azure_Results/ND_*_results.md, "HBM Bandwidth").
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../../../src/cli/run.ts';
import { findDevice } from '../../../../src/lib/core/serving/hardware.ts';
import {
  sustainedBandwidthShare,
  TRIAD_LISTED_TBPS,
} from '../../../../src/lib/core/serving/sustained-bandwidth.ts';

describe('sustainedBandwidthShare', () => {
  it.each([
    // (Triad / listed) / (H100's 2.97 / 3.35), by hand:
    ['h200', 4.15 / 4.8 / (2.97 / 3.35), 0.975], // 0.8646 / 0.8866
    ['a100-80gb', 1.7 / 2.039 / (2.97 / 3.35), 0.94], // 0.8337 / 0.8866
    ['mi300x', 4.09 / 5.3 / (2.97 / 3.35), 0.87], // 0.7717 / 0.8866
  ] as const)('%s: %f (about %f)', (id, exact, rounded) => {
    expect(sustainedBandwidthShare(id)).toBeCloseTo(exact, 12);
    expect(sustainedBandwidthShare(id)).toBeCloseTo(rounded, 3);
  });

  it('is 1 for the H100 itself and for a device not measured so: B200, MI325X, a custom one', () => {
    for (const id of ['h100-sxm', 'b200', 'mi325x', 'h20', 'custom', 'no-such-device'])
      expect(sustainedBandwidthShare(id)).toBe(1);
  });

  it('divides each Triad by the bandwidth the catalog lists for that device', () => {
    for (const [id, tbps] of Object.entries(TRIAD_LISTED_TBPS))
      expect(findDevice(id)!.bandwidthBytesPerSecond).toBe(tbps * 1e12);
  });
});

describe('the serving model counts the sustained share (Efficiency bandwidthShare)', () => {
  const serve = (gpu: string, ...extra: string[]) =>
    run(['serve', 'mixtral-8x7b', '--gpu', gpu, '--batch', '1', ...extra]);

  it('resolveServing fills it in by device, and the summary says so; on H100 it is 1 and unsaid', () => {
    const json = JSON.parse(serve('mi300x', '--json').stdout);
    expect(json.assumptions.efficiency.bandwidthShare).toBe(sustainedBandwidthShare('mi300x'));
    expect(serve('mi300x').stdout).toContain(
      'bandwidth efficiency 0.7 of what the device sustains (0.870 of its listed bandwidth)',
    );
    expect(serve('h100-sxm').stdout).not.toContain('of its listed bandwidth');
  });

  it('a step reads its bytes at the sustained bandwidth: MI300X’s memory time is that of a 4.61 TB/s part', () => {
    // A custom device of MI300X's memory and listed FLOP/s but 5,300 x 0.870 GB/s of bandwidth
    // (custom devices take no share) reads the same bytes in the same time.
    const memorySeconds = (...gpu: string[]) =>
      JSON.parse(run(['serve', 'mixtral-8x7b', ...gpu, '--batch', '8', '--json']).stdout).decode
        .memorySeconds as number;
    const gbs = String(5300 * sustainedBandwidthShare('mi300x'));
    const custom = ['--gpu-memory-gb', '192', '--gpu-bandwidth-gbs', gbs, '--gpu-tflops', '1307.4'];
    expect(memorySeconds('--gpu', 'mi300x')).toBeCloseTo(memorySeconds(...custom), 12);
    expect(memorySeconds('--gpu', 'mi300x')).toBeGreaterThan(
      memorySeconds(
        '--gpu-memory-gb',
        '192',
        '--gpu-bandwidth-gbs',
        '5300',
        '--gpu-tflops',
        '1307.4',
      ) * 1.14,
    );
  });
});
