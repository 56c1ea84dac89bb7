import { describe, expect, it } from 'vitest';
import { runParallel, type ScriptRun } from '../../../scripts/parallel.ts';

const node = (code: string) => `"${process.execPath}" -e "${code}"`;

describe('runParallel (npm test runs its static checks side by side)', () => {
  it('returns each run in the order given, with its exit code and its whole output', async () => {
    const runs = await runParallel(
      [
        { script: 'ok', command: node("console.log('fine')") },
        { script: 'bad', command: node("console.error('broken'); process.exit(3)") },
      ],
      2,
    );
    expect(runs.map((r) => [r.script, r.code, r.output.trim()])).toEqual([
      ['ok', 0, 'fine'],
      ['bad', 3, 'broken'],
    ]);
  });

  it('runs no more at once than its slots: with one, each ends before the next starts', async () => {
    const ended: string[] = [];
    const runs = await runParallel(
      ['a', 'b', 'c'].map((script) => ({ script, command: node(`console.log('${script}')`) })),
      1,
      (run: ScriptRun) => ended.push(run.script),
    );
    expect(ended).toEqual(['a', 'b', 'c']);
    expect(runs.every((r) => r.code === 0 && r.seconds > 0)).toBe(true);
  });
});
