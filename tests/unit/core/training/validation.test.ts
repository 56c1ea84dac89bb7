import { describe, expect, it } from 'vitest';
import { findPreset, parseHFConfig, presetSpec } from '../../../../src/lib/core/index.ts';
import {
  DEFAULT_BAND,
  STATED_BAND,
  trainingValidationRows,
  type PublishedTrainingRun,
} from '../../../../src/lib/core/training/validation.ts';
import { moreModelConfig, readJson } from '../../helpers/fixtures.ts';

type FixtureRun = PublishedTrainingRun & { modelSource?: 'more-models' | 'training-models' };
const fixture = readJson('training-runs.json') as { runs: FixtureRun[] };
const sourceOf = new Map(fixture.runs.map((r) => [r.model, r.modelSource]));

/** A preset id, or a config in tests/fixtures/{more-models,training-models} (`modelSource`). */
function resolveSpec(model: string) {
  const source = sourceOf.get(model);
  if (source === 'more-models') return parseHFConfig(moreModelConfig(model));
  if (source === 'training-models')
    return parseHFConfig(readJson(`training-models/${model}.json`) as Record<string, unknown>);
  const preset = findPreset(model);
  if (!preset) throw new Error(`training-runs.json: no preset ${model}`);
  return presetSpec(preset);
}

const rows = trainingValidationRows(fixture.runs, resolveSpec);

describe('training-runs.json', () => {
  it('every run carries a quote and a source', () => {
    for (const run of fixture.runs) {
      expect(run.quote.length, run.id).toBeGreaterThan(40);
      expect(run.source, run.id).toMatch(/^https:\/\//);
    }
  });

  it('holds the runs the issue names: Llama 4, DeepSeek-V3, Llama 3.1', () => {
    const ids = fixture.runs.map((r) => r.id);
    for (const id of [
      'llama4-scout',
      'llama4-maverick',
      'deepseek-v3-pretraining',
      'llama3.1-405b',
    ])
      expect(ids).toContain(id);
  });
});

describe('trainingValidationRows', () => {
  it.each(rows.map((r) => [r.id, r] as const))(
    '%s: default throughput lands within x1.5 of the published GPU-hours',
    (_, row) => {
      expect(row.defaults.band).toBe(DEFAULT_BAND);
      expect(row.defaults.ratio).toBeGreaterThanOrEqual(1 / 1.5);
      expect(row.defaults.ratio).toBeLessThanOrEqual(1.5);
      expect(row.defaults.within).toBe(true);
    },
  );

  const stated = rows.filter((r) => r.stated);
  it('runs that state their throughput: Llama 3.1 405B (Table 4), LLaMA 65B (tokens/s)', () => {
    expect(stated.map((r) => r.id)).toEqual(['llama3.1-405b', 'llama-65b']);
  });

  it.each(stated.map((r) => [r.id, r] as const))(
    '%s: its stated TFLOP/s reproduce the published GPU-hours within 10%',
    (_, row) => {
      expect(row.stated!.band).toBe(STATED_BAND);
      expect(Math.abs(row.stated!.ratio - 1)).toBeLessThanOrEqual(0.1);
      expect(row.stated!.within).toBe(true);
    },
  );

  it('an unknown device throws naming the run', () => {
    const bad = { ...fixture.runs[0]!, device: 'nope' };
    expect(() => trainingValidationRows([bad], resolveSpec)).toThrow(/llama4-scout\.device/);
  });
});
