/**
 * Where each preset (presets.ts) comes from, by id: its config.json, the published figures it is
 * checked against, and for an estimate, what is assumed. Kept apart from the configs so that
 * the page and the <moe-explorer> element, which count the models, do not download the notes.
 */

export interface PresetSource {
  /** Where the config comes from. */
  source: string;
  /** Where the published total and active figures (`Preset.published`) are published. */
  note: string;
  /** Set when the config is not published: what is assumed. */
  estimate?: string;
  /**
   * What the published active figure leaves out, where it is not everything a token touches
   * (count.ts `active`): the input embedding (gpt-oss), or the embedding and the lm_head
   * (GLM, Qwen3-Next and MiniMax publish non-embedding figures).
   */
  activeLeavesOut?: 'embedding' | 'embedding and lm_head';
}

export const PRESET_SOURCES: Readonly<Record<string, PresetSource>> = {
  'llama4-scout': {
    source: 'huggingface.co/meta-llama/Llama-4-Scout-17B-16E/blob/main/config.json',
    note: 'Llama 4 model card: 109B total, 17B active, 16 experts, 10M context',
  },
  'llama4-maverick': {
    source: 'huggingface.co/meta-llama/Llama-4-Maverick-17B-128E/blob/main/config.json',
    note: 'Llama 4 model card: 400B total, 17B active, 128 experts',
  },
  'llama4-behemoth': {
    source:
      'Meta, "The Llama 4 herd" (2025-04-05): 288B active, ~2T total, 16 experts; no config published',
    note: 'Meta blog: 288B active, nearly 2T total, 16 experts',
    estimate:
      "Only active (288B), total (~2T) and 16 experts are published. Assumed: Scout's layout (every layer MoE, top-1 plus one shared expert, 3 chunked : 1 global attention, vocabulary 202,048), hidden size 16,384, 94 layers (chosen so that active and total land on the published figures), 128 query / 8 KV heads of 128, expert width 24,576, 1M context; no vision tower. This gives 1.99T total and 287B active.",
  },
  'deepseek-v3': {
    source: 'huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json',
    note: 'DeepSeek-V3 report: 671B total (+14B MTP), 37B active',
  },
  'deepseek-v4-flash': {
    source:
      'huggingface.co/deepseek-ai/DeepSeek-V4-Flash/blob/60d8d70770c6776ff598c94bb586a859a38244f1/config.json (docs/research/families/deepseek_v4.md)',
    note: 'DeepSeek-V4 model card: 284B total, 13B activated (without the input embedding), 1M context',
    activeLeavesOut: 'embedding',
  },
  'deepseek-v4-pro': {
    source:
      'huggingface.co/deepseek-ai/DeepSeek-V4-Pro/blob/b5968e9190ef611bbf34a7229255be88a0e937c1/config.json (docs/research/families/deepseek_v4.md)',
    note: 'DeepSeek-V4 model card: 1.6T total, 49B activated (without the input embedding), 1M context',
    activeLeavesOut: 'embedding',
  },
  'kimi-k2': {
    source: 'huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/config.json',
    note: 'Kimi K2 technical report (arXiv:2507.20534): 1.04T total, 32B active, 384 experts',
  },
  'glm-4.5-air': {
    source: 'huggingface.co/zai-org/GLM-4.5-Air/blob/main/config.json',
    note: 'GLM-4.5 model card: 106B total, 12B active (GLM-4.5-Air)',
    activeLeavesOut: 'embedding and lm_head',
  },
  'glm-4.7': {
    source:
      'huggingface.co/zai-org/GLM-4.7/blob/refs%2Fpr%2F49/config.json (its fields match main; GLM-4.5 and GLM-4.6 share every shape field: docs/research/families/glm4_moe.md)',
    note: 'GLM-4.5 model card: 355B total, 32B active; GLM-4.7 keeps its architecture',
    activeLeavesOut: 'embedding and lm_head',
  },
  'glm-5': {
    source: 'huggingface.co/zai-org/GLM-5/blob/main/config.json',
    note: 'GLM-5 model card: 744B total, 40B active ("Compared to GLM-4.5, GLM-5 scales from 355B parameters (32B active) to 744B parameters (40B active)")',
    activeLeavesOut: 'embedding and lm_head',
  },
  'mixtral-8x7b': {
    source: 'huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json',
    note: 'Mixtral paper (arXiv:2401.04088): 47B total, 13B active',
  },
  'mixtral-8x22b': {
    source: 'huggingface.co/mistralai/Mixtral-8x22B-v0.1/blob/main/config.json',
    note: 'Mistral AI announcement: 141B total, 39B active',
  },
  'qwen3-30b-a3b': {
    source: 'huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json',
    note: 'Qwen3 model card: 30.5B total, 3.3B active',
  },
  'qwen3-next-80b-a3b': {
    source: 'huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct/blob/main/config.json',
    note: 'Qwen3-Next model card: 80B total, 3B active (rounded: 3.25B without embedding and lm_head)',
    activeLeavesOut: 'embedding and lm_head',
  },
  'qwen3-235b-a22b': {
    source: 'huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json',
    note: 'Qwen3 model card: 235B total, 22B active',
  },
  dbrx: {
    source: 'huggingface.co/databricks/dbrx-instruct/blob/main/config.json',
    note: 'Databricks DBRX model card: 132B total, 36B active',
  },
  'gpt-oss-20b': {
    source: 'huggingface.co/openai/gpt-oss-20b/blob/main/config.json',
    note: 'gpt-oss model card: 20.91B total, 3.61B active (excluding embedding)',
    activeLeavesOut: 'embedding',
  },
  'gpt-oss-120b': {
    source: 'huggingface.co/openai/gpt-oss-120b/blob/main/config.json',
    note: 'gpt-oss model card: 116.83B total, 5.13B active (excluding embedding)',
    activeLeavesOut: 'embedding',
  },
  'minimax-m2.7': {
    source:
      'huggingface.co/MiniMaxAI/MiniMax-M2.7/blob/main/config.json (M2, M2.1 and M2.5 share every shape field)',
    note: 'MiniMax-M2 model card: 230B total, 10B active; the checkpoint holds 228,689,764,864',
    activeLeavesOut: 'embedding and lm_head',
  },
  'olmoe-1b-7b': {
    source: 'huggingface.co/allenai/OLMoE-1B-7B-0924/blob/main/config.json',
    note: 'OLMoE paper (arXiv:2409.02060): 6.9B total, 1.3B active',
  },
  'llama3.1-8b': {
    source: 'huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json',
    note: 'Llama 3.1 model card: 8B, dense',
  },
  'llama3.1-70b': {
    source: 'huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json',
    note: 'Llama 3.1 model card: 70B, dense',
  },
  'llama3.1-405b': {
    source: 'huggingface.co/meta-llama/Llama-3.1-405B/blob/main/config.json',
    note: 'Llama 3.1 model card: 405B, dense',
  },
};
