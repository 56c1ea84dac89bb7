/**
 * The page's panels, in order: each loads after the first paint with its state (and the core
 * code only it needs), so the page's first download is the headline and the controls; until it
 * mounts, its heading holds its place with the id of the panel's own (a link's #fragment and
 * find in page reach it before the panel is there).
 */
export const SECTIONS = {
  breakdown: {
    load: () => import('./BreakdownSection.svelte'),
    heading: { id: 'breakdown-title', text: 'Parameter breakdown' },
  },
  architecture: {
    load: () => import('./ArchitectureSection.svelte'),
    heading: { id: 'arch-title', text: 'Architecture' },
  },
  activation: {
    load: () => import('./ActivationSection.svelte'),
    heading: { id: 'activation-heading', text: 'Expert activation' },
  },
  serving: {
    load: () => import('./ServingSection.svelte'),
    heading: { id: 'serving-heading', text: 'Serving' },
  },
  compare: {
    load: () => import('./CompareSection.svelte'),
    heading: { id: 'compare-title', text: 'Compare' },
  },
  training: {
    load: () => import('./TrainingSection.svelte'),
    heading: { id: 'training-heading', text: 'Training' },
  },
  plan: {
    load: () => import('./PlanSection.svelte'),
    heading: { id: 'plan-heading', text: 'Plan' },
  },
};

export type Section = keyof typeof SECTIONS;

export const SECTION_NAMES = Object.keys(SECTIONS) as Section[];
