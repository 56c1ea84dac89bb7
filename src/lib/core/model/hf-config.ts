/**
 * Reads a Hugging Face config.json into a `ModelSpec`. Each family's reading lives in
 * `families/`, next to the modeling file it follows.
 */
import { ConfigReader, isObject } from './config-reader.ts';
import { ConfigError } from './errors.ts';
import {
  PRESET_FAMILY_READERS,
  type FamilyReader,
  type FamilyReaders,
} from './families/readers.ts';
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
  qwen3_next: 'qwen3_next',
  kimi_linear: 'kimi_linear',
  jamba: 'jamba',
  nemotron_h: 'nemotron_h',
  granitemoehybrid: 'granitemoehybrid',
  minimax: 'minimax',
  minimax_text_01: 'minimax',
  minimax_m1: 'minimax',
  longcat_flash: 'longcat_flash',
};

/**
 * The readers at hand, by family. The preset families' readers are always here; the others load
 * on demand (`loadFamilyReaders`), so that the page and the <moe-explorer> element do not
 * download readers for models they never show. The library entry (library.ts), the CLI and the
 * tests load all of them up front (`addFamilyReaders`).
 */
const readers = new Map<Family, FamilyReader>(
  Object.entries(PRESET_FAMILY_READERS) as [Family, FamilyReader][],
);

/** Makes `more` readable by parseHFConfig. */
export function addFamilyReaders(more: FamilyReaders): void {
  for (const [family, reader] of Object.entries(more)) readers.set(family as Family, reader);
}

/** Whether a config's model_type can be read now: false when its reader still has to load. */
export function familyReaderLoaded(modelType: unknown): boolean {
  if (typeof modelType !== 'string' || !Object.hasOwn(SUPPORTED_MODEL_TYPES, modelType))
    return true; // unsupported: parseHFConfig says so without loading anything
  return readers.has(SUPPORTED_MODEL_TYPES[modelType]!);
}

let loading: Promise<void> | null = null;

/**
 * Loads the readers of the families without a preset (one chunk). Resolves once they are
 * readable; a failed load may be tried again.
 */
export function loadFamilyReaders(): Promise<void> {
  loading ??= import('./families/more-readers.ts').then(
    (module) => addFamilyReaders(module.MORE_FAMILY_READERS),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

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
  const reader = readers.get(family);
  if (reader === undefined) {
    throw new ConfigError(
      'model_type',
      modelType,
      `a model type whose reader has loaded (the ${family} reader loads on demand, and has not)`,
    );
  }
  const spec = reader(r, family, modelType as string);
  spec.name = options.name ?? nameOf(r) ?? String(modelType);
  validateSpec(spec);
  return spec;
}

function nameOf(r: ConfigReader): string | null {
  const path = r.raw('_name_or_path');
  if (typeof path !== 'string' || path.trim() === '') return null;
  return path.split('/').filter(Boolean).pop() ?? null;
}
