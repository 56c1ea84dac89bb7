/**
 * The training part of README's VALIDATION section: each published run of
 * tests/fixtures/training-runs.json beside the GPU-hours the core computes (with its default
 * throughput, and with the run's stated one), then each published fine-tuning memory figure of
 * training-memory-cases.json beside the core's memory per GPU. The same checks run in
 * tests/unit/core/training; this only writes them down. scripts/validation.ts calls it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  countParams,
  findPreset,
  parseHFConfig,
  presetSpec,
  trainingMemory,
  trainingValidationRows,
  type ModelSpec,
  type PublishedTrainingRun,
  type TrainingMemoryOptions,
} from '../src/lib/core/index.ts';

const FIXTURES = join(import.meta.dirname, '..', 'tests', 'fixtures');
const readJson = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));

type FixtureRun = PublishedTrainingRun & {
  modelSource?: 'more-models' | 'training-models';
  /** The default throughput was fitted to this run (throughput.ts), so it is no check of it. */
  fitted?: boolean;
};

/** The runs of training-runs.json and the model each names: a preset, or a fixture config. */
export function trainingRuns(): { runs: FixtureRun[]; resolveSpec: (model: string) => ModelSpec } {
  const { runs } = readJson('training-runs.json') as { runs: FixtureRun[] };
  const sourceOf = new Map(runs.map((r) => [r.model, r.modelSource]));
  const resolveSpec = (model: string): ModelSpec => {
    const source = sourceOf.get(model);
    if (source) return parseHFConfig(readJson(`${source}/${model}.json`));
    const preset = findPreset(model);
    if (!preset) throw new Error(`training-runs.json: no preset ${model}`);
    return presetSpec(preset);
  };
  return { runs, resolveSpec };
}

const M = (hours: number) =>
  hours >= 1e6 ? `${(hours / 1e6).toFixed(2)}M` : `${Math.round(hours / 1e3)}K`;
const cut = (text: string) => {
  const one = text.replace(/\|/g, '/').replace(/\s+/g, ' ');
  return one.length > 140 ? `${one.slice(0, 137)}…` : one;
};

/** The table of published runs: GPU-hours with the default throughput and the stated one. */
function runsTable(): string[] {
  const { runs, resolveSpec } = trainingRuns();
  const rows = trainingValidationRows(runs, resolveSpec);
  const held = rows.filter((r) => r.defaults.within && (r.stated?.within ?? true)).length;
  return [
    `${held} of ${rows.length} published training runs hold: GPU-hours within ×/÷1.5 with the default throughput, and within ±10% with the run's own stated throughput where it gives one (\`npm run --silent cli -- train <model> --tokens N --gpu ID --precision P [--tflops X]\`).`,
    '',
    `The default throughput's size and device factors were fitted to the ${runs.filter((r) => r.fitted).length} runs marked "fitted" (throughput.ts); the others are checks it was not fitted to.`,
    '',
    '| Run | Use | Published GPU-hours | Default MFU | Explorer (default) | Holds | With stated throughput | Source |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const run = runs.find((x) => x.id === r.id)!;
      const stated = r.stated
        ? `${M(r.stated.computedGpuHours)} (${r.stated.ratio.toFixed(3)}×) ${r.stated.within ? 'yes' : '**no**'}`
        : '-';
      return `| ${r.id} | ${run.fitted ? 'fitted' : 'check'} | ${M(r.publishedGpuHours)} | ${(r.defaults.mfu * 100).toFixed(1)}% | ${M(r.defaults.computedGpuHours)} (${r.defaults.ratio.toFixed(2)}×) | ${r.defaults.within ? 'yes' : '**no**'} | ${stated} | ${cut(run.source)} |`;
    }),
  ];
}

interface MemoryCase {
  id: string;
  model: string;
  settings: Omit<TrainingMemoryOptions, 'device' | 'gpus'>;
  publishedGB: number;
  band: number;
  source: string;
}

/** The table of published fine-tuning memory figures, on one H100 as the cases are read. */
function memoryTable(): string[] {
  const { cases } = readJson('training-memory-cases.json') as { cases: MemoryCase[] };
  let held = 0;
  const rows = cases.map((c) => {
    const spec = parseHFConfig(readJson(c.model));
    const m = trainingMemory(spec, countParams(spec), {
      ...c.settings,
      device: 'h100-sxm',
      gpus: 1,
    });
    const gb = m.memoryPerGpuBytes.total / 1e9;
    const ok = Math.abs(gb / c.publishedGB - 1) <= c.band;
    if (ok) held++;
    const s = c.settings;
    const how = `${s.finetune ?? 'pre-training'} ${s.precision}${s.loraRank ? ` r${s.loraRank}` : ''}, ${s.seqLen} tokens`;
    return `| ${c.id} | ${how} | ${c.publishedGB} GB (±${c.band * 100}%) | ${gb.toFixed(1)} GB (${(gb / c.publishedGB).toFixed(2)}×) | ${ok ? 'yes' : '**no**'} | ${cut(c.source)} |`;
  });
  return [
    `${held} of ${cases.length} published fine-tuning memory figures hold (memory per GPU on one H100; bands per case, with the reason in tests/fixtures/training-memory-cases.json).`,
    '',
    '| Case | Method | Published | Explorer | Holds | Source |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}

/** The training subsection of VALIDATION. */
export function trainingSection(): string[] {
  return ['#### Training: GPU-hours and memory', '', ...runsTable(), '', ...memoryTable()];
}
