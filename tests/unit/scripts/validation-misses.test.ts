import { describe, expect, it } from 'vitest';
import { pastBandTable } from '../../../scripts/validation-misses.ts';

describe('pastBandTable: the unseen figures past a band, for README', () => {
  const ratios = [
    { id: 'in-band', key: 'outputTokensPerSecondApprox', ratio: 1.9 },
    { id: 'slow', key: 'tpotTokensPerSecondPerUserApprox', ratio: 0.25 },
    { id: 'fast', key: 'outputTokensPerSecondApprox', ratio: 3 },
    { id: 'edge', key: 'decodeTokensPerSecondPerUserApprox', ratio: 0.5 },
  ];

  it('lists only those outside ×/÷2, farthest first (0.25 is farther than 3)', () => {
    const rows = pastBandTable(ratios, 2).filter(
      (l) => l.startsWith('| ') && !l.startsWith('| Case'),
    );
    expect(rows).toEqual(['| slow | 1 / mean TPOT | 0.25× |', '| fast | output tok/s | 3.00× |']);
  });

  it('collapses the table under a summary that counts them', () => {
    const lines = pastBandTable(ratios, 2);
    expect(lines[0]).toBe('<details>');
    expect(lines[1]).toBe('<summary>The 2 unseen figures past ×/÷2, farthest first</summary>');
    expect(lines.at(-1)).toBe('</details>');
  });

  it('gives nothing when every figure holds', () => {
    expect(pastBandTable(ratios.slice(0, 1), 2)).toEqual([]);
  });
});
