import { expect, it } from 'vitest';
import { KNOWN } from '../../../src/lib/share/link-format.ts';
import { PLAN_KEYS } from '../../../src/lib/share/plan-keys.ts';
import { PLAN_NUMBER_KEYS } from '../../../src/lib/share/plan-link.ts';
import { TRAINING_KEYS } from '../../../src/lib/share/training-keys.ts';

it('PLAN_KEYS names every parameter the plan codec reads and writes, once', () => {
  const codec = [...PLAN_NUMBER_KEYS.map(([key]) => key), 'qd', 'qp', 'qe', 'qs'];
  expect([...PLAN_KEYS].sort()).toEqual(codec.sort());
  expect(new Set(PLAN_KEYS).size).toBe(PLAN_KEYS.length);
});

it('PLAN_KEYS collide with no other parameter of the link', () => {
  for (const key of PLAN_KEYS) expect(KNOWN.has(key)).toBe(true);
  const others = [...KNOWN].filter((k) => !(PLAN_KEYS as readonly string[]).includes(k));
  expect(others.filter((k) => (PLAN_KEYS as readonly string[]).includes(k))).toEqual([]);
  expect(TRAINING_KEYS.filter((k) => (PLAN_KEYS as readonly string[]).includes(k))).toEqual([]);
  expect(others.filter((k) => k.startsWith('q'))).toEqual([]);
});
