/**
 * The published local runs (tests/fixtures/local-cases.json) beside the local model: each
 * case's `cli` through `serve --json`, its decode and prefill tokens/s against the published
 * ones. Issue 12 holds decode to x1.5 for most cases and x2 for all (`validate.decode`); prefill
 * is held loosely, to x3, where the case validates it (`validate.prefill`), except the known
 * misses below, each with its reason. scripts/validation.ts writes the table into README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../src/cli/run.ts';

const ROOT = join(import.meta.dirname, '..');

/** Issue 12's decode bands: most cases (two thirds here) within x1.5, all within x2. */
export const DECODE_BAND = { most: 1.5, all: 2, mostShare: 2 / 3 } as const;
/** The loose band of prefill where a case validates it. */
export const PREFILL_BAND = 3;

const STRIX =
  "llama.cpp's Vulkan backend reaches a fraction of the Radeon 8060S's catalog rate (59.4 BF16 TFLOP/s, assumed, x 0.45)";

/** Prefill runs the model misses by more than x3, and why (none of its free constants fit them). */
export const KNOWN_PREFILL_MISSES: Readonly<Record<string, string>> = {
  'llamacpp-strixhalo-gpt-oss-120b': STRIX,
  'llamacpp-strixhalo-glm-4.5-air-q4kxl': STRIX,
  'llamacpp-strixhalo-llama4-scout-q4kxl': STRIX,
  'llamacpp-strixhalo-qwen3-235b-q3kxl': STRIX,
  'llamacpp-strixhalo-qwen3-next-80b-q8kxl': `${STRIX}; and its gated delta-net prefill was weeks old`,
  'llamacpp-strixhalo-qwen3-30b-2507-q6kxl': STRIX,
  'mlx-m2max-gpt-oss-120b-mxfp4':
    "compute-bound: MLX's MXFP4 prefill reached about a third of the M2 Max's modelled 13.6 TFLOP/s x 0.45",
  'mlx-m3ultra-deepseek-r1-q4-13k':
    'a 13k-token prompt with 491 of 512 GB in use: memory pressure (the same run decodes 4x below its bound)',
  'llamacpp-3090-gpt-oss-120b-ub4096':
    'run with -ub 4096; the CLI has no -ub, so the model copies host experts per 512-token micro-batch',
  'iklcpp-4080-gpt-oss-120b-allhost':
    "micro-batch not stated: 1,049 tok/s needs a larger one than the model's default 512",
};

interface LocalCase {
  id: string;
  engine: string;
  cli?: string[];
  hardware: {
    gpu: string;
    unified?: boolean;
    ram: { type: string | null; mtps: number | null; channels: number | null };
  };
  measured: { decodeTokensPerSecond: number; prefillTokensPerSecond: number | null };
  validate: { decode: boolean; prefill: boolean };
  source: { url: string };
}

/** One case: what was published, what the explorer says, and whether the case holds it to it. */
export interface LocalResult {
  id: string;
  url: string;
  /** The engine and the machine, in a few words. */
  setup: string;
  cli: string[];
  fits: boolean;
  decode: { published: number; explorer: number; validated: boolean };
  prefill: { published: number | null; explorer: number; validated: boolean };
}

/** The cases of local-cases.json that have a `cli`. */
export function localCases(): (LocalCase & { cli: string[] })[] {
  const path = join(ROOT, 'tests', 'fixtures', 'local-cases.json');
  const { cases } = JSON.parse(readFileSync(path, 'utf8')) as { cases: LocalCase[] };
  return cases.filter((c): c is LocalCase & { cli: string[] } => Array.isArray(c.cli));
}

function setupOf(c: LocalCase): string {
  const { type, mtps, channels } = c.hardware.ram;
  const ram =
    !c.hardware.unified && type && channels
      ? ` + ${channels}ch ${type}${mtps ? `-${mtps}` : ''}`
      : '';
  return `${c.engine}; ${c.hardware.gpu}${ram}`;
}

/** Runs every case with a `cli` through `serve --json`. */
export function localResults(): LocalResult[] {
  return localCases().map((c) => {
    // A config.json path is relative to the repository, wherever the script runs from.
    const [model, ...rest] = c.cli;
    const arg = model!.endsWith('.json') ? join(ROOT, model!) : model!;
    let stdout: string;
    try {
      ({ stdout } = run(['serve', arg, ...rest, '--json']));
    } catch (error) {
      throw new Error(`${c.id}: ${String(error)}`, { cause: error });
    }
    const out = JSON.parse(stdout) as {
      fits: boolean;
      decode: { tokensPerSecond: number };
      prefill: { tokensPerSecond: number };
    };
    return {
      id: c.id,
      url: c.source.url,
      setup: setupOf(c),
      cli: c.cli,
      fits: out.fits,
      decode: {
        published: c.measured.decodeTokensPerSecond,
        explorer: out.decode.tokensPerSecond,
        validated: c.validate.decode,
      },
      prefill: {
        published: c.measured.prefillTokensPerSecond,
        explorer: out.prefill.tokensPerSecond,
        validated: c.validate.prefill,
      },
    };
  });
}

/** Whether `value` is within a factor `band` of `target`. */
export function within(value: number, target: number, band: number): boolean {
  return value <= target * band && value >= target / band;
}

/** An argument as a shell needs it: quoted when it has characters a shell reads. */
function shellArg(arg: string): string {
  return /^[\w.,:=/+-]+$/.test(arg) ? arg : `'${arg}'`;
}

const num = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const ratio = (value: number, target: number) => `${num(value)} (${(value / target).toFixed(2)}×)`;

function decodeHolds(r: LocalResult): string {
  const { published, explorer, validated } = r.decode;
  if (!validated) return 'not held';
  if (within(explorer, published, DECODE_BAND.most)) return `×${DECODE_BAND.most}`;
  return within(explorer, published, DECODE_BAND.all) ? `×${DECODE_BAND.all}` : '**no**';
}

function prefillHolds(r: LocalResult): string {
  const { published, explorer, validated } = r.prefill;
  if (!validated || published === null) return '–';
  if (within(explorer, published, PREFILL_BAND)) return `×${PREFILL_BAND}`;
  return `**no**: ${KNOWN_PREFILL_MISSES[r.id] ?? 'not explained'}`;
}

/** Words in lines of at most `width` characters (a longer word keeps a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The local part of README's VALIDATION section. */
export function localSection(results: LocalResult[] = localResults()): string[] {
  const decode = results.filter((r) => r.decode.validated);
  const inBand = (band: number) =>
    decode.filter((r) => within(r.decode.explorer, r.decode.published, band)).length;
  const prefill = results.filter((r) => r.prefill.validated && r.prefill.published !== null);
  const prefillIn = prefill.filter((r) =>
    within(r.prefill.explorer, r.prefill.published!, PREFILL_BAND),
  ).length;
  const rows = results.map((r) => {
    const cli = r.cli.map(shellArg).join(' ').replace(/\|/g, '\\|');
    const pre = r.prefill.published === null ? '–' : num(r.prefill.published, 2);
    const preOurs =
      r.prefill.published === null ? '–' : ratio(r.prefill.explorer, r.prefill.published);
    return `| [${r.id}](${r.url}) | ${r.setup.replace(/\|/g, '/')} | \`${cli}\` | ${num(r.decode.published, 2)} | ${ratio(r.decode.explorer, r.decode.published)} | ${decodeHolds(r)} | ${pre} | ${preOurs} | ${prefillHolds(r)} | ${r.fits ? 'yes' : 'no'} |`;
  });
  const text = `Published runs of tests/fixtures/local-cases.json (setups, quotes and doubts in docs/research/local-measurements.md), each through its \`cli\` with the local model's fitted constants (local-estimate.ts \`DEFAULT_LOCAL_EFFICIENCY\`). Decode, batch 1: ${inBand(DECODE_BAND.most)} of ${decode.length} within ×${DECODE_BAND.most} and ${inBand(DECODE_BAND.all)} of ${decode.length} within ×${DECODE_BAND.all} (issue 12: most within ×1.5, all within ×2). Prefill, held loosely to ×${PREFILL_BAND}: ${prefillIn} of ${prefill.length}; each miss says why. "Fits" is the explorer's verdict with the CLI's defaults (Strix Halo's runs raised the GPU's share of memory, which the CLI cannot state).`;
  return [
    '#### Local inference: one GPU with system RAM, or one unified-memory pool',
    '',
    ...wrap(text, 100),
    '',
    '| Case | Engine and machine | Deployment (`npm run --silent cli -- serve ... --json`) | Decode tok/s | Explorer | Holds | Prefill tok/s | Explorer | Holds | Fits |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ];
}
