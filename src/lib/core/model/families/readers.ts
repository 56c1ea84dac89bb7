/**
 * The readers of the families with a preset: always loaded, as every page and element opens on
 * a preset. The other families' readers are in more-readers.ts, loaded on demand
 * (hf-config.ts `loadFamilyReaders`).
 */
import { ConfigError } from '../errors.ts';
import type { ConfigReader } from '../config-reader.ts';
import type { Family, ModelSpec } from '../types.ts';
import { parseDbrx } from './dbrx.ts';
import { parseDeepseek } from './deepseek.ts';
import { parseGptOss } from './gpt-oss.ts';
import { parseLlama } from './llama.ts';
import { parseLlama4 } from './llama4.ts';
import { parseMixtral } from './mixtral.ts';
import { parseOlmoe } from './olmoe.ts';
import { parseQwenMoe } from './qwen-moe.ts';

/** Reads one family's config.json (`r` at its top level; `modelType` as written). */
export type FamilyReader = (r: ConfigReader, family: Family, modelType: string) => ModelSpec;
export type FamilyReaders = Partial<Record<Family, FamilyReader>>;

/** Llama 4: the text model sits in text_config, except for a bare "llama4_text" config. */
function readLlama4(r: ConfigReader, _family: Family, modelType: string): ModelSpec {
  const text = modelType === 'llama4_text' ? r : r.child('text_config');
  if (!text) throw new ConfigError('text_config', undefined, 'an object with the text model sizes');
  return parseLlama4(r, text);
}

export const PRESET_FAMILY_READERS: FamilyReaders = {
  llama: (r) => parseLlama(r, 'llama'),
  mistral: (r) => parseLlama(r, 'mistral'),
  llama4: readLlama4,
  mixtral: (r) => parseMixtral(r, 'mixtral'),
  phimoe: (r) => parseMixtral(r, 'phimoe'),
  qwen2_moe: (r) => parseQwenMoe(r, 'qwen2_moe'),
  qwen3_moe: (r) => parseQwenMoe(r, 'qwen3_moe'),
  deepseek_v2: (r) => parseDeepseek(r, 'deepseek_v2'),
  deepseek_v3: (r) => parseDeepseek(r, 'deepseek_v3'),
  // No preset, but read by the DeepSeek reader, which is here anyway.
  deepseek_v32: (r) => parseDeepseek(r, 'deepseek_v32'),
  kimi_k2: (r) => parseDeepseek(r, 'kimi_k2'),
  dbrx: (r) => parseDbrx(r),
  gpt_oss: (r) => parseGptOss(r),
  olmoe: (r) => parseOlmoe(r),
};
