/**
 * The lists the help prints after a command's options, made from the core's data (presets,
 * deviceGroups, WEIGHT_FORMATS, KV_DTYPES, KV_LAYOUTS), so that they cannot go stale.
 */
import {
  customDevice,
  deviceGroups,
  KV_DTYPES,
  KV_LAYOUTS,
  kvDtypeBytes,
  presets,
  WEIGHT_FORMAT_IDS,
  WEIGHT_FORMATS,
  type Device,
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

/** A price per device-hour: cents, or tenths of a cent below $0.10 (a consumer card's). */
function hourly(usd: number): string {
  return `$${usd.toFixed(usd < 0.1 ? 3 : 2)}/hour`;
}

/** What a local device's memory is: a card's PCIe link, or the GPU's share of one pool. */
function memoryNote(d: Device): string {
  if (d.unified) return `unified memory, the GPU may use ${Math.round(d.unified.gpuShare * 100)}%`;
  return d.pcie ? `PCIe ${d.pcie.gen}.0 x${d.pcie.lanes}` : '';
}

/**
 * The device catalog by group (every device, once the local ones are registered, as in the
 * CLI): id, name, price per device-hour, and a local device's link or memory pool.
 */
export function devicesHelp(): string[] {
  const custom = customDevice({
    memoryBytes: 1,
    bandwidthBytesPerSecond: 1,
    bf16FlopsPerSecond: 1,
  });
  const groups = deviceGroups();
  const rows = columns(
    groups.flatMap((g) =>
      g.devices.map((d) => [d.id, d.name, hourly(d.usdPerHour), memoryNote(d)]),
    ),
  );
  const aliases = groups.flatMap((g) => Object.entries(g.aliases ?? {}));
  const lines = ['devices (--gpu ID):'];
  for (const group of groups) {
    const local = group !== groups[0] ? ' (priced as bought, over 3 years)' : '';
    lines.push(`  ${group.label}${local}:`, ...rows.splice(0, group.devices.length));
  }
  if (aliases.length > 0)
    lines.push(`  older ids: ${aliases.map(([alias, id]) => `${alias} = ${id}`).join(', ')}`);
  lines.push(
    `  a custom device (--gpu-memory-gb, --gpu-bandwidth-gbs, --gpu-tflops): ${hourly(custom.usdPerHour)}`,
  );
  return lines;
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
