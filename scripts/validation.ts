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
}

function expectation(key: string, want: unknown, out: ServeJson): [string, string, boolean] {
  const approx = (value: number, [target, band]: [number, number]): [string, string, boolean] => {
    const ok =
      band < 1
        ? Math.abs(value / target - 1) <= band
        : value >= target / band && value <= target * band;
    const range = band < 1 ? `±${band * 100}%` : `×/÷${band}`;
    return [`${fmt(target)} (${range})`, `${fmt(value)} (${(value / target).toFixed(2)}×)`, ok];
  };
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
    case 'kvBytesApprox':
      return approx(out.kvBytes, want as [number, number]).map((v, i) =>
        i === 0 ? `KV bytes ${v}` : v,
      ) as [string, string, boolean];
    case 'weightsBytesApprox':
      return approx(out.weightsBytes, want as [number, number]).map((v, i) =>
        i === 0 ? `weight bytes ${v}` : v,
      ) as [string, string, boolean];
    case 'decodeTokensPerSecondApprox':
      return approx(out.decode.tokensPerSecond, want as [number, number]).map((v, i) =>
        i === 0 ? `decode tok/s ${v}` : v,
      ) as [string, string, boolean];
    case 'decodeTokensPerSecondPerUserApprox':
      return approx(out.decode.tokensPerSecondPerUser, want as [number, number]).map((v, i) =>
        i === 0 ? `tok/s per user ${v}` : v,
      ) as [string, string, boolean];
    case 'prefillTokensPerSecondApprox':
      return approx(out.prefill.tokensPerSecond, want as [number, number]).map((v, i) =>
        i === 0 ? `prefill tok/s ${v}` : v,
      ) as [string, string, boolean];
    case 'kvCapacityTokens':
      return approx(out.kvCapacityTokens, want as [number, number]).map((v, i) =>
        i === 0 ? `KV cache tokens ${v}` : v,
      ) as [string, string, boolean];
    case 'speculativeSpeedupApprox':
      return approx(out.speculative?.speedup ?? 0, want as [number, number]).map((v, i) =>
        i === 0 ? `speculative speed-up ${v}` : v,
      ) as [string, string, boolean];
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

/** The data-centre part: every fact of serving-cases.json, more-serving-cases.json and issue 13's. */
function servingSection(): string[] {
  const rows: string[] = [];
  let passed = 0;
  let total = 0;
  for (const file of [
    'serving-cases.json',
    'more-serving-cases.json',
    'issue13-serving-cases.json',
  ]) {
    const { cases } = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', file), 'utf8')) as {
      cases: Case[];
    };
    for (const c of cases) {
      const out = JSON.parse(run(['serve', c.model, ...c.cli, '--json']).stdout) as ServeJson;
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
  }
  return [
    `${passed} of ${total} published facts hold with the default assumptions.`,
    '',
    '| Case | Deployment (`npm run --silent cli -- serve ...`) | Published | Explorer | Holds | Source |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}

/** The VALIDATION section's markdown. */
export function validationMarkdown(): string {
  return [START, '', ...servingSection(), '', ...localSection(), '', END].join('\n');
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
