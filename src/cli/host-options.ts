/**
 * The options of `serve` that run the model on one GPU and system RAM, placed as llama.cpp
 * places it (core serving/local-placement.ts): their table for the parser and the help, and
 * what they give the core (`LocalOptions`); any of them turns that mode on.
 */
import {
  checkGgufFitsModel,
  DEFAULT_HOST,
  DEFAULT_PLACEMENT,
  ggufParts,
  HOST_RANGES,
  pcieBytesPerSecond,
  type GgufModel,
  type HostRange,
  type LocalOptions,
  type ModelParts,
  type ModelSpec,
} from '../lib/core/index.ts';
import { numberOption } from './args.ts';
import { findOption, type CliOption } from './options.ts';
import { readGgufModel } from './read-gguf.ts';
import { UsageError } from './usage-error.ts';

/** A number as the help shows it, free of floating-point noise. */
function shown(value: number): string {
  return String(Number(value.toPrecision(12)));
}

const HOST =
  'one GPU and system RAM, placed as llama.cpp places them (any of these turns it on; one GPU)';

/** A flag's range and kind from the core's (serving/host-ranges.ts), as the page's and the link's. */
const ranged = (r: HostRange) => ({ range: [r.min, r.max] as const, integer: r.integer });

export const HOST_OPTION_TABLE: readonly CliOption[] = [
  {
    group: HOST,
    name: 'host-memory-gb',
    arg: 'N',
    ...ranged(HOST_RANGES.ram),
    default: shown(DEFAULT_HOST.memoryBytes / 1e9),
    help: 'system RAM, GB',
  },
  {
    group: HOST,
    name: 'host-bandwidth-gbs',
    arg: 'N',
    ...ranged(HOST_RANGES.rbw),
    default: `${shown(DEFAULT_HOST.bandwidthBytesPerSecond / 1e9)} (2 channels of DDR5-5600)`,
    help: 'system RAM peak bandwidth, GB/s (channels x MT/s x 8 / 1000)',
  },
  {
    group: HOST,
    name: 'pcie',
    arg: 'LINK',
    default: 'gen4x16',
    help: 'the GPU link: gen3x16, gen4x16, gen5x16, gen4x8, ...',
  },
  {
    group: HOST,
    name: 'gguf',
    arg: 'FILE',
    help: "a .gguf file of the model, on disk or on the Hub (org/name/<file>.gguf): each tensor's exact bytes (its header only is read; a split file's parts are read beside it)",
  },
  { group: HOST, name: 'cpu-moe', help: 'every routed expert in system RAM (llama.cpp --cpu-moe)' },
  {
    group: HOST,
    name: 'n-cpu-moe',
    arg: 'N',
    ...ranged(HOST_RANGES.ncmoe),
    help: 'the routed experts of the first N layers in system RAM (llama.cpp --n-cpu-moe)',
  },
  {
    group: HOST,
    name: 'n-gpu-layers',
    short: 'ngl',
    arg: 'N',
    ...ranged(HOST_RANGES.ngl),
    default: 'all',
    help: 'layers on the GPU, the output first, then from the last layer (llama.cpp -ngl)',
  },
  {
    group: HOST,
    name: 'gpu-share',
    arg: 'F',
    ...ranged(HOST_RANGES.gpuShare),
    default: "the device's (a unified pool: macOS 2/3 or 3/4, Linux 1/2 on Ryzen AI Max)",
    help: 'of a unified pool, the share the GPU may use (iogpu.wired_limit_mb, ttm.pages_limit)',
  },
  {
    group: HOST,
    name: 'ubatch',
    short: 'ub',
    arg: 'N',
    ...ranged(HOST_RANGES.ubatch),
    default: '512',
    help: 'prefill micro-batch, tokens (llama.cpp -ub)',
  },
  {
    group: HOST,
    name: 'override-tensor',
    short: 'ot',
    arg: 'REGEX=CPU',
    help: 'tensors whose GGUF name matches, in system RAM; comma-separated (llama.cpp -ot)',
  },
];

function numeric(options: Map<string, string>, name: string): number | undefined {
  return numberOption(options, findOption(HOST_OPTION_TABLE, name));
}

function given<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function scaled<T = number>(
  value: number | undefined,
  factor: number,
  wrap: (v: number) => T = (v) => v as T,
): T | undefined {
  return value === undefined ? undefined : wrap(value * factor);
}

/** The options that put part of the model in system RAM (serve-options.ts, HOST group). */
const HOST_OPTIONS = [
  'gguf',
  'host-memory-gb',
  'host-bandwidth-gbs',
  'pcie',
  'cpu-moe',
  'n-cpu-moe',
  'n-gpu-layers',
  'override-tensor',
  'gpu-share',
  'ubatch',
];

/** llama.cpp's `-ot A=CPU,B=CPU`: the patterns, each of which must send tensors to the CPU. */
function overridePatterns(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text.split(',').map((item) => {
    const eq = item.lastIndexOf('=');
    const [pattern, target] = eq > 0 ? [item.slice(0, eq), item.slice(eq + 1)] : [item, ''];
    if (target.toUpperCase() !== 'CPU')
      throw new UsageError(
        `--override-tensor: expected REGEX=CPU (only the CPU is modelled), got ${JSON.stringify(item)}`,
      );
    return pattern;
  });
}

/** A GGUF file's parts for `spec` (read from disk unless `fromHub`), checked to be that model's. */
function ggufOf(path: string, spec: ModelSpec, fromHub?: GgufModel): ModelParts {
  const model = fromHub ?? readGgufModel(path);
  checkGgufFitsModel(model, spec);
  return ggufParts(model.tensors, spec.layers);
}

/** The host and placement options, or null when none is given (a data-centre deployment). */
export function localOptions(
  options: Map<string, string>,
  spec: ModelSpec,
  unifiedDevice = false,
  /** `--gguf`'s model when it names a file on the Hub (hub-gguf.ts), read before. */
  hubGguf?: GgufModel,
): LocalOptions | null {
  // A unified-memory device (one pool for GPU and CPU) always runs the local model.
  if (!unifiedDevice && !HOST_OPTIONS.some((name) => options.has(name))) return null;
  const gguf = options.get('gguf');
  const number = (name: string) => numeric(options, name);
  const pcie = options.get('pcie');
  const link = pcie === undefined ? undefined : pcieBytesPerSecond(pcie);
  if (link === null)
    throw new UsageError(
      `--pcie: expected a link such as gen4x16 (gen3, gen4 or gen5; x1 to x16), got ${JSON.stringify(pcie)}`,
    );
  return {
    ...(gguf === undefined ? {} : { parts: ggufOf(gguf, spec, hubGguf) }),
    host: given({
      memoryBytes: scaled(number('host-memory-gb'), 1e9),
      bandwidthBytesPerSecond: scaled(number('host-bandwidth-gbs'), 1e9),
      linkBytesPerSecond: link,
    }),
    ...given({
      unified: scaled(number('gpu-share'), 1, (gpuShare) => ({ gpuShare })),
      ubatch: number('ubatch'),
    }),
    placement: {
      ...DEFAULT_PLACEMENT,
      // -ngl all (llama.cpp's spelling of "every layer") is the default.
      gpuLayers: options.get('n-gpu-layers') === 'all' ? null : (number('n-gpu-layers') ?? null),
      cpuMoe: options.has('cpu-moe'),
      nCpuMoe: number('n-cpu-moe') ?? 0,
      overrides: overridePatterns(options.get('override-tensor')),
    },
  };
}
