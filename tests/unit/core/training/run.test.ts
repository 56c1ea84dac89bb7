import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countParams, findDevice, findPreset, presetSpec } from '../../../../src/lib/core/index.ts';
import { trainingRun, type TrainingRunInput } from '../../../../src/lib/core/training/run.ts';

const deepseek = presetSpec(findPreset('deepseek-v3')!);
const h800 = findDevice('h800')!;
const h100 = findDevice('h100-sxm')!;
const base: TrainingRunInput = {
  spec: deepseek,
  counts: countParams(deepseek),
  tokens: 14.8e12,
  device: h800,
  gpus: 2048,
  precision: 'fp8',
  seqLen: 4096,
};

describe('trainingRun', () => {
  it('trainingRun(DeepSeek-V3, 14.8T tokens, 2048 H800 at 387 TFLOP/s, $2/h) matches the report', () => {
    // DeepSeek-V3 report, Table 1: pre-training 2664K H800 GPU-hours, $5.328M at $2 per GPU-hour;
    // "180K H800 GPU hours" per trillion tokens, "3.7 days on our cluster with 2048 H800 GPUs"
    const run = trainingRun({ ...base, tflopsPerGpu: 387, gpuHourUsd: 2 });
    expect(run.totalFlops).toBeCloseTo(run.flopsPerToken.total * 14.8e12, -10);
    expect(run.gpuHours / 2.664e6).toBeCloseTo(1, 2);
    expect(run.days).toBeCloseTo(run.gpuHours / 2048 / 24, 9);
    expect(run.gpuHours / 14.8 / 24 / 2048).toBeCloseTo(3.7, 1);
    expect(run.costUsd / 5.328e6).toBeCloseTo(1, 2);
    expect(run.mfu).toBeCloseTo(387 / 1979, 6);
    expect(run.throughput.from).toBe('tflops');
  });

  it('mfu reads against the peak at the precision: 0.4 x 1979 TFLOP/s in FP8', () => {
    const run = trainingRun({ ...base, mfu: 0.4 });
    expect(run.achievedFlopsPerGpu).toBeCloseTo(0.4 * 1979e12, -6);
    expect(run.throughput.from).toBe('mfu');
  });

  it('without mfu or tflops it uses defaultMfu and lists its factors', () => {
    const run = trainingRun(base);
    expect(run.throughput.from).toBe('default');
    expect(run.throughput.factors.map((f) => f.name)).toEqual([
      'size',
      'device',
      'precision',
      'experts',
    ]);
  });

  it('effectiveTimeFraction 0.9 takes 1/0.9 the GPU-hours; the price defaults to the catalog', () => {
    const full = trainingRun({ ...base, tflopsPerGpu: 400 });
    const goodput = trainingRun({ ...base, tflopsPerGpu: 400, effectiveTimeFraction: 0.9 });
    expect(goodput.gpuHours).toBeCloseTo(full.gpuHours / 0.9, 3);
    expect(full.costUsd).toBeCloseTo(full.gpuHours * h800.usdPerHour, 3);
  });

  it.each([
    ['tokens', { tokens: 0 }],
    ['tokens', { tokens: -5 }],
    ['gpus', { gpus: 0 }],
    ['gpus', { gpus: 1.5 }],
    ['mfu', { mfu: 0 }],
    ['mfu', { mfu: 1.2 }],
    ['tflopsPerGpu', { tflopsPerGpu: 2000 }],
    ['tflopsPerGpu', { tflopsPerGpu: -1 }],
    ['gpuHourUsd', { gpuHourUsd: 0 }],
    ['effectiveTimeFraction', { effectiveTimeFraction: 1.1 }],
    ['seqLen', { seqLen: 0 }],
  ] as const)('trainingRun with a bad %s throws a ConfigError naming it', (field, bad) => {
    expect(() => trainingRun({ ...base, ...bad })).toThrow(new RegExp(`^${field}: expected`));
  });

  it('tflops above the BF16 peak throw even if under the FP8 peak', () => {
    expect(() => trainingRun({ ...base, precision: 'bf16', tflopsPerGpu: 1000 })).toThrow(
      /989.5 TFLOP\/s/,
    );
  });

  it('does not mutate its input', () => {
    const input = { ...base, tflopsPerGpu: 300 };
    const before = structuredClone(input);
    trainingRun(input);
    expect(input).toEqual(before);
  });
});

describe('trainingRun properties', () => {
  const small = presetSpec(findPreset('llama3.1-8b')!);
  const smallBase: TrainingRunInput = {
    spec: small,
    counts: countParams(small),
    tokens: 1e12,
    device: h100,
    precision: 'bf16',
    seqLen: 8192,
  };

  it('more tokens never take fewer GPU-hours; GPU-hours are linear in tokens', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e6, max: 1e14, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        (t, k) => {
          const a = trainingRun({ ...smallBase, tokens: t });
          const b = trainingRun({ ...smallBase, tokens: t * k });
          expect(b.gpuHours).toBeGreaterThanOrEqual(a.gpuHours);
          expect(b.gpuHours / a.gpuHours).toBeCloseTo(k, 6);
        },
      ),
    );
  });

  it('more GPUs shorten the days but leave GPU-hours and cost unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), (gpus) => {
        const one = trainingRun(smallBase);
        const many = trainingRun({ ...smallBase, gpus });
        expect(many.gpuHours).toBe(one.gpuHours);
        expect(many.costUsd).toBe(one.costUsd);
        expect(many.days * gpus).toBeCloseTo(one.days, 6);
      }),
    );
  });

  it('a higher MFU never takes more GPU-hours; longer sequences never fewer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 1, max: 65536 }),
        (mfu, seqLen) => {
          const a = trainingRun({ ...smallBase, mfu, seqLen });
          expect(
            trainingRun({ ...smallBase, mfu: Math.min(1, mfu * 1.01), seqLen }).gpuHours,
          ).toBeLessThanOrEqual(a.gpuHours);
          expect(
            trainingRun({ ...smallBase, mfu, seqLen: seqLen + 1 }).gpuHours,
          ).toBeGreaterThanOrEqual(a.gpuHours);
        },
      ),
    );
  });
});
