/**
 * Writes README's VALIDATION section: every published serving fact in tests/fixtures beside
 * the explorer's own number, from the same core the CLI uses, then the published local runs
 * (tests/fixtures/local-cases.json) beside the local model's decode and prefill. Run:
 * npm run validation. tests/unit/scripts/validation.test.ts fails when README is out of date,
 * and holds the local decode to issue 12's bands.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';
import { run } from '../src/cli/run.ts';
import type { EngineId } from '../src/lib/core/index.ts';
import { localSection } from './local-validation.ts';
import { pastBandTable } from './validation-misses.ts';
import { trainingSection } from './training-validation.ts';

const ROOT = join(import.meta.dirname, '..');
const START = '<!-- VALIDATION:START (npm run validation writes this section) -->';
const END = '<!-- VALIDATION:END -->';

export interface Case {
  id: string;
  model: string;
  cli: string[];
  expect: Record<string, unknown>;
  source: string;
}

const fmt = (n: number) =>
  Math.abs(n) >= 1e6
    ? n.toExponential(3).replace('e+', 'e')
    : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The fields of `serve --json` the table reads. */
export interface ServeJson {
  [key: string]: unknown;
  kvBytes: number;
  weightsBytes: number;
  fits: boolean;
  maxContextTokens: number;
  decode: { tokensPerSecond: number; tokensPerSecondPerUser: number };
  prefill: { tokensPerSecond: number };
  kvCapacityTokens: number;
  speculative: { speedup: number } | null;
  assumptions: { memory: { engine: EngineId } };
  workload: {
    outputTokensPerSecond: number;
    outputTokensPerSecondPerUser: number;
    timePerOutputTokenSeconds: number;
    timeToFirstTokenSeconds: number;
    /** The run of --prompts, what a benchmark of that many prompts prints (finite-run.ts). */
    finiteRun: { outputTokensPerSecond: number; timePerOutputTokenSeconds: number } | null;
  } | null;
}

/** The whole run as the case's benchmark reports it: its run of --prompts where it gives one. */
const runOf = (o: ServeJson) => o.workload!.finiteRun ?? o.workload!;

/** The `...Approx` expectations: the label the table shows and where the JSON holds the value. */
const APPROX: Record<string, [string, (out: ServeJson) => number]> = {
  kvBytesApprox: ['KV bytes', (o) => o.kvBytes],
  weightsBytesApprox: ['weight bytes', (o) => o.weightsBytes],
  decodeTokensPerSecondApprox: ['decode tok/s', (o) => o.decode.tokensPerSecond],
  decodeTokensPerSecondPerUserApprox: ['tok/s per user', (o) => o.decode.tokensPerSecondPerUser],
  outputTokensPerSecondApprox: ['whole-run output tok/s', (o) => runOf(o).outputTokensPerSecond],
  outputTokensPerSecondPerUserApprox: [
    'whole-run tok/s per user',
    (o) => o.workload!.outputTokensPerSecondPerUser,
  ],
  tpotTokensPerSecondPerUserApprox: [
    'tok/s per user (1 / TPOT)',
    (o) => 1 / runOf(o).timePerOutputTokenSeconds,
  ],
  prefillTokensPerSecondApprox: ['prefill tok/s', (o) => o.prefill.tokensPerSecond],
  ttftSecondsApprox: ['time to first token s', (o) => o.workload!.timeToFirstTokenSeconds],
  kvCapacityTokens: ['KV cache tokens', (o) => o.kvCapacityTokens],
  speculativeSpeedupApprox: ['speculative speed-up', (o) => o.speculative?.speedup ?? 0],
};

/** What an `...Approx` expectation measures, as the table names it: "decode tok/s". */
export const approxLabel = (key: string): string => APPROX[key]![0];

/** The explorer's figure for an `...Approx` expectation, from `serve --json`. */
export const approxValue = (key: string, out: ServeJson): number => APPROX[key]![1](out);

/** A value against `[target, band]`: within ±band when band < 1, within a factor of band else. */
function approx(label: string, value: number, [target, band]: [number, number]) {
  const ok =
    band < 1
      ? Math.abs(value / target - 1) <= band
      : value >= target / band && value <= target * band;
  const range = band < 1 ? `±${band * 100}%` : `×/÷${band}`;
  return [
    `${label} ${fmt(target)} (${range})`,
    `${fmt(value)} (${(value / target).toFixed(2)}×)`,
    ok,
  ] as [string, string, boolean];
}

function expectation(key: string, want: unknown, out: ServeJson): [string, string, boolean] {
  const approxOf = APPROX[key];
  if (approxOf) return approx(approxOf[0], approxOf[1](out), want as [number, number]);
  switch (key) {
    case 'kvBytesPerToken':
    case 'weightsBytes':
      return [`${key} ${fmt(want as number)}`, fmt(out[key] as number), out[key] === want];
    case 'fits':
      return [
        want ? 'fits' : 'does not fit',
        out.fits ? 'fits' : 'does not fit',
        out.fits === want,
      ];
    case 'maxContextTokensAtLeast':
      return [
        `max context ≥ ${fmt(want as number)}`,
        fmt(out.maxContextTokens),
        out.maxContextTokens >= (want as number),
      ];
    default:
      throw new Error(`unknown expectation ${key}`);
  }
}

export const SERVING_FILES = [
  'serving-cases.json',
  'more-serving-cases.json',
  'issue13-serving-cases.json',
];

/**
 * Deployments the model had not seen, collected for issue 13 but outside the table and its gates
 * (the file's `_about` says why); the section counts how the model does on them.
 */
export const PENDING_FILE = 'issue13-pending-cases.json';

/** Each fixture file's cases with the CLI's JSON, run once per process. */
const outcomesByFile = new Map<string, { c: Case; out: ServeJson }[]>();

/** Every case of the given serving fixtures, with the CLI's JSON for its deployment. */
export function servingOutcomes(
  files: readonly string[] = SERVING_FILES,
): { c: Case; out: ServeJson }[] {
  return files.flatMap((file) => {
    const known = outcomesByFile.get(file);
    if (known) return known;
    const { cases } = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', file), 'utf8')) as {
      cases: Case[];
    };
    const outcomes = cases.map((c) => ({
      c,
      out: JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout) as ServeJson,
    }));
    outcomesByFile.set(file, outcomes);
    return outcomes;
  });
}

/** The keys that publish a decode throughput: of a decode step, or of a whole run. */
export const THROUGHPUT_KEYS = [
  'decodeTokensPerSecondApprox',
  'decodeTokensPerSecondPerUserApprox',
  'outputTokensPerSecondApprox',
  'outputTokensPerSecondPerUserApprox',
  'tpotTokensPerSecondPerUserApprox',
] as const;

/** Issue 13's bands for decode throughput: 80% of the facts within x1.5, every one within x2. */
export const SERVING_DECODE_BAND = { most: 1.5, mostShare: 0.8, all: 2 } as const;

/** Each published decode throughput of some outcomes: the case, its key and explorer / published. */
export function throughputRatios(
  outcomes: { c: Case; out: ServeJson }[],
): { id: string; key: string; ratio: number }[] {
  return outcomes.flatMap(({ c, out }) =>
    Object.entries(c.expect)
      .filter(([key]) => (THROUGHPUT_KEYS as readonly string[]).includes(key))
      .map(([key, want]) => ({
        id: c.id,
        key,
        ratio: APPROX[key]![1](out) / (want as [number, number])[0],
      })),
  );
}

/** Each published decode throughput of the given fixtures: the case, its key and explorer / published. */
export function servingThroughputRatios(
  files: readonly string[] = SERVING_FILES,
): { id: string; key: string; ratio: number }[] {
  return throughputRatios(servingOutcomes(files));
}

/** How many published times to first token at one request the model meets within x1.5, in words; empty without any. */
function ttftSummary(outcomes: { c: Case; out: ServeJson }[], where: string): string {
  const ratios = outcomes.flatMap(({ c, out }) => {
    const want = c.expect.ttftSecondsApprox as [number, number] | undefined;
    return want === undefined ? [] : [APPROX.ttftSecondsApprox![1](out) / want[0]];
  });
  if (ratios.length === 0) return '';
  const held = ratios.filter((r) => r <= 1.5 && r >= 1 / 1.5).length;
  return ` Times to first token at one request ${where} (not an issue 13 band: a lone prompt's prefill pass): ${held} of ${ratios.length} within ×/÷1.5.`;
}

/** How many of the engines' printed KV capacities the model meets, in words. */
function kvSummary(outcomes: { c: Case; out: ServeJson }[]): string {
  const facts = outcomes.flatMap(({ c, out }) => {
    const want = c.expect.kvCapacityTokens as [number, number] | undefined;
    return want === undefined
      ? []
      : [{ band: want[1], ok: expectation('kvCapacityTokens', want, out)[2] }];
  });
  const bands = [...new Set(facts.map((f) => `±${f.band * 100}%`))].join(' or ');
  return `Of the ${facts.length} published KV cache capacities, ${facts.filter((f) => f.ok).length} are within ${bands}.`;
}

/** The data-centre part: every fact of serving-cases.json, more-serving-cases.json and issue 13's. */
function servingSection(): string[] {
  const rows: string[] = [];
  let passed = 0;
  let total = 0;
  const outcomes = servingOutcomes();
  for (const { c, out } of outcomes) {
    for (const [key, want] of Object.entries(c.expect)) {
      const [published, ours, ok] = expectation(key, want, out);
      total++;
      if (ok) passed++;
      const source = c.source.replace(/\|/g, '/').replace(/\s+/g, ' ');
      rows.push(
        `| ${c.id} | \`${c.model} ${c.cli.join(' ')}\` | ${published} | ${ours} | ${ok ? 'yes' : '**no**'} | ${source.length > 160 ? `${source.slice(0, 157)}…` : source} |`,
      );
    }
  }
  const ratios = throughputRatios(outcomes);
  const pendingOutcomes = servingOutcomes([PENDING_FILE]);
  const pending = throughputRatios(pendingOutcomes);
  const within = (rs: { ratio: number }[], band: number) =>
    rs.filter((r) => r.ratio <= band && r.ratio >= 1 / band).length;
  const { most, all } = SERVING_DECODE_BAND;
  // one decimal, rounded down: 521 of 652 is 79.9%, not the 80% issue 13 asks for
  const share = (n: number, of: number) => `${(Math.floor((1000 * n) / of) / 10).toFixed(1)}%`;
  const both = [...ratios, ...pending];
  return [
    `${passed} of ${total} published facts hold with the default assumptions. Of the ${ratios.length} decode throughputs, ${within(ratios, most)} (${share(within(ratios, most), ratios.length)}) are within ×/÷${most} (issue 13 asks for ${SERVING_DECODE_BAND.mostShare * 100}%) and ${within(ratios, all)} within ×/÷${all}. ${kvSummary(outcomes)}`,
    '',
    `The ${pending.length} decode throughputs of the ${new Set(pending.map((r) => r.id)).size} deployments the model had not seen, in tests/fixtures/${PENDING_FILE} (outside this table and its gates): ${within(pending, most)} within ×/÷${most} and ${within(pending, all)} within ×/÷${all}. With them, ${within(both, most)} of ${both.length} decode throughputs (${share(within(both, most), both.length)}) would be within ×/÷${most} and ${within(both, all)} within ×/÷${all}.${ttftSummary(pendingOutcomes, 'there')}`,
    '',
    ...pastBandTable(pending, all),
    '',
    '| Case | Deployment (`npm run --silent cli -- serve ...`) | Published | Explorer | Holds | Source |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}

/** The VALIDATION section's markdown. */
export function validationMarkdown(): string {
  return [
    START,
    '',
    ...servingSection(),
    '',
    ...localSection(),
    '',
    ...trainingSection(),
    '',
    END,
  ].join('\n');
}

/** README with its VALIDATION section replaced, formatted as `prettier --check` expects. */
export async function readmeWithValidation(readme: string): Promise<string> {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < 0) throw new Error('README.md has no VALIDATION markers');
  const text = readme.slice(0, a) + validationMarkdown() + readme.slice(b + END.length);
  return format(text, { parser: 'markdown', singleQuote: true, printWidth: 100 });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const path = join(ROOT, 'README.md');
  writeFileSync(path, await readmeWithValidation(readFileSync(path, 'utf8')));
  console.log('README.md: VALIDATION section written');
}
