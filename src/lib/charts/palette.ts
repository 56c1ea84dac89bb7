/**
 * Colours: the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies
 * (Okabe and Ito, "Color Universal Design", 2008). Charts use CSS variables so both themes work.
 */
import type { LayerAttentionLabel, ParamComponent } from '../core/index.ts';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#999999',
} as const;

export const COMPONENT_COLORS: Record<ParamComponent, string> = {
  embedding: OKABE_ITO.grey,
  lmHead: '#777777',
  attention: OKABE_ITO.blue,
  norms: OKABE_ITO.yellow,
  router: OKABE_ITO.purple,
  routedExperts: OKABE_ITO.orange,
  sharedExperts: OKABE_ITO.vermillion,
  denseFfn: OKABE_ITO.green,
  // DeepSeek-V4's hyper-connections: Tol's indigo, apart from Okabe-Ito's eight (10:1 on white).
  hyperConnections: '#332288',
  vision: OKABE_ITO.skyBlue,
  mtp: '#bbbbbb',
};

/** Memory parts in the serving charts. */
export const MEMORY_COLORS = {
  weights: OKABE_ITO.blue,
  kv: OKABE_ITO.orange,
  activations: OKABE_ITO.green,
  reserve: OKABE_ITO.grey,
} as const;

/**
 * Attention kinds in the architecture view. Each differs from the others and from the FFN
 * colours beside them (STACK_FFN_COLORS): MLA takes a violet outside Okabe-Ito's eight, whose
 * green is the dense FFN's (#7E57C2: 4.6:1 against white, 3.6:1 against the dark background).
 */
export const ATTENTION_COLORS: Record<LayerAttentionLabel, string> = {
  global: OKABE_ITO.blue,
  chunked: OKABE_ITO.skyBlue,
  sliding: OKABE_ITO.purple,
  mla: '#7E57C2',
  // Linear attention and state-space layers: a teal apart from the attention blues and the FFN's
  // green (#00838F: 4.6:1 against white).
  linear: '#00838F',
  // DeepSeek-V4's compressed layers, from Tol's palette apart from the others: CSA (indexed, by 4)
  // a wine-magenta (#AA3377: 5.6:1 against white), HCA (by 128) a rose (#CC6677: 5.3:1 against the
  // dark background, 3.6:1 against white).
  csa: '#AA3377',
  hca: '#CC6677',
  none: 'transparent',
};

/** The FFN blocks in the architecture view: the breakdown's colours for the same parts. */
export const STACK_FFN_COLORS = {
  routed: COMPONENT_COLORS.routedExperts,
  shared: COMPONENT_COLORS.sharedExperts,
  dense: COMPONENT_COLORS.denseFfn,
} as const;
