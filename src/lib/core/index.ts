/** The calculation core: pure functions from a model config to its numbers. No DOM. */
export { ConfigError } from './model/errors.ts';
export { parseHFConfig, SUPPORTED_MODEL_TYPES, type ParseOptions } from './model/hf-config.ts';
export {
  countParams,
  attentionParams,
  mlpParams,
  routerParams,
  visionParams,
  mtpParams,
  type ParamCount,
  type ParamBreakdown,
  type ParamComponent,
  type LayerParams,
} from './params/count.ts';
export { expandLayers, isMoeLayer, countMoeLayers } from './model/layers.ts';
export {
  presets,
  findPreset,
  presetSpec,
  DEFAULT_PRESET_ID,
  type Preset,
} from './model/presets.ts';
export { validateSpec } from './model/validate.ts';
export {
  formatBytes,
  formatInteger,
  formatParams,
  formatPercent,
  formatTokens,
} from './explorer/format.ts';
export type * from './model/types.ts';
export { parseJsonText, JsonSyntaxError } from './model/json-text.ts';
export { PARAM_COMPONENTS } from './params/components.ts';
export * from './serving/weight-formats.ts';
export * from './serving/hardware.ts';
export * from './serving/weights.ts';
export * from './serving/kv-cache.ts';
export * from './serving/routing.ts';
export * from './serving/parallel.ts';
export * from './serving/deployment.ts';
export * from './serving/speed.ts';
export * from './serving/estimate.ts';
export { parseTokenCount } from './explorer/typed-number.ts';
export * from './model/overrides.ts';
export * from './explorer/controls.ts';
export * from './serving/routing-simulation.ts';
export * from './serving/curves.ts';
export * from './explorer/formulas.ts';
export * from './explorer/explorer-config.ts';
export * from './explorer/layer-summary.ts';
