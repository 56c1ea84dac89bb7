import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../../../../src/lib/core/model/config-reader.ts';
import { ConfigError } from '../../../../../src/lib/core/model/errors.ts';
import { parseHunyuanMoe } from '../../../../../src/lib/core/model/families/hunyuan.ts';

describe('parseHunyuanMoe', () => {
  it('is not counted yet: it refuses every config', () => {
    expect(() =>
      parseHunyuanMoe(new ConfigReader({ model_type: 'hunyuan_v1_moe' }, '', null)),
    ).toThrow(ConfigError);
  });
});
