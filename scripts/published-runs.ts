/**
 * Writes src/lib/core/explorer/published-serving-data.ts: every published decode throughput of
 * the serving fixtures (gated and pending), with its deployment in words and the explorer's
 * figure, for the Serving panel's list of the runs computed with the model shown
 * (core/explorer/published-serving.ts). `npm run validation` writes it;
 * tests/unit/scripts/validation.test.ts checks it.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { format } from 'prettier';
import {
  findDevice,
  findPreset,
  WEIGHT_FORMATS,
  type PublishedFigure,
  type PublishedServingRun,
  type WeightFormatId,
} from '../src/lib/core/index.ts';
import {
  approxLabel,
  approxValue,
  PENDING_FILE,
  SERVING_FILES,
  servingOutcomes,
  THROUGHPUT_KEYS,
  type Case,
  type ServeJson,
} from './validation.ts';
import { explorerLink } from './explorer-link.ts';

/** The page's figure that each published key is (core/explorer/published-serving.ts). */
const FIGURES: Readonly<Record<(typeof THROUGHPUT_KEYS)[number], PublishedFigure>> = {
  decodeTokensPerSecondApprox: 'decode',
  decodeTokensPerSecondPerUserApprox: 'decodePerUser',
  outputTokensPerSecondApprox: 'runOutput',
  outputTokensPerSecondPerUserApprox: 'runPerUser',
  tpotTokensPerSecondPerUserApprox: 'runTpot',
};

/** The figures of the steady state, which the context sets (not of a run of its prompts). */
const STEADY: ReadonlySet<PublishedFigure> = new Set(['decode', 'decodePerUser', 'runPerUser']);

/**
 * A link that says which published run it opens (`from`, read by the page at start: it shows
 * that run's published figure beside its own, state/opened-run.ts).
 */
const openedFrom = (link: string | null, id: string) =>
  link && `${link}&from=${encodeURIComponent(id)}`;

/** Where the rows go, from the repository's root. */
export const PUBLISHED_RUNS_DATA = 'src/lib/core/explorer/published-serving-data.ts';

/** The preset a case's model is: its id, or a fixture config named after one; else null. */
function presetOf(model: string): string | null {
  const id = model.endsWith('.json')
    ? basename(model).replace(/\.config\.json$|\.json$/, '')
    : model;
  return findPreset(id) ? id : null;
}

const flag = (c: Case, name: string): string | undefined => {
  const i = c.cli.indexOf(name);
  return i >= 0 ? c.cli[i + 1] : undefined;
};

interface Layout {
  devices: number;
  tp: number;
  ep: number;
  pp: number;
  dp: number;
  nodes: number;
}

function layoutText(l: Layout): string {
  const parts = [`TP ${l.tp}`];
  if (l.ep > 1) parts.push(`EP ${l.ep}`);
  if (l.dp > 1) parts.push(`DP ${l.dp}`);
  if (l.pp > 1) parts.push(`PP ${l.pp}`);
  if (l.nodes > 1) parts.push(`${l.nodes} nodes`);
  return parts.join(' · ');
}

function weightsText(plan: { linear: WeightFormatId; experts: WeightFormatId }): string {
  const label = (id: WeightFormatId) => WEIGHT_FORMATS[id].label;
  return plan.experts === plan.linear
    ? label(plan.linear)
    : `${label(plan.linear)}, experts ${label(plan.experts)}`;
}

/** The benchmark in words, from the case's flags. */
function runText(c: Case, out: ServeJson): string {
  const parts = [`batch ${flag(c, '--batch') ?? (out.running as { offered: number }).offered}`];
  const [input, output] = [flag(c, '--input'), flag(c, '--output')];
  if (input && output) parts.push(`${input} in, ${output} out${answersText(c, +output)}`);
  else if (flag(c, '--context')) parts.push(`context ${flag(c, '--context')}`);
  const prompts = flag(c, '--prompts');
  const rate = flag(c, '--request-rate');
  if (prompts) parts.push(`${prompts} prompts${rate ? ` at ${rate}/s` : ''}`);
  const spec = flag(c, '--spec-decode');
  if (spec) parts.push(`${spec.toUpperCase()} ${flag(c, '--draft-tokens') ?? 1}`);
  return parts.join(' · ');
}

/** How a run's answers spread about their mean, where they do: ' (819 to 1025)', ' (long-tailed, 4 to 2044)'. */
function answersText(c: Case, output: number): string {
  const spread = flag(c, '--output-spread');
  const [min, max] = [flag(c, '--output-min'), flag(c, '--output-max')];
  if (spread === 'exponential')
    return max ? ` (long-tailed, ${min ?? 1} to ${max})` : ` (long-tailed, from ${min ?? 1})`;
  if (min === undefined || +min === output) return '';
  return ` (${min} to ${2 * output - +min})`;
}

/** A source cut at a word before `max` characters. */
function shortSource(source: string, max = 140): string {
  if (source.length <= max) return source;
  const cut = source.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/** Every published decode throughput of the fixtures whose model is a preset. */
export function publishedRuns(): PublishedServingRun[] {
  const rows: PublishedServingRun[] = [];
  for (const [gated, files] of [
    [true, SERVING_FILES],
    [false, [PENDING_FILE]],
  ] as const) {
    for (const { c, out } of servingOutcomes(files)) {
      const preset = presetOf(c.model);
      if (!preset) continue;
      const layout = out.layout as Layout;
      const deviceId = c.cli.includes('--gpu-memory-gb') ? null : (flag(c, '--gpu') ?? 'h100-sxm');
      const name = deviceId ? findDevice(deviceId)!.name : 'a device given by its figures';
      for (const key of THROUGHPUT_KEYS) {
        const want = c.expect[key] as [number, number] | undefined;
        if (!want) continue;
        rows.push({
          id: c.id,
          preset,
          deviceId,
          devices: `${layout.devices} × ${name}`,
          engine: out.assumptions.memory.engine,
          layout: layoutText(layout),
          weights: weightsText(
            out.weightPlan as { linear: WeightFormatId; experts: WeightFormatId },
          ),
          run: runText(c, out),
          measure: approxLabel(key),
          figure: FIGURES[key],
          published: want[0],
          explorer: Number(approxValue(key, out).toPrecision(4)),
          gated,
          band: want[1],
          source: shortSource(c.source),
          link: openedFrom(explorerLink(preset, c.cli, STEADY.has(FIGURES[key])), c.id),
        });
      }
    }
  }
  return rows;
}

/** The data file's text, formatted as `prettier --check` expects. */
export async function publishedRunsSource(): Promise<string> {
  const text = [
    '/**',
    ' * Every published decode throughput of the serving fixtures whose model is a preset, with the',
    " * explorer's figure (published-serving.ts). Written by `npm run validation`",
    ' * (scripts/published-runs.ts): do not edit.',
    ' */',
    "import type { PublishedServingRun } from './published-serving.ts';",
    '',
    `export const PUBLISHED_SERVING_RUNS: readonly PublishedServingRun[] = ${JSON.stringify(publishedRuns())};`,
    '',
  ].join('\n');
  return format(text, { parser: 'typescript', singleQuote: true, printWidth: 100 });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(join(import.meta.dirname, '..', PUBLISHED_RUNS_DATA), await publishedRunsSource());
  console.log(`${PUBLISHED_RUNS_DATA}: written`);
}
