import { describe, expect, it } from 'vitest';
import {
  DEVICE_IDS,
  ENGINE_IDS,
  LOCAL_TRACK_RECORDS,
  TRACK_RECORD_MIN_FIGURES,
  TRACK_RECORDS,
} from '../../../../src/lib/core/index.ts';

// The records are written by `npm run validation`; tests/unit/scripts/validation.test.ts checks
// they are what the fixtures give. Here: that they are whole and agree with one another.
describe('TRACK_RECORDS', () => {
  const all = TRACK_RECORDS.filter((r) => r.engine === null);
  const byEngine = TRACK_RECORDS.filter((r) => r.engine !== null && r.device === null);

  it('ends with one record of every figure: the engines’, and fewer than 5 of each engine left out', () => {
    expect(all).toHaveLength(1);
    expect(TRACK_RECORDS.at(-1)).toBe(all[0]);
    const leftOut = ENGINE_IDS.length - byEngine.length;
    for (const key of ['figures', 'within15', 'within2'] as const) {
      const rest = all[0]![key] - byEngine.reduce((n, r) => n + r[key], 0);
      expect(rest).toBeGreaterThanOrEqual(0);
      expect(rest).toBeLessThanOrEqual(leftOut * (TRACK_RECORD_MIN_FIGURES - 1));
    }
  });

  it('holds only known engines and catalog devices, groups of at least the minimum, bands nested', () => {
    for (const r of TRACK_RECORDS) {
      if (r.engine !== null) expect(ENGINE_IDS).toContain(r.engine);
      if (r.device !== null) expect(DEVICE_IDS).toContain(r.device);
      expect(r.figures).toBeGreaterThanOrEqual(TRACK_RECORD_MIN_FIGURES);
      expect(r.deployments).toBeLessThanOrEqual(r.figures);
      expect(r.within15).toBeLessThanOrEqual(r.within2);
      expect(r.within2).toBeLessThanOrEqual(r.figures);
      expect(r.geometricMean).toBeGreaterThan(0);
    }
  });

  it('holds local records that sum to the one of every home run', () => {
    const all = LOCAL_TRACK_RECORDS.filter((r) => r.memory === null);
    expect(all).toHaveLength(1);
    const groups = LOCAL_TRACK_RECORDS.filter((r) => r.memory !== null);
    for (const r of groups) expect(r.figures).toBeGreaterThanOrEqual(TRACK_RECORD_MIN_FIGURES);
    if (groups.length === 2) expect(groups[0]!.figures + groups[1]!.figures).toBe(all[0]!.figures);
  });
});
