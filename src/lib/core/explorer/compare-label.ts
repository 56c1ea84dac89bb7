/**
 * A comparison column's name: model, GPUs and precision, short enough for a narrow header
 * ("Llama 4 Scout · 8 × H100 · BF16").
 */
import { isEdited } from '../model/overrides.ts';
import { ENGINE_LABELS, servingEngine } from './engine-settings.ts';
import { deviceGroups, findDevice } from '../serving/hardware.ts';
import { WEIGHT_FORMATS, type WeightFormatId } from '../serving/weight-formats.ts';
import { defaultWeightPlan } from '../serving/weights.ts';
import type { ExplorerConfig, ExplorerResult } from './explorer-config.ts';

/** A column's name in two parts (model; GPUs and precision) and whole. */
export interface ColumnLabel {
  model: string;
  deployment: string;
  /** "Llama 4 Scout · 8 × H100 · BF16" */
  full: string;
}

/** A catalog name without vendor, form factor and memory: "NVIDIA H100 SXM 80GB" -> "H100". */
function stripName(name: string, keepMemory: boolean): string {
  let short = name
    .replace(/^(NVIDIA|AMD Instinct|Apple)\s+/, '')
    .replace(/^GeForce\s+/, '')
    .replace(/\s*\(.*\)$/, '')
    .replace(/\s+SXM\b/, '');
  if (!keepMemory) short = short.replace(/\s+\d+GB$/, '');
  return short;
}

/**
 * Short names over the devices registered so far (the local ones load on demand), with the
 * memory kept where two devices would otherwise share one (A100, an Apple chip's sizes).
 */
function shortNames(): ReadonlyMap<string, string> {
  const devices = deviceGroups().flatMap((g) => g.devices);
  const bare = devices.map((d) => stripName(d.name, false));
  return new Map(
    devices.map((d, i) => [
      d.id,
      bare.indexOf(bare[i]!) === bare.lastIndexOf(bare[i]!) ? bare[i]! : stripName(d.name, true),
    ]),
  );
}

/**
 * The device's short name for a header: "h100-sxm" -> "H100", "a100-40gb" -> "A100 40GB",
 * "gb200" -> "GB200 NVL72", "m3-ultra" (an older id) -> "M3 Ultra 512GB"; an id not in the
 * catalog is shown as given.
 */
export function formatDeviceName(deviceId: string): string {
  const device = findDevice(deviceId);
  return device ? shortNames().get(device.id)! : deviceId;
}

/** A format's name without its detail: "FP8 (block scales)" -> "FP8", "GGUF Q4_K_M" -> "Q4_K_M". */
export function formatPrecision(format: WeightFormatId): string {
  return WEIGHT_FORMATS[format].label.replace(/\s*\(.*\)$/, '').replace(/^GGUF /, '');
}

/**
 * The weights' precision: "FP8"; routed experts in another format are named after the rest
 * ("BF16 + MXFP4 experts", gpt-oss). The settings' formats, else the checkpoint's (as
 * resolveServing reads them); "own format" when the model itself did not resolve.
 */
export function precisionLabel(config: ExplorerConfig, result: ExplorerResult | null): string {
  const d = config.deployment;
  const own = result ? defaultWeightPlan(result.spec) : null;
  const linear = d.weights ?? own?.linear;
  const experts = d.expertWeights ?? (d.weights || !own ? linear : own.experts);
  if (!linear) return 'own format';
  const name = formatPrecision(linear);
  return experts && experts !== linear ? `${name} + ${formatPrecision(experts)} experts` : name;
}

/** The model's name: the preset's or the import's, "(edited)" after architecture edits. */
function modelName(config: ExplorerConfig, result: ExplorerResult | null): string {
  if (!result) return config.source.kind === 'preset' ? config.source.id : config.source.name;
  return isEdited(result.base, result.spec) ? `${result.base.name} (edited)` : result.base.name;
}

/** A column's name: "Llama 4 Scout · 8 × H100 · BF16". */
export function columnLabel(config: ExplorerConfig, result: ExplorerResult | null): ColumnLabel {
  const d = config.deployment;
  const model = modelName(config, result);
  // The engine and speculation only where they are not the default's, so that two pins that
  // differ in them read apart: "8 × H200 · FP8 · SGLang · MTP 3".
  const { engine, speculative } = servingEngine(d);
  const serving = [
    engine !== 'vllm' ? ENGINE_LABELS[engine] : null,
    speculative ? `MTP ${speculative.draftTokens}` : null,
  ].filter((part) => part !== null);
  const deployment = [
    `${d.devices} × ${formatDeviceName(d.deviceId)}`,
    precisionLabel(config, result),
    ...serving,
  ].join(' · ');
  return { model, deployment, full: `${model} · ${deployment}` };
}
