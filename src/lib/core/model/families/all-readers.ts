/**
 * Every family module, imported statically: for the library entry (library.ts), the CLI and the
 * tests, which have every module at hand and read any family at once, without waiting for
 * `loadFamilyReader`.
 */
import { addFamilyReaders } from '../hf-config.ts';
import { parseBailingMoe } from './bailing.ts';
import { parseDbrx } from './dbrx.ts';
import { parseDeepseek } from './deepseek.ts';
import { parseDeepseekV4 } from './deepseek-v4.ts';
import { parseDots1 } from './dots1.ts';
import { parseErnie45Moe } from './ernie.ts';
import { parseGlm4Moe } from './glm4-moe.ts';
import { parseGlmMoeDsa } from './glm-moe-dsa.ts';
import { parseGptOss } from './gpt-oss.ts';
import { parseGraniteMoe } from './granitemoe.ts';
import { parseGraniteMoeHybrid } from './granitemoehybrid.ts';
import { parseHunyuanMoe } from './hunyuan.ts';
import { parseJamba } from './jamba.ts';
import { parseKimiLinear } from './kimi-linear.ts';
import { parseLlama } from './llama.ts';
import { parseLongcatFlash } from './longcat-flash.ts';
import { parseMinimax } from './minimax.ts';
import { parseMinimaxM2 } from './minimax-m2.ts';
import { parseMixtral } from './mixtral.ts';
import { parseNemotronH } from './nemotron-h.ts';
import { parseOlmoe } from './olmoe.ts';
import { parseQwenMoe } from './qwen-moe.ts';
import { parseQwen3Next } from './qwen3-next.ts';
import { parseQwen35Moe } from './qwen3-5-moe.ts';
import { parseQwen3VlMoe } from './qwen3-vl.ts';
import {
  FAMILY_MODULES,
  moduleReaders,
  type FamilyModuleName,
  type ModuleReader,
} from './registry.ts';

/** Each module's reader, as registry.ts loads it. */
export const LOADED_FAMILY_READERS: Record<FamilyModuleName, ModuleReader> = {
  llama: parseLlama as ModuleReader,
  mixtral: parseMixtral as ModuleReader,
  'qwen-moe': parseQwenMoe as ModuleReader,
  deepseek: parseDeepseek as ModuleReader,
  dbrx: parseDbrx as ModuleReader,
  'gpt-oss': parseGptOss as ModuleReader,
  olmoe: parseOlmoe as ModuleReader,
  'qwen3-vl': parseQwen3VlMoe as ModuleReader,
  granitemoe: parseGraniteMoe as ModuleReader,
  'glm4-moe': parseGlm4Moe as ModuleReader,
  dots1: parseDots1 as ModuleReader,
  'minimax-m2': parseMinimaxM2 as ModuleReader,
  ernie: parseErnie45Moe as ModuleReader,
  bailing: parseBailingMoe as ModuleReader,
  hunyuan: parseHunyuanMoe as ModuleReader,
  'qwen3-next': parseQwen3Next as ModuleReader,
  'qwen3-5-moe': parseQwen35Moe as ModuleReader,
  'glm-moe-dsa': parseGlmMoeDsa as ModuleReader,
  'kimi-linear': parseKimiLinear as ModuleReader,
  jamba: parseJamba as ModuleReader,
  'nemotron-h': parseNemotronH as ModuleReader,
  granitemoehybrid: parseGraniteMoeHybrid as ModuleReader,
  minimax: parseMinimax as ModuleReader,
  'longcat-flash': parseLongcatFlash as ModuleReader,
  'deepseek-v4': parseDeepseekV4 as ModuleReader,
};

/** Makes every family readable at once. */
export function loadAllFamilyReaders(): void {
  for (const [name, module] of Object.entries(FAMILY_MODULES))
    addFamilyReaders(moduleReaders(module, LOADED_FAMILY_READERS[name as FamilyModuleName]));
}
