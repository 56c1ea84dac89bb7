/**
 * The speed model's assumptions, explicit and adjustable, each with the evidence for its
 * default. Memory assumptions live with the placement they size (deployment.ts).
 */

/**
 * Efficiency factors. The defaults put every published measurement in tests/fixtures
 * (serving-cases.json, more-serving-cases.json) inside its band; see README, VALIDATION.
 * - `bandwidth`: achieved / peak memory bandwidth, 0.7. The best decode kernels reach 0.8-0.9
 *   (FlashMLA: 3000 of 3350 GB/s on H800; STREAM on MI300X: 4.1 of 5.3 TB/s); whole decode steps,
 *   with small grouped GEMMs and gathers, reach less.
 * - `compute`: achieved / peak dense FLOP/s, 0.45. DeepGEMM's FP8 grouped GEMMs reach ~0.7 of
 *   H800 peak at large M; the tens of tokens per expert of a decode step reach far less.
 * - `overlap`: share of communication hidden behind compute, 0. SGLang's and DeepSeek's
 *   two-batch overlap hide part of it, but halve the batch each kernel sees.
 * - `layerOverheadSeconds`: fixed time per decoder layer per step for kernel launches, routing
 *   and synchronisation, 50 us; it dominates small models at batch 1 (Qwen3-30B-A3B on one H20
 *   decodes at 137 tokens/s where bandwidth alone would allow ~500).
 */
export interface Efficiency {
  bandwidth: number;
  compute: number;
  overlap: number;
  layerOverheadSeconds: number;
}

export const DEFAULT_EFFICIENCY: Efficiency = {
  bandwidth: 0.7,
  compute: 0.45,
  overlap: 0,
  layerOverheadSeconds: 50e-6,
};

/**
 * Routing assumptions: Zipf `skew` of expert popularity (0 = uniform), the capacity factor for
 * the drop estimate, and the element bytes of the all-to-all: FP8 dispatch, BF16 combine
 * (DeepSeek-V3 report, section 3.3).
 */
export interface RoutingAssumptions {
  skew: number;
  capacityFactor: number;
  dispatchBytes: number;
  combineBytes: number;
}

export const DEFAULT_ROUTING: RoutingAssumptions = {
  skew: 0,
  capacityFactor: 1.25,
  dispatchBytes: 1,
  combineBytes: 2,
};
