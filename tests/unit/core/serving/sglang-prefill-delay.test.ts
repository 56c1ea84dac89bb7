import { describe, expect, it } from 'vitest';
import { SGLANG_PREFILL_DELAY_PASSES } from '../../../../src/lib/core/index.ts';

describe('SGLANG_PREFILL_DELAY_PASSES', () => {
  it('is SGLang’s prefill_delayer_max_delay_passes default, 30 (server_args.py)', () => {
    expect(SGLANG_PREFILL_DELAY_PASSES).toBe(30);
  });
});
