import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { ConfigError } from '../../../../../src/lib/core/model/errors.ts';
import { parseMinimaxM2 } from '../../../../../src/lib/core/model/families/minimax-m2.ts';

describe('parseMinimaxM2', () => {
  it('is not counted yet: it refuses every config', () => {
    expect(() => parseMinimaxM2(new ConfigReader({ model_type: 'minimax_m2' }, '', null))).toThrow(
      ConfigError,
    );
  });
});
