/**
 * The readers of the families without a preset, loaded on demand (hf-config.ts
 * `loadFamilyReaders`); the library entry, the CLI and the tests load them up front.
 */
import { parseBailingMoe } from './bailing.ts';
import { parseDots1 } from './dots1.ts';
import { parseErnie45Moe } from './ernie.ts';
import { parseGlm4Moe } from './glm4-moe.ts';
import { parseGraniteMoe } from './granitemoe.ts';
import { parseHunyuanMoe } from './hunyuan.ts';
import { parseMinimaxM2 } from './minimax-m2.ts';
import { parseQwen3VlMoe } from './qwen3-vl.ts';
import { parseQwen3Next } from './qwen3-next.ts';
import { parseKimiLinear } from './kimi-linear.ts';
import { parseJamba } from './jamba.ts';
import { parseNemotronH } from './nemotron-h.ts';
import { parseGraniteMoeHybrid } from './granitemoehybrid.ts';
import { parseMinimax } from './minimax.ts';
import { parseLongcatFlash } from './longcat-flash.ts';
import type { FamilyReaders } from './readers.ts';

export const MORE_FAMILY_READERS: FamilyReaders = {
  qwen3_vl_moe: (r) => parseQwen3VlMoe(r),
  granitemoe: (r) => parseGraniteMoe(r, 'granitemoe'),
  granitemoeshared: (r) => parseGraniteMoe(r, 'granitemoeshared'),
  glm4_moe: (r) => parseGlm4Moe(r, 'glm4_moe'),
  glm4_moe_lite: (r) => parseGlm4Moe(r, 'glm4_moe_lite'),
  dots1: (r) => parseDots1(r),
  minimax_m2: (r) => parseMinimaxM2(r),
  ernie4_5_moe: (r) => parseErnie45Moe(r),
  bailing_moe: (r) => parseBailingMoe(r),
  hunyuan_v1_moe: (r) => parseHunyuanMoe(r),
  qwen3_next: (r) => parseQwen3Next(r),
  kimi_linear: (r) => parseKimiLinear(r),
  jamba: (r) => parseJamba(r),
  nemotron_h: (r) => parseNemotronH(r),
  granitemoehybrid: (r) => parseGraniteMoeHybrid(r),
  minimax: (r) => parseMinimax(r),
  longcat_flash: (r) => parseLongcatFlash(r),
};
