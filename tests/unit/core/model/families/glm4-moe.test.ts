import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { ConfigError } from '../../../../../src/lib/core/model/errors.ts';
import { parseGlm4Moe } from '../../../../../src/lib/core/model/families/glm4-moe.ts';

describe('parseGlm4Moe', () => {
  it('is not counted yet: it refuses every config', () => {
    expect(() =>
      parseGlm4Moe(new ConfigReader({ model_type: 'glm4_moe' }, '', null), 'glm4_moe'),
    ).toThrow(ConfigError);
  });
});
