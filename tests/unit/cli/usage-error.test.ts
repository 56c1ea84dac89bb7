import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/usage-error.ts';

describe('UsageError', () => {
  it('UsageError is an Error named UsageError, with the message it was given', () => {
    const error = new UsageError('--gpus needs a value');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
    expect(error.message).toBe('--gpus needs a value');
  });
});
