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
  /** Where the config comes from. */
  source: string;
  /** Published headline figures in parameters, and where they are published. */
  published: { total: number; active: number; note: string };
  /** Set when the config is not published: what is assumed. */
  estimate?: string;
  /** The config.json, as published (trimmed). */
  config: Record<string, unknown>;
}

const hf = (repo: string) => `huggingface.co/${repo}/blob/main/config.json`;

/** The built-in models, dense baselines last. */
export const presets: readonly Preset[] = [
  {
    id: 'llama4-scout',
    name: 'Llama 4 Scout',
    source: hf('meta-llama/Llama-4-Scout-17B-16E'),
    published: {
      total: 109e9,
      active: 17e9,
      note: 'Llama 4 model card: 109B total, 17B active, 16 experts, 10M context',
    },
    config: llama4Scout,
  },
  {
    id: 'llama4-maverick',
    name: 'Llama 4 Maverick',
    source: hf('meta-llama/Llama-4-Maverick-17B-128E'),
    published: {
      total: 400e9,
      active: 17e9,
      note: 'Llama 4 model card: 400B total, 17B active, 128 experts',
    },
    config: llama4Maverick,
  },
  {
    id: 'llama4-behemoth',
    name: 'Llama 4 Behemoth (estimate)',
    source:
      'Meta, "The Llama 4 herd" (2025-04-05): 288B active, ~2T total, 16 experts; no config published',
    published: {
      total: 2e12,
      active: 288e9,
      note: 'Meta blog: 288B active, nearly 2T total, 16 experts',
    },
    estimate:
      "Only active (288B), total (~2T) and 16 experts are published. Assumed: Scout's layout (every layer MoE, top-1 plus one shared expert, 3 chunked : 1 global attention, vocabulary 202,048), hidden size 16,384, 94 layers (chosen so that active and total land on the published figures), 128 query / 8 KV heads of 128, expert width 24,576, 1M context; no vision tower. This gives 1.99T total and 287B active.",
    config: llama4Behemoth,
  },
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    source: hf('deepseek-ai/DeepSeek-V3'),
    published: {
      total: 671e9,
      active: 37e9,
      note: 'DeepSeek-V3 report: 671B total (+14B MTP), 37B active',
    },
    config: deepseekV3,
  },
  {
    id: 'kimi-k2',
    name: 'Kimi K2',
    source: hf('moonshotai/Kimi-K2-Instruct'),
    published: {
      total: 1.04e12,
      active: 32e9,
      note: 'Kimi K2 technical report (arXiv:2507.20534): 1.04T total, 32B active, 384 experts',
    },
    config: kimiK2,
  },
  {
    id: 'mixtral-8x7b',
    name: 'Mixtral 8x7B',
    source: hf('mistralai/Mixtral-8x7B-v0.1'),
    published: {
      total: 46.7e9,
      active: 12.9e9,
      note: 'Mixtral paper (arXiv:2401.04088): 47B total, 13B active',
    },
    config: mixtral8x7b,
  },
  {
    id: 'mixtral-8x22b',
    name: 'Mixtral 8x22B',
    source: hf('mistralai/Mixtral-8x22B-v0.1'),
    published: {
      total: 141e9,
      active: 39e9,
      note: 'Mistral AI announcement: 141B total, 39B active',
    },
    config: mixtral8x22b,
  },
  {
    id: 'qwen3-30b-a3b',
    name: 'Qwen3-30B-A3B',
    source: hf('Qwen/Qwen3-30B-A3B'),
    published: { total: 30.5e9, active: 3.3e9, note: 'Qwen3 model card: 30.5B total, 3.3B active' },
    config: qwen3_30b,
  },
  {
    id: 'qwen3-235b-a22b',
    name: 'Qwen3-235B-A22B',
    source: hf('Qwen/Qwen3-235B-A22B'),
    published: { total: 235e9, active: 22e9, note: 'Qwen3 model card: 235B total, 22B active' },
    config: qwen3_235b,
  },
  {
    id: 'dbrx',
    name: 'DBRX',
    source: hf('databricks/dbrx-instruct'),
    published: {
      total: 132e9,
      active: 36e9,
      note: 'Databricks DBRX model card: 132B total, 36B active',
    },
    config: dbrx,
  },
  {
    id: 'gpt-oss-20b',
    name: 'gpt-oss-20b',
    source: hf('openai/gpt-oss-20b'),
    published: {
      total: 20.91e9,
      active: 3.61e9,
      note: 'gpt-oss model card: 20.91B total, 3.61B active (excluding embedding)',
    },
    config: gptOss20b,
  },
  {
    id: 'gpt-oss-120b',
    name: 'gpt-oss-120b',
    source: hf('openai/gpt-oss-120b'),
    published: {
      total: 116.83e9,
      active: 5.13e9,
      note: 'gpt-oss model card: 116.83B total, 5.13B active (excluding embedding)',
    },
    config: gptOss120b,
  },
  {
    id: 'olmoe-1b-7b',
    name: 'OLMoE-1B-7B',
    source: hf('allenai/OLMoE-1B-7B-0924'),
    published: {
      total: 6.9e9,
      active: 1.3e9,
      note: 'OLMoE paper (arXiv:2409.02060): 6.9B total, 1.3B active',
    },
    config: olmoe,
  },
  {
    id: 'llama3.1-8b',
    name: 'Llama 3.1 8B',
    source: hf('meta-llama/Llama-3.1-8B'),
    published: { total: 8.03e9, active: 8.03e9, note: 'Llama 3.1 model card: 8B, dense' },
    config: llama31_8b,
  },
  {
    id: 'llama3.1-70b',
    name: 'Llama 3.1 70B',
    source: hf('meta-llama/Llama-3.1-70B'),
    published: { total: 70.6e9, active: 70.6e9, note: 'Llama 3.1 model card: 70B, dense' },
    config: llama31_70b,
  },
  {
    id: 'llama3.1-405b',
    name: 'Llama 3.1 405B',
    source: hf('meta-llama/Llama-3.1-405B'),
    published: { total: 405.9e9, active: 405.9e9, note: 'Llama 3.1 model card: 405B, dense' },
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
