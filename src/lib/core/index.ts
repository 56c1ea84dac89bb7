/**
 * The calculation core: pure functions from a model config to its numbers. No DOM.
 * The one public entry. Its folders are its stages, each importing only from the ones before:
 *   model/     read a config.json or a preset into a validated ModelSpec; architecture edits
 *   params/    count every parameter, by component and by layer
 *   checkpoint/ read a checkpoint's tensor list (safetensors headers) and check the count on it
 *   serving/   weight formats, devices, KV cache, parallel layouts, memory, speed, routing, cost
 *   training/  pre-training and fine-tuning: FLOPs, throughput, GPU-hours, cost, memory per GPU
 *   planner/   the cheapest deployment for a workload, and the frontier of the deployments searched
 *   explorer/  what the page shows: controls, formatting, formulas, panel facts, compare rows
 */

// model/
export { ConfigError, describeValue } from './model/errors.ts';
export type * from './model/types.ts';
export {
  parseJsonText,
  decodeJsonBytes,
  JsonSyntaxError,
  MAX_JSON_SIZE,
  MAX_JSON_DEPTH,
} from './model/json-text.ts';
export { UnsafeJsonInteger } from './model/unsafe-integer.ts';
export { LIMITS, atMost, type LimitId } from './model/limits.ts';
export {
  parseHFConfig,
  SUPPORTED_MODEL_TYPES,
  familyReaderLoaded,
  loadFamilyReader,
  loadFamilyReaders,
  type ParseOptions,
} from './model/hf-config.ts';
export { loadAllFamilyReaders } from './model/families/all-readers.ts';
export { validateSpec } from './model/validate.ts';
export { stateMixerName } from './model/mixers.ts';
export { isMoeLayer } from './model/layers.ts';
export { expandLayers, hasWindowedAttention, countMoeLayers } from './model/layer-list.ts';
export * from './model/presets.ts';
export * from './model/preset-sources.ts';
export * from './model/overrides.ts';
export * from './model/config-diff.ts';

// params/
export * from './params/blocks.ts';
export * from './params/count.ts';
export * from './params/components.ts';

// checkpoint/ (the count proven against a checkpoint's tensor list)
export * from './checkpoint/safetensors.ts';
export * from './checkpoint/classify.ts';
export * from './checkpoint/compare.ts';
// checkpoint/ GGUF files (llama.cpp): header, tensor types, split parts, weights summary
export * from './checkpoint/gguf-errors.ts';
export * from './checkpoint/ggml-types.ts';
export { MAX_GGUF_STRING_BYTES } from './checkpoint/gguf-reader.ts';
export {
  GGUF_VALUE_TYPES,
  MAX_GGUF_ARRAY_LENGTH,
  MAX_GGUF_ARRAY_DEPTH,
  type GgufValueType,
  type GgufValue,
  type GgufArray,
  type GgufKv,
} from './checkpoint/gguf-values.ts';
export * from './checkpoint/gguf.ts';
export * from './checkpoint/gguf-from.ts';
export * from './checkpoint/gguf-metadata.ts';
export * from './checkpoint/gguf-split.ts';
export * from './checkpoint/gguf-weights.ts';

// serving/
export * from './serving/weight-formats.ts';
export * from './serving/hardware.ts';
export * from './serving/hardware-sources.ts';
export * from './serving/local-device-sources.ts';
// the local devices load on demand (loadLocalDevices); the library, CLI and tests load them here
export { loadAllDevices } from './serving/all-devices.ts';
export { loadAll } from './explorer/load-all.ts';
// the serving model as configurations resolve through it: the page and the element install it
// when their serving chunk is in (state/share.ts loadServing), the library, CLI and tests with loadAll
export {
  addServingModel,
  deploymentLabel,
  servingModelLoaded,
  type ServingModel,
} from './explorer/serving-model.ts';
export { SERVING_MODEL } from './explorer/serving-model-all.ts';
export {
  addLocalEstimator,
  loadLocalEstimator,
  localEstimatorLoaded,
} from './explorer/local-estimator.ts';
export * from './serving/weights.ts';
export * from './serving/kv-cache.ts';
export * from './serving/parallel.ts';
export * from './serving/llamacpp-layout.ts';
export * from './serving/engines.ts';
export * from './serving/deployment.ts';
export * from './serving/fit-limits.ts';
export * from './serving/assumptions.ts';
export * from './serving/engine-releases.ts';
export * from './serving/track-record.ts';
export * from './serving/track-record-data.ts';
export * from './serving/running.ts';
export * from './serving/state-pool.ts';
export * from './serving/sglang-v4-pools.ts';
export * from './serving/sglang-kv-dtype.ts';
export * from './serving/prefill-delayer.ts';
export * from './serving/sglang-prefill-delay.ts';
export * from './serving/sglang-fusions.ts';
export * from './serving/routing.ts';
export * from './serving/load-imbalance.ts';
export * from './serving/routing-simulation.ts';
export * from './serving/attention-flops.ts';
export * from './serving/collectives.ts';
export * from './serving/communication.ts';
export * from './serving/speculative.ts';
export * from './serving/eager.ts';
export * from './serving/kernels.ts';
export * from './serving/workload.ts';
export * from './serving/answer-lengths.ts';
export * from './serving/finite-run.ts';
export * from './serving/run-timeline.ts';
export * from './serving/percentiles.ts';
export * from './serving/flood-run.ts';
export * from './serving/flood-scheduler.ts';
export * from './serving/lockstep-run.ts';
export * from './serving/step.ts';
export * from './serving/speed.ts';
export * from './serving/resolve.ts';
export * from './serving/estimate.ts';
export * from './serving/local-placement.ts';
export * from './serving/local-inference.ts';
export * from './serving/local-step.ts';
export * from './serving/local-defaults.ts';
export {
  LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS,
  llamaCppLayerOverheadSeconds,
} from './serving/llamacpp-efficiency.ts';
export * from './serving/local-setup.ts';
export * from './serving/local-estimate.ts';
export * from './serving/local-host-settings.ts';
export * from './serving/host-ranges.ts';
export * from './serving/local-curves.ts';
export * from './serving/local-gguf.ts';
export * from './serving/curves.ts';

// training/ (pre-training and fine-tuning: FLOPs, GPU-hours, cost, memory per GPU)
export * from './training/flops.ts';
export * from './training/throughput.ts';
export * from './training/run.ts';
export {
  trainingValidationRows,
  DEFAULT_BAND as TRAINING_DEFAULT_BAND,
  STATED_BAND as TRAINING_STATED_BAND,
  type PublishedTrainingRun,
  type TrainingValidationRow,
  type ValidationCheck,
} from './training/validation.ts';
export * from './training/memory-states.ts';
export * from './training/activations.ts';
export * from './training/activations-pipeline.ts';
export * from './training/finetune.ts';
export * from './training/parallel-memory.ts';
export * from './training/memory.ts';

// planner/ (from a workload and its targets to the cheapest deployment and the frontier)
export * from './planner/workload.ts';
export * from './planner/space.ts';
export * from './planner/pareto.ts';
export { POOL_RATIOS, kvTransferSeconds } from './planner/disaggregate.ts';
export type { Binding, PlannedDeployment } from './planner/planned.ts';
export { layoutLabel } from './planner/plan-messages.ts';
export * from './planner/plan.ts';

// explorer/
export * from './explorer/format.ts';
export * from './explorer/fit-suggestions.ts';
export * from './explorer/local-fit-suggestions.ts';
export {
  weightsLabel,
  deploymentSentence,
  type DeploymentLabel,
} from './explorer/deployment-label.ts';
export * from './explorer/typed-number.ts';
export * from './explorer/controls.ts';
export * from './explorer/layer-summary.ts';
export * from './explorer/formulas.ts';
export * from './explorer/explorer-config.ts';
export * from './explorer/engine-settings.ts';
export * from './explorer/engine-ranges.ts';
export * from './explorer/engine-notes.ts';
export * from './explorer/serving-facts.ts';
export * from './explorer/whole-run.ts';
export * from './explorer/benchmark-run.ts';
export * from './explorer/attention-kind.ts';
export * from './explorer/layouts.ts';
export * from './explorer/activation-facts.ts';
export * from './explorer/layer-stack.ts';
export * from './explorer/serving-charts.ts';
export * from './explorer/compare.ts';
export * from './explorer/training-settings.ts';
export * from './explorer/training-ranges.ts';
export * from './explorer/training-view.ts';
export * from './explorer/training-inputs.ts';
export * from './explorer/training-fit.ts';
export * from './explorer/training-scenarios.ts';
export {
  isPublishedRun,
  PUBLISHED_SETTINGS,
  trainingForPreset,
} from './explorer/published-runs.ts';
export * from './explorer/published-serving.ts';
export { PUBLISHED_SERVING_RUNS } from './explorer/published-serving-data.ts';
export * from './explorer/plan-settings.ts';
export * from './explorer/plan-view.ts';
