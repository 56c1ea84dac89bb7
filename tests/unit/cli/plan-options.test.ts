import { describe, expect, it } from 'vitest';
import { PLAN_OPTIONS } from '../../../src/cli/plan-options.ts';

describe('PLAN_OPTIONS', () => {
  it('lists every flag of issue 15 once', () => {
    const names = PLAN_OPTIONS.map((o) => o.name);
    for (const flag of [
      'input',
      'output',
      'rate',
      'users',
      'ttft',
      'tpot',
      'tps-user',
      'devices',
      'max-gpus',
      'gpu-hour-usd',
      'json',
    ])
      expect(
        names.filter((n) => n === flag),
        flag,
      ).toHaveLength(1);
  });

  it('gives every number option a range and every option a help line', () => {
    for (const o of PLAN_OPTIONS) {
      expect(o.help.length, o.name).toBeGreaterThan(5);
      if (o.range) expect(o.range[0], o.name).toBeLessThan(o.range[1]);
    }
  });
});
