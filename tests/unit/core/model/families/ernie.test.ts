import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { ConfigError } from '../../../../../src/lib/core/model/errors.ts';
import { parseErnie45Moe } from '../../../../../src/lib/core/model/families/ernie.ts';

describe('parseErnie45Moe', () => {
  it('is not counted yet: it refuses every config', () => {
    expect(() =>
      parseErnie45Moe(new ConfigReader({ model_type: 'ernie4_5_moe' }, '', null)),
    ).toThrow(ConfigError);
  });
});
