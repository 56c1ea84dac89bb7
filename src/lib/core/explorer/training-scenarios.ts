/**
 * The published training runs the Training view applies in one click ("As published"): Llama 4
 * as its card and blog state it, DeepSeek-V3 and Kimi K2 as their reports do, each with its
 * source and quote (the runs of tests/fixtures/training-runs.json, and Kimi K2's layout, which
 * publishes no GPU-hours).
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
const KIMI_K2_REPORT =
  'https://arxiv.org/abs/2507.20534 (Kimi K2: Open Agentic Intelligence, the abstract and section 2: pre-training at 4K, training infrastructure)';
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
  /**
   * Kimi K2's pre-training as its report states it: 15.5T tokens of 4K with MuonClip on H800s,
   * 16-way pipeline (virtual stages), 16-way expert parallelism, ZeRO-1, parameters in BF16 with
   * FP32 gradient buffers (about 30 GB a GPU). The GPU count and GPU-hours are not published. It
   * fits in 80 GB by selective recomputation, FP8 storage of some activations and offloading
   * them to the CPU, which the core does not model; full recompute is the nearest setting.
   */
  {
    id: 'kimi-k2',
    name: 'Kimi K2',
    presetId: 'kimi-k2',
    settings: PUBLISHED_SETTINGS['kimi-k2']!,
    publishedGpuHours: null,
    publishedText: null,
    quote:
      'K2 was pre-trained on 15.5 trillion tokens ... 16-way Pipeline Parallelism (PP) with virtual stages, 16-way Expert Parallelism (EP), and ZeRO-1 Data Parallelism. Under this setting, storing the model parameters in BF16 and their gradient accumulation buffer in FP32 requires approximately 6 TB of GPU memory, distributed over a model-parallel group of 256 GPUs',
    source: KIMI_K2_REPORT,
  },
];
