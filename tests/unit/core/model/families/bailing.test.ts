import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { ConfigError } from '../../../../../src/lib/core/model/errors.ts';
import { parseBailingMoe } from '../../../../../src/lib/core/model/families/bailing.ts';

describe('parseBailingMoe', () => {
  it('is not counted yet: it refuses every config', () => {
    expect(() =>
      parseBailingMoe(new ConfigReader({ model_type: 'bailing_moe' }, '', null)),
    ).toThrow(ConfigError);
  });
});
