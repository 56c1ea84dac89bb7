import type { ParamComponent } from './count.ts';

/** The components that make up the model, in display order, with their labels (CLI table and explorer). MTP is apart. */
export const PARAM_COMPONENTS: readonly { key: ParamComponent; label: string }[] = [
  { key: 'embedding', label: 'Embedding' },
  { key: 'lmHead', label: 'LM head' },
  { key: 'attention', label: 'Attention' },
  { key: 'norms', label: 'Norms' },
  { key: 'router', label: 'Router' },
  { key: 'routedExperts', label: 'Routed experts' },
  { key: 'sharedExperts', label: 'Shared experts' },
  { key: 'denseFfn', label: 'Dense FFN' },
  { key: 'hyperConnections', label: 'Hyper-connections' },
  { key: 'vision', label: 'Vision tower + projector' },
];
