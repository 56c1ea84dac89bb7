/** The calculation core: pure functions from a model config to its numbers. No DOM. */
export { ConfigError } from './errors.ts';
export { parseHFConfig, SUPPORTED_MODEL_TYPES, type ParseOptions } from './hf-config.ts';
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
} from './params.ts';
export { expandLayers, isMoeLayer, countMoeLayers } from './layers.ts';
export { presets, findPreset, presetSpec, DEFAULT_PRESET_ID, type Preset } from './presets.ts';
export { validateSpec } from './validate.ts';
export { formatBytes, formatInteger, formatParams, formatPercent, formatTokens } from './format.ts';
export type * from './types.ts';
export { parseJsonText, JsonSyntaxError } from './json-text.ts';
export { PARAM_COMPONENTS } from './param-components.ts';
export * from './formats.ts';
export * from './hardware.ts';
export * from './weights.ts';
export * from './kv-cache.ts';
export * from './routing.ts';
export * from './parallel.ts';
export * from './deployment.ts';
export * from './speed.ts';
export * from './serving.ts';
export { parseTokenCount } from './token-count.ts';
export * from './overrides.ts';
export * from './ranges.ts';
export * from './activation.ts';
export * from './curves.ts';
export * from './formulas.ts';
export * from './explorer-config.ts';
export * from './layer-summary.ts';
