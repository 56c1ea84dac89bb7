import { describe, expect, it } from 'vitest';
import {
  DEVICE_IDS,
  ENGINE_IDS,
  findPreset,
  PUBLISHED_SERVING_RUNS,
} from '../../../../src/lib/core/index.ts';

// The rows are written by `npm run validation`; tests/unit/scripts/validation.test.ts checks they
// are what the fixtures give. Here: that each is whole.
describe('PUBLISHED_SERVING_RUNS', () => {
  it('holds a row for each published decode throughput of a preset’s model, each whole', () => {
    expect(PUBLISHED_SERVING_RUNS.length).toBeGreaterThan(400);
    for (const r of PUBLISHED_SERVING_RUNS) {
      expect(findPreset(r.preset), r.id).toBeDefined();
      if (r.deviceId !== null) expect(DEVICE_IDS, r.id).toContain(r.deviceId);
      expect(ENGINE_IDS, r.id).toContain(r.engine);
      expect(r.published, r.id).toBeGreaterThan(0);
      expect(r.explorer, r.id).toBeGreaterThan(0);
      expect(r.band, r.id).toBeGreaterThan(1);
      expect(r.source.length, r.id).toBeLessThanOrEqual(141);
    }
  });

  it('lists the gated cases and the unseen ones, the Llama 4 presets among them', () => {
    expect(PUBLISHED_SERVING_RUNS.some((r) => r.gated)).toBe(true);
    expect(PUBLISHED_SERVING_RUNS.some((r) => !r.gated)).toBe(true);
    for (const preset of ['llama4-scout', 'llama4-maverick', 'deepseek-v3'])
      expect(
        PUBLISHED_SERVING_RUNS.filter((r) => r.preset === preset).length,
        preset,
      ).toBeGreaterThan(5);
  });
});
