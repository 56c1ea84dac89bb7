import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHFConfig } from '../../../../src/lib/core/index.ts';
import { qkvWidth } from '../../../../src/lib/core/model/attention-spec.ts';
import { FIXTURES, fixtureSpec } from '../../helpers/fixtures.ts';

const v4Flash = parseHFConfig(
  JSON.parse(
    readFileSync(join(FIXTURES, 'new-families', 'deepseek-v4-flash.config.json'), 'utf8'),
  ) as Record<string, unknown>,
);

describe('qkvWidth', () => {
  it('GQA: 40 query heads and 8 keys and values of 128 (Llama 4 Scout)', () => {
    expect(qkvWidth(fixtureSpec('llama4-scout').attention)).toBe((40 + 2 * 8) * 128);
  });

  it('MLA: 128 heads, each a query and key of 128 + 64 and a value of 128 (DeepSeek-V3)', () => {
    expect(qkvWidth(fixtureSpec('deepseek-v3').attention)).toBe(128 * (128 + 64 + 128));
  });

  it('DeepSeek-V4: 64 query heads of 512 and one key that is the value', () => {
    expect(qkvWidth(v4Flash.attention)).toBe(64 * 512 + 512);
  });
});
