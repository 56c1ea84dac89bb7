/**
 * Reads a Hugging Face config.json into a `ModelSpec`. Each family's reading lives in
 * `families/`, next to the modeling file it follows.
 */
import { ConfigReader, isObject } from './config-reader.ts';
import { ConfigError } from './errors.ts';
import {
  DEFAULT_FAMILY_READERS,
  type FamilyReader,
  type FamilyReaders,
} from './families/readers.ts';
import {
  FAMILY_MODULES,
  familyModuleOf,
  moduleReaders,
  type FamilyModuleName,
} from './families/registry.ts';
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
  glm_moe_dsa: 'glm_moe_dsa',
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
  qwen3_5_moe: 'qwen3_5_moe',
  qwen3_5_moe_text: 'qwen3_5_moe',
  kimi_linear: 'kimi_linear',
  jamba: 'jamba',
  nemotron_h: 'nemotron_h',
  granitemoehybrid: 'granitemoehybrid',
  minimax: 'minimax',
  minimax_text_01: 'minimax',
  minimax_m1: 'minimax',
  longcat_flash: 'longcat_flash',
  deepseek_v4: 'deepseek_v4',
};

/**
 * The readers at hand, by family. Llama 4's (the default preset's) is always here; the others
 * load on demand, one module each (`loadFamilyReader`), so that the page and the <moe-explorer>
 * element download the reader of the model they show and no other. The library entry
 * (library.ts), the CLI and the tests load all of them up front (all-readers.ts).
 */
const readers = new Map<Family, FamilyReader>(
  Object.entries(DEFAULT_FAMILY_READERS) as [Family, FamilyReader][],
);

/** Makes `more` readable by parseHFConfig. */
export function addFamilyReaders(more: FamilyReaders): void {
  for (const [family, reader] of Object.entries(more)) readers.set(family as Family, reader);
}

/** The family of a supported model_type, else undefined (own properties only: not "__proto__"). */
function familyOf(modelType: unknown): Family | undefined {
  return typeof modelType === 'string' && Object.hasOwn(SUPPORTED_MODEL_TYPES, modelType)
    ? SUPPORTED_MODEL_TYPES[modelType]
    : undefined;
}

/** Whether a config's model_type can be read now: false when its reader still has to load. */
export function familyReaderLoaded(modelType: unknown): boolean {
  const family = familyOf(modelType);
  // Unsupported: parseHFConfig says so without loading anything.
  return family === undefined || readers.has(family);
}

const loading = new Map<FamilyModuleName, Promise<void>>();

function loadModule(name: FamilyModuleName): Promise<void> {
  const module = FAMILY_MODULES[name];
  let load = loading.get(name);
  if (!load) {
    load = module.load().then(
      (read) => addFamilyReaders(moduleReaders(module, read)),
      (error: unknown) => {
        loading.delete(name); // a failed load may be tried again
        throw error;
      },
    );
    loading.set(name, load);
  }
  return load;
}

/**
 * Loads the reader of one model_type (its module: a chunk of its own in the page). Resolves at
 * once for a reader at hand or an unsupported type (parseHFConfig then says so); rejects when
 * the chunk fails to load, and may be tried again.
 *
 * @example await loadFamilyReader('glm4_moe'); parseHFConfig(glm45Air) // reads GLM-4.5-Air
 */
export function loadFamilyReader(modelType: unknown): Promise<void> {
  const family = familyOf(modelType);
  if (family === undefined || readers.has(family)) return Promise.resolve();
  const name = familyModuleOf(family);
  return name === undefined ? Promise.resolve() : loadModule(name);
}

/** Loads every family's reader: for an import, whose model_type may be any. */
export function loadFamilyReaders(): Promise<void> {
  const names = (Object.keys(FAMILY_MODULES) as FamilyModuleName[]).filter((name) =>
    FAMILY_MODULES[name].families.some((family) => !readers.has(family)),
  );
  return Promise.all(names.map(loadModule)).then(() => {});
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
  const family = familyOf(modelType);
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
  try {
    validateSpec(spec);
  } catch (error) {
    throw located(error, (touched) =>
      reader(new ConfigReader(json, '', touched), family, modelType as string),
    );
  }
  return spec;
}

/**
 * A relation validateSpec names by a field's config.json name, at the path this config holds it:
 * `text_config.num_experts_per_tok` in Llama 4's. The config is read again, recording its paths,
 * only on this error.
 */
function located(error: unknown, read: (touched: Set<string>) => void): unknown {
  if (!(error instanceof ConfigError)) return error;
  const touched = new Set<string>();
  read(touched);
  if (touched.has(error.field)) return error;
  const path = [...touched].find((p) => p.endsWith(`.${error.field}`));
  return path === undefined ? error : new ConfigError(path, error.value, error.expected);
}

function nameOf(r: ConfigReader): string | null {
  const path = r.raw('_name_or_path');
  if (typeof path !== 'string' || path.trim() === '') return null;
  return path.split('/').filter(Boolean).pop() ?? null;
}
