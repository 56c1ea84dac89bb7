import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN, type PlanSettings } from '../../../src/lib/core/index.ts';
import { encodePlan } from '../../../src/lib/share/plan-link.ts';

const written = (s: PlanSettings) => {
  const p = new URLSearchParams();
  encodePlan(p, s);
  return p.toString();
};

describe('encodePlan', () => {
  it.each([
    ['the default', DEFAULT_PLAN, ''],
    ['128 users', { ...DEFAULT_PLAN, users: 128 }, 'qu=128'],
    [
      'a rate (users not written)',
      { ...DEFAULT_PLAN, traffic: 'rate', rate: 2.5, users: 9 },
      'qr=2.5',
    ],
    ['the default rate still says rate', { ...DEFAULT_PLAN, traffic: 'rate' }, 'qr=1'],
    ['no targets', { ...DEFAULT_PLAN, tokensPerSecondPerUser: 0, ttftSeconds: 0 }, 'qt=0&qf=0'],
    [
      'two devices, a price',
      { ...DEFAULT_PLAN, devices: ['h200', 'b200'], prices: { h200: 3.5 } },
      'qd=h200%2Cb200&qp=h200%3A3.5',
    ],
    [
      'sglang, one pool',
      { ...DEFAULT_PLAN, engine: 'sglang', disaggregated: false },
      'qe=sglang&qs=0',
    ],
    [
      'lengths and GPUs',
      { ...DEFAULT_PLAN, inputTokens: 2000, outputTokens: 500, maxGpus: 8 },
      'qi=2000&qo=500&qg=8',
    ],
  ] as [string, PlanSettings, string][])('%s -> %s', (_, s, query) => {
    expect(written(s)).toBe(query);
  });
});
