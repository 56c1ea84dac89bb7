/**
 * Reads a Hugging Face config.json into a `ModelSpec`. Each family's reading lives in
 * `families/`, next to the modeling file it follows.
 */
import { ConfigReader, isObject } from './config-reader.ts';
import { ConfigError } from './errors.ts';
import { parseBailingMoe } from './families/bailing.ts';
import { parseDbrx } from './families/dbrx.ts';
import { parseDots1 } from './families/dots1.ts';
import { parseErnie45Moe } from './families/ernie.ts';
import { parseGlm4Moe } from './families/glm4-moe.ts';
import { parseHunyuanMoe } from './families/hunyuan.ts';
import { parseMinimaxM2 } from './families/minimax-m2.ts';
import { parseDeepseek } from './families/deepseek.ts';
import { parseGptOss } from './families/gpt-oss.ts';
import { parseGraniteMoe } from './families/granitemoe.ts';
import { parseLlama } from './families/llama.ts';
import { parseLlama4 } from './families/llama4.ts';
import { parseMixtral } from './families/mixtral.ts';
import { parseOlmoe } from './families/olmoe.ts';
import { parseQwenMoe } from './families/qwen-moe.ts';
import { parseQwen3VlMoe } from './families/qwen3-vl.ts';
import { validateSpec } from './validate.ts';
import type { Family, ModelSpec } from './types.ts';

/** The `model_type` values the importer reads, and the family each maps to. */
export const SUPPORTED_MODEL_TYPES: Readonly<Record<string, Family>> = {
  llama: 'llama',
  mistral: 'mistral',
  llama4: 'llama4',
  llama4_text: 'llama4',
  mixtral: 'mixtral',
  qwen2_moe: 'qwen2_moe',
  qwen3_moe: 'qwen3_moe',
  qwen3_vl_moe: 'qwen3_vl_moe',
  deepseek_v2: 'deepseek_v2',
  deepseek_v3: 'deepseek_v3',
  deepseek_v32: 'deepseek_v32',
  kimi_k2: 'kimi_k2',
  dbrx: 'dbrx',
  gpt_oss: 'gpt_oss',
  olmoe: 'olmoe',
  phimoe: 'phimoe',
  granitemoe: 'granitemoe',
  granitemoeshared: 'granitemoeshared',
  glm4_moe: 'glm4_moe',
  glm4_moe_lite: 'glm4_moe_lite',
  dots1: 'dots1',
  minimax_m2: 'minimax_m2',
  hunyuan_v1_moe: 'hunyuan_v1_moe',
  hunyuan: 'hunyuan_v1_moe',
  ernie4_5_moe: 'ernie4_5_moe',
  bailing_moe: 'bailing_moe',
};

export interface ParseOptions {
  /** A display name; else `_name_or_path`, else the model_type. */
  name?: string;
  /** Collects the dotted path of every field the parser reads: what shapes the model. */
  touched?: Set<string>;
}

/**
 * Parses a Hugging Face config.json (as parsed JSON) into a validated `ModelSpec`.
 * Unknown fields are ignored. Throws only `ConfigError`, naming the field, the value and what
 * was expected.
 *
 * @example parseHFConfig({ model_type: 'mixtral', hidden_size: 4096, ... }).moe?.experts // 8
 */
export function parseHFConfig(json: unknown, options: ParseOptions = {}): ModelSpec {
  if (!isObject(json))
    throw new ConfigError('config', json, 'a JSON object (the contents of config.json)');
  const r = new ConfigReader(json, '', options.touched ?? null);
  const modelType = r.raw('model_type');
  // Own properties only: a model_type of "__proto__" or "constructor" is not a family.
  const family =
    typeof modelType === 'string' && Object.hasOwn(SUPPORTED_MODEL_TYPES, modelType)
      ? SUPPORTED_MODEL_TYPES[modelType]
      : undefined;
  if (family === undefined) {
    const supported = Object.keys(SUPPORTED_MODEL_TYPES).join(', ');
    throw new ConfigError('model_type', modelType, `a supported model type: ${supported}`);
  }
  const spec = parseFamily(r, family, modelType === 'llama4_text');
  spec.name = options.name ?? nameOf(r) ?? String(modelType);
  validateSpec(spec);
  return spec;
}

function parseFamily(r: ConfigReader, family: Family, bareLlama4Text: boolean): ModelSpec {
  switch (family) {
    case 'llama':
    case 'mistral':
      return parseLlama(r, family);
    case 'llama4': {
      const text = bareLlama4Text ? r : r.child('text_config');
      if (!text)
        throw new ConfigError('text_config', undefined, 'an object with the text model sizes');
      return parseLlama4(r, text);
    }
    case 'mixtral':
    case 'phimoe':
      return parseMixtral(r, family);
    case 'qwen2_moe':
    case 'qwen3_moe':
      return parseQwenMoe(r, family);
    case 'qwen3_vl_moe':
      return parseQwen3VlMoe(r);
    case 'deepseek_v2':
    case 'deepseek_v3':
    case 'deepseek_v32':
    case 'kimi_k2':
      return parseDeepseek(r, family);
    case 'dbrx':
      return parseDbrx(r);
    case 'gpt_oss':
      return parseGptOss(r);
    case 'olmoe':
      return parseOlmoe(r);
    case 'granitemoe':
    case 'granitemoeshared':
      return parseGraniteMoe(r, family);
    case 'glm4_moe':
    case 'glm4_moe_lite':
      return parseGlm4Moe(r, family);
    case 'dots1':
      return parseDots1(r);
    case 'minimax_m2':
      return parseMinimaxM2(r);
    case 'ernie4_5_moe':
      return parseErnie45Moe(r);
    case 'bailing_moe':
      return parseBailingMoe(r);
    case 'hunyuan_v1_moe':
      return parseHunyuanMoe(r);
  }
}

function nameOf(r: ConfigReader): string | null {
  const path = r.raw('_name_or_path');
  if (typeof path !== 'string' || path.trim() === '') return null;
  return path.split('/').filter(Boolean).pop() ?? null;
}
