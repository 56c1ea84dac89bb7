/**
 * The published training runs the Training view applies in one click ("As published"): Llama 4
 * as its card and blog state it, DeepSeek-V3 as its report does, each with its source and quote
 * (the same runs as tests/fixtures/training-runs.json).
 */
import { PUBLISHED_SETTINGS } from './published-runs.ts';
import type { TrainingSettings } from './training-settings.ts';

export interface TrainingScenario {
  id: string;
  name: string;
  presetId: string;
  settings: TrainingSettings;
  /** The GPU-hours the source publishes for `settings.tokens`; null where none is published. */
  publishedGpuHours: number | null;
  /** The published figure as the source writes it ("5.0M"). */
  publishedText: string | null;
  /** What the chart calls the source of the published point: "card" unless given. */
  publishedIn?: string;
  quote: string;
  source: string;
}

const CARD = 'https://github.com/meta-llama/llama-models/blob/main/models/llama4/MODEL_CARD.md';
const BLOG = 'https://ai.meta.com/blog/llama-4-multimodal-intelligence/';
const DEEPSEEK_V3_REPORT =
  'https://arxiv.org/abs/2412.19437 (DeepSeek-V3 Technical Report, sections 1, 3.2 and 4.2)';

/**
 * Llama 4 as its card and blog state it. GPU counts for Scout and Maverick are not published
 * (8,192 assumed: GPU-hours and cost do not depend on it); layouts are ones that fit in 80 GB.
 */
export const TRAINING_SCENARIOS: readonly TrainingScenario[] = [
  {
    id: 'llama4-scout',
    name: 'Llama 4 Scout',
    presetId: 'llama4-scout',
    settings: PUBLISHED_SETTINGS['llama4-scout']!,
    publishedGpuHours: 5.0e6,
    publishedText: '5.0M',
    quote:
      'Llama 4 Scout | 5.0M [training time, GPU hours] ... pretrained on ~40 trillion tokens ... H100-80GB',
    source: CARD,
  },
  {
    id: 'llama4-maverick',
    name: 'Llama 4 Maverick',
    presetId: 'llama4-maverick',
    settings: PUBLISHED_SETTINGS['llama4-maverick']!,
    publishedGpuHours: 2.38e6,
    publishedText: '2.38M',
    quote: 'Llama 4 Maverick | 2.38M ... pretrained on ~22 trillion tokens of multimodal data',
    source: CARD,
  },
  {
    id: 'llama4-behemoth',
    name: 'Llama 4 Behemoth',
    presetId: 'llama4-behemoth',
    settings: PUBLISHED_SETTINGS['llama4-behemoth']!,
    publishedGpuHours: null,
    publishedText: null,
    quote:
      'while pre-training our Llama 4 Behemoth model using FP8 and 32K GPUs, we achieved 390 TFLOPs/GPU. The overall data mixture for training consisted of more than 30 trillion tokens',
    source: BLOG,
  },
  /**
   * DeepSeek-V3's pre-training as its report states it: 14.8T tokens of 4K on 2,048 H800s in FP8,
   * 16-way pipeline (DualPipe), 64-way expert parallelism, ZeRO-1 data parallelism, no tensor
   * parallelism (section 3.2). The report fits it in 80 GB by recomputing RMSNorm and the MLA
   * up-projections, caching activations in FP8 and DualPipe's schedule, which the core does not
   * model; full recompute is the nearest setting that fits.
   */
  {
    id: 'deepseek-v3',
    name: 'DeepSeek-V3',
    presetId: 'deepseek-v3',
    settings: PUBLISHED_SETTINGS['deepseek-v3']!,
    publishedGpuHours: 2.664e6,
    publishedText: '2664K',
    publishedIn: 'report',
    quote:
      'training DeepSeek-V3 on each trillion tokens requires only 180K H800 GPU hours, i.e., 3.7 days on our cluster with 2048 H800 GPUs. Consequently, our pre-training stage is completed in less than two months and costs 2664K GPU hours',
    source: DEEPSEEK_V3_REPORT,
  },
];
