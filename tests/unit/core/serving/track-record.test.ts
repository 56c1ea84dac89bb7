import { describe, expect, it } from 'vitest';
import {
  formatLocalTrackRecord,
  formatTrackRecord,
  localTrackRecordFor,
  localTrackRecords,
  TRACK_RECORD_MIN_FIGURES,
  trackRecordFor,
  trackRecords,
  trackRecordText,
  type TrackedRatio,
} from '../../../../src/lib/core/index.ts';

/** `n` figures of one deployment each, on an engine and device, all at one ratio. */
const figures = (
  n: number,
  engine: TrackedRatio['engine'],
  device: string | null,
  ratio: number,
  prefix = `${engine}-${device}`,
): TrackedRatio[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, engine, device, ratio }));

describe('trackRecords', () => {
  it('counts figures, deployments and bands, and the geometric mean, by hand', () => {
    // Two figures of one deployment (1.6 and 0.5) and three of others (1, 2, 1.25): within x1.5
    // are 1 and 1.25; within x2 all but none (0.5 and 2 sit on the band); geometric mean
    // (1.6 x 0.5 x 1 x 2 x 1.25)^(1/5) = 2^(1/5) = 1.149.
    const ratios: TrackedRatio[] = [
      { id: 'a', engine: 'vllm', device: 'h100-sxm', ratio: 1.6 },
      { id: 'a', engine: 'vllm', device: 'h100-sxm', ratio: 0.5 },
      { id: 'b', engine: 'vllm', device: 'h100-sxm', ratio: 1 },
      { id: 'c', engine: 'vllm', device: 'h100-sxm', ratio: 2 },
      { id: 'd', engine: 'vllm', device: 'h100-sxm', ratio: 1.25 },
    ];
    const [one, engine, all] = trackRecords(ratios);
    expect(one).toEqual({
      engine: 'vllm',
      device: 'h100-sxm',
      figures: 5,
      deployments: 4,
      within15: 2,
      within2: 5,
      geometricMean: 1.149,
    });
    expect(engine).toEqual({ ...one, device: null });
    expect(all).toEqual({ ...one, engine: null, device: null });
  });

  it('leaves out groups thinner than the minimum, and custom devices from device groups', () => {
    const records = trackRecords([
      ...figures(TRACK_RECORD_MIN_FIGURES, 'sglang', 'b200', 1),
      ...figures(TRACK_RECORD_MIN_FIGURES - 1, 'sglang', 'h200', 2),
      ...figures(TRACK_RECORD_MIN_FIGURES, 'trtllm', null, 0.5),
    ]);
    expect(records.map((r) => [r.engine, r.device, r.figures])).toEqual([
      ['sglang', 'b200', 5],
      ['sglang', null, 9],
      ['trtllm', null, 5],
      [null, null, 14],
    ]);
  });

  it('gives no records without figures', () => {
    expect(trackRecords([])).toEqual([]);
    expect(trackRecordFor('vllm', 'h100-sxm', [])).toBeNull();
  });
});

describe('trackRecordFor', () => {
  const records = trackRecords([
    ...figures(6, 'vllm', 'h100-sxm', 1.2),
    ...figures(2, 'vllm', 'a100-80gb', 0.8),
    ...figures(5, 'sglang', 'b200', 1),
    ...figures(3, 'llamacpp', 'rtx-4090', 0.6),
  ]);

  it('takes the engine on the device when that has enough figures', () => {
    const r = trackRecordFor('vllm', 'h100-sxm', records)!;
    expect([r.engine, r.device, r.figures]).toEqual(['vllm', 'h100-sxm', 6]);
  });

  it('else the engine on any device, else every figure', () => {
    const thin = trackRecordFor('vllm', 'a100-80gb', records)!;
    expect([thin.engine, thin.device, thin.figures]).toEqual(['vllm', null, 8]);
    const none = trackRecordFor('llamacpp', 'rtx-4090', records)!;
    expect([none.engine, none.device, none.figures]).toEqual([null, null, 16]);
    const custom = trackRecordFor('sglang', 'custom', records)!;
    expect([custom.engine, custom.device, custom.figures]).toEqual(['sglang', null, 5]);
  });

  it('finds a record in the written data (the default) for every engine on the default device', () => {
    for (const engine of ['vllm', 'sglang', 'trtllm', 'llamacpp'] as const)
      expect(trackRecordFor(engine, 'h100-sxm')?.figures).toBeGreaterThanOrEqual(
        TRACK_RECORD_MIN_FIGURES,
      );
  });
});

describe('trackRecordText', () => {
  const base = {
    engine: 'vllm' as const,
    device: 'h100-sxm',
    figures: 48,
    deployments: 29,
    within15: 31,
    within2: 42,
    geometricMean: 1.081,
  };

  it('names the group, the bands and which way the explorer leans', () => {
    expect(trackRecordText(base, 'vllm', 'NVIDIA H100 SXM 80GB')).toBe(
      'vLLM on NVIDIA H100 SXM 80GB: 31 of 48 published decode speeds (29 deployments) are within ×1.5 of the explorer’s, 42 within ×2; on geometric mean the explorer reads 8% above them',
    );
    expect(trackRecordText({ ...base, geometricMean: 0.715 }, 'vllm', 'H100')).toMatch(
      /reads 29% below them$/,
    );
    expect(trackRecordText({ ...base, geometricMean: 1.004 }, 'vllm', 'H100')).toMatch(
      /the explorer matches them$/,
    );
  });

  it('says why a wider group stands for the deployment', () => {
    expect(trackRecordText({ ...base, device: null }, 'trtllm', 'NVIDIA A100 SXM 80GB')).toMatch(
      /^TensorRT-LLM on any device \(too few runs of TensorRT-LLM on NVIDIA A100 SXM 80GB\): /,
    );
    expect(trackRecordText({ ...base, engine: null, device: null }, 'llamacpp', 'X')).toMatch(
      /^every engine and device \(too few runs of llama\.cpp\): /,
    );
  });
});

describe('formatTrackRecord', () => {
  it('looks the record up and says it, or gives null without records', () => {
    const device = { id: 'h100-sxm', name: 'NVIDIA H100 SXM 80GB' };
    const records = trackRecords(figures(5, 'vllm', 'h100-sxm', 1));
    expect(formatTrackRecord('vllm', device, records)).toBe(
      'vLLM on NVIDIA H100 SXM 80GB: 5 of 5 published decode speeds (5 deployments) are within ×1.5 of the explorer’s, 5 within ×2; on geometric mean the explorer matches them',
    );
    expect(formatTrackRecord('vllm', device, [])).toBeNull();
    expect(formatTrackRecord('vllm', device)).toMatch(/^vLLM on NVIDIA H100 SXM 80GB: \d+ of /);
  });
});

describe('localTrackRecords and formatLocalTrackRecord (the local model, issue 12)', () => {
  const runs = (n: number, unified: boolean, ratio: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `${unified}-${i}`, unified, ratio }));

  it('groups home runs by memory, leaves out a group under the minimum, and ends with all', () => {
    // 5 discrete runs at 1.6 (outside x1.5, inside x2) and 2 unified at 1: the unified group is
    // too small; all 7: 2 within x1.5, 7 within x2, geometric mean 1.6^(5/7) = 1.399.
    const records = localTrackRecords([...runs(5, false, 1.6), ...runs(2, true, 1)]);
    expect(records).toEqual([
      {
        memory: 'discrete',
        figures: 5,
        deployments: 5,
        within15: 0,
        within2: 5,
        geometricMean: 1.6,
      },
      { memory: null, figures: 7, deployments: 7, within15: 2, within2: 7, geometricMean: 1.399 },
    ]);
    expect(localTrackRecordFor(false, records)).toBe(records[0]);
    expect(localTrackRecordFor(true, records)).toBe(records[1]);
    expect(localTrackRecordFor(true, [])).toBeNull();
  });

  it('says the kind of machine, or why every home run stands for it', () => {
    const records = localTrackRecords([...runs(5, false, 1.6), ...runs(2, true, 1)]);
    expect(formatLocalTrackRecord(false, records)).toBe(
      'home runs on a GPU beside system RAM: 0 of 5 published decode speeds (5 runs) are within ×1.5 of the explorer’s, 5 within ×2; on geometric mean the explorer reads 60% above them',
    );
    expect(formatLocalTrackRecord(true, records)).toMatch(
      /^every home run \(too few on a unified memory pool\): 2 of 7 /,
    );
    expect(formatLocalTrackRecord(true, [])).toBeNull();
  });

  it('has written records for both kinds of machine', () => {
    expect(localTrackRecordFor(true)?.memory).toBe('unified');
    expect(localTrackRecordFor(false)?.memory).toBe('discrete');
  });
});
