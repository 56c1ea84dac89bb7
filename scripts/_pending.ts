import { readFileSync } from 'node:fs';
import { runCli } from '../src/cli/run.ts';
const { cases } = JSON.parse(readFileSync('tests/fixtures/issue13-pending-cases.json', 'utf8'));
for (const c of cases) {
  const out = JSON.parse(runCli(['serve', c.model, ...c.cli, '--json']).stdout);
  for (const [k, v] of Object.entries(c.expect) as [string, [number, number]][]) {
    const got = k.startsWith('outputTokensPerSecondPerUser') ? out.workload.outputTokensPerSecondPerUser : k.startsWith('outputTokensPerSecond') ? out.workload.outputTokensPerSecond : k.startsWith('decodeTokensPerSecondPerUser') ? out.decode.tokensPerSecondPerUser : NaN;
    console.log(c.id.padEnd(52), k.slice(0, 22).padEnd(23), String(v[0]).padStart(8), got.toFixed(0).padStart(8), (got / v[0]).toFixed(2), out.decode.bound, c.cli.join(' ').slice(0, 140));
  }
}
