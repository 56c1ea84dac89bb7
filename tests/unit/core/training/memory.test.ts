import { describe, expect, it } from 'vitest';
import { countParams, findDevice, parseHFConfig } from '../../../../src/lib/core/index.ts';
import {
  trainingMemory,
  type TrainingMemoryOptions,
} from '../../../../src/lib/core/training/memory.ts';
import { fixtureSpec, readJson } from '../../helpers/fixtures.ts';

interface Case {
  id: string;
  model: string;
  settings: Omit<TrainingMemoryOptions, 'device' | 'gpus'>;
  publishedGB: number;
  band: number;
  bandReason: string;
  source: string;
  quote: string;
}

const { cases } = readJson('training-memory-cases.json') as { cases: Case[] };

describe('trainingMemory against published fine-tuning figures (tests/fixtures/training-memory-cases.json)', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.publishedGB} GB published, within ±${c.band * 100}% (${c.source})`, () => {
      const spec = parseHFConfig(readJson(c.model) as Record<string, unknown>);
      const m = trainingMemory(spec, countParams(spec), {
        device: 'h100-sxm',
        gpus: 1,
        ...c.settings,
      });
      const gb = m.memoryPerGpuBytes.total / 1e9;
      expect(Math.abs(gb / c.publishedGB - 1)).toBeLessThanOrEqual(c.band);
    });
  }

  it('every case has its quote, source and the reason for its band', () => {
    for (const c of cases) {
      expect(c.quote.length).toBeGreaterThan(10);
      expect(c.source).toMatch(/^https:\/\//);
      expect(c.bandReason.length).toBeGreaterThan(10);
    }
  });
});

const llama = fixtureSpec('llama3.1-8b');
const llamaCounts = countParams(llama);
const mixtral = fixtureSpec('mixtral-8x7b');
const mixtralCounts = countParams(mixtral);

describe('trainingMemory', () => {
  it('Llama 3.1 8B on one H100, full fine-tuning: 18 bytes per parameter and the activations', () => {
    const m = trainingMemory(llama, llamaCounts, {
      device: 'h100-sxm',
      gpus: 1,
      precision: 'bf16',
      microBatch: 1,
      seqLen: 4096,
      finetune: 'full',
    });
    const p = 8_030_261_248;
    expect(m.memoryPerGpuBytes).toMatchObject({
      weights: 2 * p,
      gradients: 4 * p,
      optimizer: 12 * p,
      buffers: 0,
    });
    // Gradient checkpointing: 32 layer inputs, the embedding mask and the output layer.
    expect(m.memoryPerGpuBytes.activations).toBe(
      4096 * (32 * 2 * 4096 + 4096 + 4 * 4096 + 4 * 128256),
    );
    expect(m.fits).toBe(false);
    expect(m.capacityBytes).toBe(findDevice('h100-sxm')!.memoryBytes);
  });

  it('on 8 GPUs with ZeRO-3 the same model states take an eighth', () => {
    const options: TrainingMemoryOptions = {
      device: 'h100-sxm',
      gpus: 8,
      precision: 'bf16',
      microBatch: 1,
      seqLen: 4096,
      zero: 3,
    };
    const m = trainingMemory(llama, llamaCounts, options);
    expect(m.memoryPerGpuBytes.weights).toBe((2 * 8_030_261_248) / 8);
    expect(m.layout).toMatchObject({ dp: 8, edp: 8 });
    expect(m.fits).toBe(true);
  });

  it('Mixtral with EP 8: the experts shard over the expert data-parallel group, the rest over dp', () => {
    const m = trainingMemory(mixtral, mixtralCounts, {
      device: 'h100-sxm',
      gpus: 16,
      precision: 'bf16',
      tp: 2,
      ep: 8,
      zero: 1,
      microBatch: 1,
      seqLen: 4096,
    });
    const experts = mixtralCounts.breakdown.routedExperts;
    const dense = mixtralCounts.total - experts;
    expect(m.layout).toMatchObject({ dp: 8, edp: 2, etp: 1 });
    expect(m.memoryPerGpuBytes.optimizer).toBeCloseTo(
      (12 * dense) / 2 / 8 + (12 * experts) / 8 / 2,
      0,
    );
    expect(m.memoryPerGpuBytes.buffers).toBeGreaterThan(0);
  });

  it('the TSDoc example: Llama 3.1 8B on 8 H100s, TP 2, ZeRO-1, 8K tokens fits in 57.6 GB', () => {
    const m = trainingMemory(llama, llamaCounts, {
      device: 'h100-sxm',
      gpus: 8,
      precision: 'bf16',
      tp: 2,
      zero: 1,
      microBatch: 1,
      seqLen: 8192,
    });
    expect(m.fits).toBe(true);
    expect((m.memoryPerGpuBytes.total / 1e9).toFixed(1)).toBe('57.6');
  });

  it('picks the busiest pipeline stage: the first, with pp micro-batches in flight', () => {
    const m = trainingMemory(llama, llamaCounts, {
      device: 'h100-sxm',
      gpus: 8,
      precision: 'bf16',
      pp: 4,
      microBatch: 1,
      seqLen: 8192,
    });
    expect(m.stage).toBe(0);
  });

  it('FP8 needs less than BF16: BF16 moments and FP8 activations', () => {
    const options: TrainingMemoryOptions = {
      device: 'h100-sxm',
      gpus: 8,
      precision: 'bf16',
      microBatch: 1,
      seqLen: 4096,
      zero: 0,
    };
    const bf16 = trainingMemory(llama, llamaCounts, options).memoryPerGpuBytes;
    const fp8 = trainingMemory(llama, llamaCounts, {
      ...options,
      precision: 'fp8',
    }).memoryPerGpuBytes;
    expect(fp8.optimizer).toBe((8 / 12) * bf16.optimizer);
    expect(fp8.activations).toBeLessThan(bf16.activations);
    expect(fp8.total).toBeLessThan(bf16.total);
  });

  it('a device given as an object sets the capacity; fits compares the total with it', () => {
    const h100 = findDevice('h100-sxm')!;
    const small = { ...h100, memoryBytes: 1e9 };
    const m = trainingMemory(llama, llamaCounts, {
      device: small,
      gpus: 1,
      precision: 'bf16',
      microBatch: 1,
      seqLen: 512,
      finetune: 'qlora',
    });
    expect(m.capacityBytes).toBe(1e9);
    expect(m.fits).toBe(false);
  });

  it('errors name the field, the value and what is expected', () => {
    const options: TrainingMemoryOptions = {
      device: 'h100-sxm',
      gpus: 8,
      precision: 'bf16',
      microBatch: 1,
      seqLen: 4096,
    };
    expect(() => trainingMemory(llama, llamaCounts, { ...options, tp: 3 })).toThrow(
      'tp x pp x cp: expected a divisor of the 8 GPUs',
    );
    expect(() => trainingMemory(mixtral, mixtralCounts, { ...options, ep: 16 })).toThrow(
      'ep: expected a divisor of the 8 routed experts, got 16',
    );
  });
});
