/**
 * Presets: real config.json files (trimmed to the fields that shape the model) with their source
 * and published figures. The explorer, the CLI and the tests all start from these.
 */
import dbrx from './presets/dbrx.json' with { type: 'json' };
import deepseekV3 from './presets/deepseek-v3.json' with { type: 'json' };
import gptOss120b from './presets/gpt-oss-120b.json' with { type: 'json' };
import gptOss20b from './presets/gpt-oss-20b.json' with { type: 'json' };
import kimiK2 from './presets/kimi-k2.json' with { type: 'json' };
import llama31_405b from './presets/llama3.1-405b.json' with { type: 'json' };
import llama31_70b from './presets/llama3.1-70b.json' with { type: 'json' };
import llama31_8b from './presets/llama3.1-8b.json' with { type: 'json' };
import llama4Behemoth from './presets/llama4-behemoth.json' with { type: 'json' };
import llama4Maverick from './presets/llama4-maverick.json' with { type: 'json' };
import llama4Scout from './presets/llama4-scout.json' with { type: 'json' };
import mixtral8x22b from './presets/mixtral-8x22b.json' with { type: 'json' };
import mixtral8x7b from './presets/mixtral-8x7b.json' with { type: 'json' };
import olmoe from './presets/olmoe-1b-7b.json' with { type: 'json' };
import qwen3_235b from './presets/qwen3-235b-a22b.json' with { type: 'json' };
import qwen3_30b from './presets/qwen3-30b-a3b.json' with { type: 'json' };
import { parseHFConfig } from './hf-config.ts';
import type { ModelSpec } from './types.ts';

export interface Preset {
  /** Stable id used by the CLI and share links, e.g. "llama4-scout". */
  id: string;
  /** Display name, e.g. "Llama 4 Scout". */
  name: string;
  /** Published headline figures in parameters (where: PRESET_SOURCES in preset-sources.ts). */
  published: { total: number; active: number };
  /** The config.json, as published (trimmed). */
  config: Record<string, unknown>;
}

/** The built-in models, dense baselines last; where each comes from is in preset-sources.ts. */
export const presets: readonly Preset[] = [
  {
    id: 'llama4-scout',
    name: 'Llama 4 Scout',
    published: {
      total: 109e9,
      active: 17e9,
    },
    config: llama4Scout,
  },
  {
    id: 'llama4-maverick',
    name: 'Llama 4 Maverick',
    published: {
      total: 400e9,
      active: 17e9,
    },
    config: llama4Maverick,
  },
  {
    id: 'llama4-behemoth',
    name: 'Llama 4 Behemoth (estimate)',
    published: {
      total: 2e12,
      active: 288e9,
    },
    config: llama4Behemoth,
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    published: {
      total: 671e9,
      active: 37e9,
    },
    config: deepseekV3,
  },
  {
    id: 'kimi-k2',
    name: 'Kimi K2',
    published: {
      total: 1.04e12,
      active: 32e9,
    },
    config: kimiK2,
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    published: {
      total: 46.7e9,
      active: 12.9e9,
    },
    config: mixtral8x7b,
  },
  {
    id: 'mixtral-8x22b',
    name: 'Mixtral 8x22B',
    published: {
      total: 141e9,
      active: 39e9,
    },
    config: mixtral8x22b,
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3-30B-A3B',
    published: { total: 30.5e9, active: 3.3e9 },
    config: qwen3_30b,
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3-235B-A22B',
    published: { total: 235e9, active: 22e9 },
    config: qwen3_235b,
  },
  {
    id: 'dbrx',
    name: 'DBRX',
    published: {
      total: 132e9,
      active: 36e9,
    },
    config: dbrx,
  },
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    published: {
      total: 20.91e9,
      active: 3.61e9,
    },
    config: gptOss20b,
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    published: {
      total: 116.83e9,
      active: 5.13e9,
    },
    config: gptOss120b,
  },
  {
    id: 'olmoe-1b-7b',
    name: 'OLMoE-1B-7B',
    published: {
      total: 6.9e9,
      active: 1.3e9,
    },
    config: olmoe,
  },
  {
    id: 'llama3.1-8b',
    name: 'Llama 3.1 8B',
    published: { total: 8.03e9, active: 8.03e9 },
    config: llama31_8b,
  },
  {
    id: 'llama3.1-70b',
    name: 'Llama 3.1 70B',
    published: { total: 70.6e9, active: 70.6e9 },
    config: llama31_70b,
  },
  {
    id: 'llama3.1-405b',
    name: 'Llama 3.1 405B',
    published: { total: 405.9e9, active: 405.9e9 },
    config: llama31_405b,
  },
];

/** The preset the explorer opens on. */
export const DEFAULT_PRESET_ID = 'llama4-scout';

/** The preset with this id, or undefined. */
export function findPreset(id: string): Preset | undefined {
  return presets.find((p) => p.id === id);
}

/** The parsed spec of a preset, named by the preset. */
export function presetSpec(preset: Preset): ModelSpec {
  return parseHFConfig(preset.config, { name: preset.name });
}
