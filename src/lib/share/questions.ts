/**
 * The questions readers bring from the Llama 4 launch, each a share link: the state that answers
 * it, and the element of the page (the link's #fragment) or the embed view where the answer is.
 */
import {
  defaultComparison,
  defaultConfig,
  DEFAULT_TRAINING,
  type Comparison,
  type DeploymentSettings,
  type ExplorerConfig,
  type TrainingSettings,
} from '../core/index.ts';
import type { EmbedView } from './presentation.ts';
import { DEFAULT_VIEW } from './link-format.ts';
import { encode } from './url-codec.ts';

export interface GuidedQuestion {
  id: string;
  question: string;
  /** One line on what the page then shows. */
  answer: string;
  config: ExplorerConfig;
  /** The columns of the Compare panel. */
  compare: Comparison;
  /** The id of the page element that answers it (the link's fragment). */
  target: string;
  /** The embed view that answers it. */
  view: EmbedView;
  /** The Training view's settings; absent: the default (Llama 4 Scout as its card states it). */
  training?: TrainingSettings;
}

function on(presetId: string, deployment: Partial<DeploymentSettings> = {}): ExplorerConfig {
  const config = defaultConfig(presetId);
  return { ...config, deployment: { ...config.deployment, ...deployment } };
}

export const QUESTIONS: readonly GuidedQuestion[] = [
  {
    id: 'active',
    question: 'What does 17B active mean?',
    answer: 'Which parameters one token passes through: every layer, but 1 of 16 routed experts.',
    config: on('llama4-scout'),
    compare: defaultComparison(),
    target: 'activation-heading',
    view: 'activation',
  },
  {
    // Meta's Llama 4 card claims a 10M context for Scout; "10M" is 10,000,000 tokens here.
    id: 'scout-10m',
    question: "Does Scout's 10M context fit on one node?",
    answer: 'Scout at 10,000,000 tokens on 8 × H100: what fits, and the smallest change that does.',
    config: on('llama4-scout', { contextTokens: 10_000_000 }),
    compare: defaultComparison(),
    target: 'fits-card',
    view: 'serving',
  },
  {
    id: 'experts',
    question: '16 experts or 128?',
    answer:
      'Scout (16 experts) against Maverick (128): the same 17B active, 109B against 400B total.',
    config: on('llama4-maverick', { weights: 'fp8' }),
    // The two side by side on one node and precision (the panel's default: 8 x H200, FP8).
    compare: { ...defaultComparison(), pins: [on('llama4-scout'), on('llama4-maverick')] },
    target: 'compare-title',
    view: 'compare',
  },
  {
    // Meta: "the FP8 quantized weights fit on a single H100 DGX host".
    id: 'maverick-cost',
    question: 'What does Maverick cost to serve?',
    answer:
      'Maverick in FP8 on one 8 × H100 node: $ per million tokens at batch 1 and at the largest batch.',
    config: on('llama4-maverick', { weights: 'fp8' }),
    compare: defaultComparison(),
    target: 'cost-card',
    view: 'serving',
  },
  {
    // The Training view's default settings are Scout's pre-training as its model card states
    // it (~40T tokens, H100, FP8): its GPU-hours beside the card's 5.0M.
    id: 'llama4-training',
    question: 'What did Llama 4 cost to train?',
    answer:
      'Scout’s pre-training as the card states it: GPU-hours beside the card’s 5.0M, and the cost.',
    config: on('llama4-scout'),
    compare: defaultComparison(),
    target: 'training-gpu-hours-card',
    view: 'training',
  },
];

/** The question's query (without "?") and fragment: "v=1&m=...#fits-card". */
export function questionLink(question: GuidedQuestion): string {
  return `${questionQuery(question)}#${question.target}`;
}

/** The question's state as a share link's query (without "?" or fragment). */
export function questionQuery({ config, compare, training }: GuidedQuestion): string {
  return encode({ config, compare, view: DEFAULT_VIEW, ...(training && { training }) });
}

/** The embed's query for a question: its state, on the view that answers it. */
export function questionEmbedQuery(question: GuidedQuestion): string {
  return `${questionQuery(question)}&embed=1&view=${question.view}`;
}

/** The Training view's settings a question sets: its own, or the default. */
export function questionTraining(question: GuidedQuestion): TrainingSettings {
  return structuredClone(question.training ?? DEFAULT_TRAINING);
}

export function findQuestion(id: string): GuidedQuestion | undefined {
  return QUESTIONS.find((q) => q.id === id);
}
