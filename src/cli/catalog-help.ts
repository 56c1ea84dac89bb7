/**
 * The lists the help prints after a command's options, made from the core's data (presets,
 * DEVICES, WEIGHT_FORMATS, KV_DTYPES, KV_LAYOUTS), so that they cannot go stale.
 */
import {
  customDevice,
  DEVICES,
  KV_DTYPES,
  KV_LAYOUTS,
  kvDtypeBytes,
  presets,
  WEIGHT_FORMAT_IDS,
  WEIGHT_FORMATS,
  type KvLayout,
} from '../lib/core/index.ts';
import { columns, wrap } from './help.ts';

/** What each KV layout keeps; a Record, so a layout added to the core fails to compile here. */
const KV_LAYOUT_NOTES: Record<KvLayout, string> = {
  hybrid: 'a sliding-window layer keeps its window, a chunked layer one chunk, a global layer all',
  full: 'every layer keeps the whole context (vLLM at the Llama 4 launch)',
};

/** A number with at most `digits` decimals, without trailing zeros. */
function decimals(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** The models a command takes: a config.json path, or a preset id. */
export function modelsHelp(): string[] {
  return [
    'models: the path of a Hugging Face config.json, or a preset id:',
    ...wrap(presets.map((p) => p.id)),
  ];
}

/** The device catalog: id, name and price per device-hour. */
export function devicesHelp(): string[] {
  const custom = customDevice({
    memoryBytes: 1,
    bandwidthBytesPerSecond: 1,
    bf16FlopsPerSecond: 1,
  });
  return [
    'devices (--gpu ID):',
    ...columns(DEVICES.map((d) => [d.id, d.name, `$${d.usdPerHour.toFixed(2)}/hour`])),
    `  a custom device (--gpu-memory-gb, --gpu-bandwidth-gbs, --gpu-tflops): $${custom.usdPerHour.toFixed(2)}/hour`,
  ];
}

/** The weight formats: id, label and stored bits per parameter, scales included. */
export function weightFormatsHelp(): string[] {
  return [
    'weight formats (--weights FMT, --expert-weights FMT):',
    ...columns(
      WEIGHT_FORMAT_IDS.map((id) => {
        const format = WEIGHT_FORMATS[id];
        return [id, format.label, `${decimals(format.bitsPerParam, 4)} bits per parameter`];
      }),
    ),
  ];
}

/** The KV cache element types and layouts. */
export function kvHelp(): string[] {
  return [
    'KV dtypes (--kv-dtype DTYPE):',
    ...columns(
      KV_DTYPES.map((dtype) => {
        const bytes = kvDtypeBytes(dtype);
        return [dtype, `${bytes} byte${bytes === 1 ? '' : 's'} per element`];
      }),
    ),
    '',
    'KV layouts (--kv-layout LAYOUT):',
    ...columns(KV_LAYOUTS.map((layout) => [layout, KV_LAYOUT_NOTES[layout]])),
  ];
}
