/**
 * Presets: real config.json files (trimmed to the fields that shape the model) with their source
 * and published figures. The explorer, the CLI and the tests all start from these.
 *
 * The default preset's config is part of the core; every other preset's config.json is a module
 * of its own, loaded on demand with its family's reader (`loadPreset`), so that the page and the
 * <moe-explorer> element download the models they show and no other. The library entry, the
 * CLI and the tests load all of them up front (all-presets.ts).
 */
import llama4Scout from './presets/llama4-scout.json' with { type: 'json' };
import { ConfigError } from './errors.ts';
import { loadFamilyReader, familyReaderLoaded, parseHFConfig } from './hf-config.ts';
import type { ModelSpec } from './types.ts';

type ConfigJson = Record<string, unknown>;

export interface Preset {
  /** Stable id used by the CLI and share links, e.g. "llama4-scout". */
  id: string;
  /** Display name, e.g. "Llama 4 Scout". */
  name: string;
  /** Published headline figures in parameters (where: PRESET_SOURCES in preset-sources.ts). */
  published: { total: number; active: number };
  /** The config.json's model_type, known before the config loads (for its family's reader). */
  modelType: string;
  /**
   * The config.json, as published (trimmed). Throws ConfigError until the preset has loaded
   * (`loadPreset`, `presetLoaded`): it always has for the default preset, the library, the CLI
   * and the tests.
   */
  readonly config: ConfigJson;
}

/** The preset the explorer opens on. */
export const DEFAULT_PRESET_ID = 'llama4-scout';

/** The presets' configs at hand, by id. */
const configs = new Map<string, ConfigJson>([[DEFAULT_PRESET_ID, llama4Scout]]);
/** How each other preset's config.json loads (a chunk of its own in the page), by id. */
const loaders = new Map<string, () => Promise<{ default: ConfigJson }>>();

function preset(
  entry: Omit<Preset, 'config'>,
  load?: () => Promise<{ default: ConfigJson }>,
): Preset {
  if (load) loaders.set(entry.id, load);
  return {
    ...entry,
    get config() {
      const config = configs.get(entry.id);
      if (!config)
        throw new ConfigError(
          'preset',
          entry.id,
          'a preset whose config.json has loaded (loadPreset)',
        );
      return config;
    },
  };
}

/** The built-in models, dense baselines last; where each comes from is in preset-sources.ts. */
export const presets: readonly Preset[] = [
  preset({
    id: 'llama4-scout',
    name: 'Llama 4 Scout',
    published: { total: 109e9, active: 17e9 },
    modelType: 'llama4',
  }),
  preset(
    {
      id: 'llama4-maverick',
      name: 'Llama 4 Maverick',
      published: { total: 400e9, active: 17e9 },
      modelType: 'llama4',
    },
    () => import('./presets/llama4-maverick.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'llama4-behemoth',
      name: 'Llama 4 Behemoth (estimate)',
      published: { total: 2e12, active: 288e9 },
      modelType: 'llama4',
    },
    () => import('./presets/llama4-behemoth.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'deepseek-v3',
      name: 'DeepSeek-V3',
      published: { total: 671e9, active: 37e9 },
      modelType: 'deepseek_v3',
    },
    () => import('./presets/deepseek-v3.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'deepseek-v4-flash',
      name: 'DeepSeek-V4-Flash',
      published: { total: 284e9, active: 13e9 },
      modelType: 'deepseek_v4',
    },
    () => import('./presets/deepseek-v4-flash.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'deepseek-v4-pro',
      name: 'DeepSeek-V4-Pro',
      published: { total: 1.6e12, active: 49e9 },
      modelType: 'deepseek_v4',
    },
    () => import('./presets/deepseek-v4-pro.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'kimi-k2',
      name: 'Kimi K2',
      published: { total: 1.04e12, active: 32e9 },
      modelType: 'kimi_k2',
    },
    () => import('./presets/kimi-k2.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'glm-4.5-air',
      name: 'GLM-4.5-Air',
      published: { total: 106e9, active: 12e9 },
      modelType: 'glm4_moe',
    },
    () => import('./presets/glm-4.5-air.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'glm-4.7',
      name: 'GLM-4.7',
      published: { total: 355e9, active: 32e9 },
      modelType: 'glm4_moe',
    },
    () => import('./presets/glm-4.7.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'glm-5',
      name: 'GLM-5',
      published: { total: 744e9, active: 40e9 },
      modelType: 'glm_moe_dsa',
    },
    () => import('./presets/glm-5.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'mixtral-8x7b',
      name: 'Mixtral 8x7B',
      published: { total: 46.7e9, active: 12.9e9 },
      modelType: 'mixtral',
    },
    () => import('./presets/mixtral-8x7b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'mixtral-8x22b',
      name: 'Mixtral 8x22B',
      published: { total: 141e9, active: 39e9 },
      modelType: 'mixtral',
    },
    () => import('./presets/mixtral-8x22b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'qwen3-30b-a3b',
      name: 'Qwen3-30B-A3B',
      published: { total: 30.5e9, active: 3.3e9 },
      modelType: 'qwen3_moe',
    },
    () => import('./presets/qwen3-30b-a3b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'qwen3-235b-a22b',
      name: 'Qwen3-235B-A22B',
      published: { total: 235e9, active: 22e9 },
      modelType: 'qwen3_moe',
    },
    () => import('./presets/qwen3-235b-a22b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'qwen3-next-80b-a3b',
      name: 'Qwen3-Next-80B-A3B',
      published: { total: 80e9, active: 3e9 },
      modelType: 'qwen3_next',
    },
    () => import('./presets/qwen3-next-80b-a3b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'dbrx',
      name: 'DBRX',
      published: { total: 132e9, active: 36e9 },
      modelType: 'dbrx',
    },
    () => import('./presets/dbrx.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'gpt-oss-20b',
      name: 'gpt-oss-20b',
      published: { total: 20.91e9, active: 3.61e9 },
      modelType: 'gpt_oss',
    },
    () => import('./presets/gpt-oss-20b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'gpt-oss-120b',
      name: 'gpt-oss-120b',
      published: { total: 116.83e9, active: 5.13e9 },
      modelType: 'gpt_oss',
    },
    () => import('./presets/gpt-oss-120b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'minimax-m2.7',
      name: 'MiniMax-M2.7',
      published: { total: 230e9, active: 10e9 },
      modelType: 'minimax_m2',
    },
    () => import('./presets/minimax-m2.7.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'olmoe-1b-7b',
      name: 'OLMoE-1B-7B',
      published: { total: 6.9e9, active: 1.3e9 },
      modelType: 'olmoe',
    },
    () => import('./presets/olmoe-1b-7b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'llama3.1-8b',
      name: 'Llama 3.1 8B',
      published: { total: 8.03e9, active: 8.03e9 },
      modelType: 'llama',
    },
    () => import('./presets/llama3.1-8b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'llama3.1-70b',
      name: 'Llama 3.1 70B',
      published: { total: 70.6e9, active: 70.6e9 },
      modelType: 'llama',
    },
    () => import('./presets/llama3.1-70b.json', { with: { type: 'json' } }),
  ),
  preset(
    {
      id: 'llama3.1-405b',
      name: 'Llama 3.1 405B',
      published: { total: 405.9e9, active: 405.9e9 },
      modelType: 'llama',
    },
    () => import('./presets/llama3.1-405b.json', { with: { type: 'json' } }),
  ),
];

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return presets.find((p) => p.id === id);
}

/** Whether a preset can be shown now: its config and its family's reader are at hand. */
export function presetLoaded(preset: Preset): boolean {
  return configs.has(preset.id) && familyReaderLoaded(preset.modelType);
}

const loading = new Map<string, Promise<void>>();

/**
 * Loads a preset's config.json and its family's reader (two chunks, fetched together).
 * Resolves at once for a preset at hand; rejects when a chunk fails to load, and may be tried
 * again.
 *
 * @example await loadPreset(findPreset('deepseek-v3')!); presetSpec(findPreset('deepseek-v3')!)
 */
export function loadPreset(preset: Preset): Promise<void> {
  if (presetLoaded(preset)) return Promise.resolve();
  const pending = loading.get(preset.id);
  if (pending) return pending;
  const config = configs.has(preset.id)
    ? undefined
    : loaders.get(preset.id)!().then((module) => void configs.set(preset.id, module.default));
  const load = Promise.all([config, loadFamilyReader(preset.modelType)]).then(
    () => void loading.delete(preset.id),
    (error: unknown) => {
      loading.delete(preset.id); // a failed load may be tried again
      throw error;
    },
  );
  loading.set(preset.id, load);
  return load;
}

/** Makes these configs (by preset id) at hand: all-presets.ts, for the library, CLI and tests. */
export function addPresetConfigs(more: Readonly<Record<string, ConfigJson>>): void {
  for (const [id, config] of Object.entries(more)) configs.set(id, config);
}

/** The parsed spec of a preset, named by the preset. */
export function presetSpec(preset: Preset): ModelSpec {
  return parseHFConfig(preset.config, { name: preset.name });
}
