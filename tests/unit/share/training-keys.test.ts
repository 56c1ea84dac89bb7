import { expect, it } from 'vitest';
import { TRAINING_KEYS } from '../../../src/lib/share/training-keys.ts';
import {
  TRAINING_CHOICE_KEYS,
  TRAINING_NUMBER_KEYS,
} from '../../../src/lib/share/training-link.ts';

it('TRAINING_KEYS names every parameter the training codec reads and writes, once', () => {
  // `t=run`: the linked model's published run (training-link.ts).
  const codec = ['t', ...TRAINING_NUMBER_KEYS.map(([key]) => key), ...TRAINING_CHOICE_KEYS];
  expect([...TRAINING_KEYS].sort()).toEqual(codec.sort());
  expect(new Set(TRAINING_KEYS).size).toBe(TRAINING_KEYS.length);
});
