import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { ConfigError } from '../../../../../src/lib/core/model/errors.ts';
import { parseDots1 } from '../../../../../src/lib/core/model/families/dots1.ts';

describe('parseDots1', () => {
  it('is not counted yet: it refuses every config', () => {
    expect(() => parseDots1(new ConfigReader({ model_type: 'dots1' }, '', null))).toThrow(
      ConfigError,
    );
  });
});
