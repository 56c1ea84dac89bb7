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
import { localSection } from './local-validation.ts';
import { trainingSection } from './training-validation.ts';

const ROOT = join(import.meta.dirname, '..');
const START = '<!-- VALIDATION:START (npm run validation writes this section) -->';
const END = '<!-- VALIDATION:END -->';

interface Case {
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
interface ServeJson {
  [key: string]: unknown;
  kvBytes: number;
  weightsBytes: number;
  fits: boolean;
  maxContextTokens: number;
  decode: { tokensPerSecond: number; tokensPerSecondPerUser: number };
  prefill: { tokensPerSecond: number };
  kvCapacityTokens: number;
  speculative: { speedup: number } | null;
  workload: { outputTokensPerSecond: number; outputTokensPerSecondPerUser: number } | null;
}

/** The `...Approx` expectations: the label the table shows and where the JSON holds the value. */
const APPROX: Record<string, [string, (out: ServeJson) => number]> = {
  kvBytesApprox: ['KV bytes', (o) => o.kvBytes],
  weightsBytesApprox: ['weight bytes', (o) => o.weightsBytes],
  decodeTokensPerSecondApprox: ['decode tok/s', (o) => o.decode.tokensPerSecond],
  decodeTokensPerSecondPerUserApprox: ['tok/s per user', (o) => o.decode.tokensPerSecondPerUser],
  outputTokensPerSecondApprox: ['whole-run output tok/s', (o) => o.workload!.outputTokensPerSecond],
  outputTokensPerSecondPerUserApprox: [
    'whole-run tok/s per user',
    (o) => o.workload!.outputTokensPerSecondPerUser,
  ],
  prefillTokensPerSecondApprox: ['prefill tok/s', (o) => o.prefill.tokensPerSecond],
  kvCapacityTokens: ['KV cache tokens', (o) => o.kvCapacityTokens],
  speculativeSpeedupApprox: ['speculative speed-up', (o) => o.speculative?.speedup ?? 0],
};

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

const SERVING_FILES = [
  'serving-cases.json',
  'more-serving-cases.json',
  'issue13-serving-cases.json',
];

/** Every case of the three serving fixtures, with the CLI's JSON for its deployment. */
function servingOutcomes(): { c: Case; out: ServeJson }[] {
  return SERVING_FILES.flatMap((file) => {
    const { cases } = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', file), 'utf8')) as {
      cases: Case[];
    };
    return cases.map((c) => ({
      c,
      out: JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout) as ServeJson,
    }));
  });
}

/** The keys that publish a decode throughput: of a decode step, or of a whole run. */
export const THROUGHPUT_KEYS = [
  'decodeTokensPerSecondApprox',
  'decodeTokensPerSecondPerUserApprox',
  'outputTokensPerSecondApprox',
  'outputTokensPerSecondPerUserApprox',
] as const;

/** Issue 13's bands for decode throughput: 80% of the facts within x1.5, every one within x2. */
export const SERVING_DECODE_BAND = { most: 1.5, mostShare: 0.8, all: 2 } as const;

/** Each published decode throughput: the case, its key and explorer / published. */
export function servingThroughputRatios(): { id: string; key: string; ratio: number }[] {
  return servingOutcomes().flatMap(({ c, out }) =>
    Object.entries(c.expect)
      .filter(([key]) => (THROUGHPUT_KEYS as readonly string[]).includes(key))
      .map(([key, want]) => ({
        id: c.id,
        key,
        ratio: APPROX[key]![1](out) / (want as [number, number])[0],
      })),
  );
}

/** The data-centre part: every fact of serving-cases.json, more-serving-cases.json and issue 13's. */
function servingSection(): string[] {
  const rows: string[] = [];
  let passed = 0;
  let total = 0;
  for (const { c, out } of servingOutcomes()) {
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
  const ratios = servingThroughputRatios();
  const within = (band: number) => ratios.filter((r) => r.ratio <= band && r.ratio >= 1 / band);
  return [
    `${passed} of ${total} published facts hold with the default assumptions. Of the ${ratios.length} decode throughputs, ${within(SERVING_DECODE_BAND.most).length} (${Math.round((100 * within(SERVING_DECODE_BAND.most).length) / ratios.length)}%) are within ×/÷${SERVING_DECODE_BAND.most} (issue 13 asks for ${SERVING_DECODE_BAND.mostShare * 100}%) and ${within(SERVING_DECODE_BAND.all).length} within ×/÷${SERVING_DECODE_BAND.all}.`,
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
