import { expect, it } from 'vitest';
import { countParams, parseHFConfig } from '../../../../src/lib/core/index.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';
import { LONGCAT_FLASH_CHAT } from '../../helpers/longcat-flash.ts';

it('zero-computation experts give a range: from no real expert to top-k real experts per MoE layer', () => {
  const count = countParams(parseHFConfig(LONGCAT_FLASH_CHAT));
  // LongCat-Flash-Chat: 28 MoE layers, top-12 of 512 real + 256 zero experts of 3·6144·2048
  // parameters each (docs/research/families/longcat_flash.md section 4).
  expect(count.activeRange).toEqual({
    min: count.active - 28 * 12 * 37_748_736,
    max: count.active,
  });
});

it('every other model has no range: its active count is exact', () => {
  expect(countParams(fixtureSpec('deepseek-v3')).activeRange).toBeUndefined();
});
