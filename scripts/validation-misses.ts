/**
 * The unseen figures past issue 13's outer band, listed under README's VALIDATION summary: each
 * case, what it measures, and explorer / published, farthest first. They are what "x2 for every
 * one" still fails on (docs/research/serving-13.md says what each cluster is).
 */

/** One published throughput against the explorer's: its case, its key, explorer / published. */
export interface Ratio {
  id: string;
  key: string;
  ratio: number;
}

/** What a throughput key measures, as the list names it. */
const MEASURES: Record<string, string> = {
  outputTokensPerSecondApprox: 'output tok/s',
  tpotTokensPerSecondPerUserApprox: '1 / mean TPOT',
  decodeTokensPerSecondPerUserApprox: '1 / median ITL',
  decodeTokensPerSecondApprox: 'decode tok/s',
  outputTokensPerSecondPerUserApprox: 'tok/s per user',
};

/**
 * The ratios outside ×/÷`band`, farthest first, as a collapsed markdown table; empty when none.
 *
 * @example pastBandTable([{ id: 'a', key: 'outputTokensPerSecondApprox', ratio: 3 }], 2)[0] // '<details>'
 */
export function pastBandTable(ratios: readonly Ratio[], band: number): string[] {
  const past = ratios
    .filter((r) => r.ratio > band || r.ratio < 1 / band)
    .sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)));
  if (past.length === 0) return [];
  return [
    '<details>',
    `<summary>The ${past.length} unseen figures past ×/÷${band}, farthest first</summary>`,
    '',
    '| Case | Figure | Explorer / published |',
    '|---|---|---|',
    ...past.map((r) => `| ${r.id} | ${MEASURES[r.key] ?? r.key} | ${r.ratio.toFixed(2)}× |`),
    '',
    '</details>',
  ];
}
