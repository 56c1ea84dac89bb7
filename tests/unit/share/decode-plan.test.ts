import { describe, expect, it } from 'vitest';
import {
  defaultComparison,
  defaultConfig,
  DEFAULT_PLAN,
  DEFAULT_TRAINING,
  type PlanSettings,
} from '../../../src/lib/core/index.ts';
import { readPlan } from '../../../src/lib/share/decode-plan.ts';
import { LinkReader } from '../../../src/lib/share/decode-v1.ts';
import { decode, encode, type SharedState } from '../../../src/lib/share/url-codec.ts';

const state = (plan: PlanSettings | null): SharedState => ({
  config: defaultConfig(),
  view: { unit: 'GB', theme: 'system' },
  compare: defaultComparison(),
  training: { ...DEFAULT_TRAINING },
  plan,
});
const read = (query: string) => {
  const warnings: string[] = [];
  const plan = readPlan(new LinkReader(new URLSearchParams(query), warnings));
  return { plan, warnings };
};

describe('readPlan', () => {
  it('a link without plan parameters has none (the default ones load with the panel)', () => {
    expect(read('m=deepseek-v3')).toEqual({ plan: null, warnings: [] });
  });

  it.each([
    ['users', { ...DEFAULT_PLAN, users: 500 }],
    ['a rate', { ...DEFAULT_PLAN, traffic: 'rate', rate: 0.5 }],
    ['no targets', { ...DEFAULT_PLAN, tokensPerSecondPerUser: 0, ttftSeconds: 0 }],
    [
      'devices and prices',
      { ...DEFAULT_PLAN, devices: ['h200', 'mi355x'], prices: { h200: 2.2, mi355x: 0 } },
    ],
    [
      'engine, pools, GPUs',
      { ...DEFAULT_PLAN, engine: 'trtllm', disaggregated: false, maxGpus: 32 },
    ],
    ['lengths', { ...DEFAULT_PLAN, inputTokens: 8192, outputTokens: 256, ttftSeconds: 0.5 }],
  ] as [string, PlanSettings][])(
    'decode(encode(%s)) gives the settings back, without warnings',
    (_, plan) => {
      const decoded = decode(encode(state(plan)));
      expect(decoded.warnings).toEqual([]);
      expect(decoded.plan).toEqual(plan);
    },
  );

  it.each([
    ['qu=0', 'qu (Concurrent users): expected a whole number from 1 to 65536, got "0"; ignored'],
    ['qi=1.5', 'qi (Prompt tokens): expected a whole number from 1 to 1048576, got "1.5"; ignored'],
    [
      'qf=abc',
      'qf (Target time to first token (s)): expected a number from 0 to 120, got "abc"; ignored',
    ],
    [
      'qd=h200,nope',
      'qd: expected data-centre device ids, comma-separated (h100-sxm,h100-pcie,h200,h800), got "nope"; ignored',
    ],
    [
      'qp=h200:-3',
      'qp: expected device-id:dollars per device-hour (h200:3.5) from 0 to 1000000, got "h200:-3"; ignored',
    ],
    ['qe=tgi', 'qe: expected one of vllm, sglang, trtllm, llamacpp, got "tgi"; ignored'],
    ['qs=yes', 'qs: expected one of 0, 1, got "yes"; ignored'],
    ['qu=5&qr=2', 'qu: a link gives users (qu) or a request rate (qr), not both; qu ignored'],
  ])(
    '%s is refused with a warning naming the key, the value and what is expected',
    (query, warning) => {
      const { plan, warnings } = read(query);
      expect(warnings).toEqual([warning]);
      expect(plan).not.toBeNull();
    },
  );

  it('a mangled value leaves the default and the rest of the link applies', () => {
    const { plan } = read('qd=zzz&qu=32&qp=h200:4,bad');
    expect(plan).toEqual({ ...DEFAULT_PLAN, users: 32, prices: { h200: 4 } });
  });
});
