import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.ts';

// SGLang's DeepSeek-V4-Pro recipe on 8 x B200: DP attention 8 over the experts, 256 running of
// 1,024, 4,096 in and 512 out (the cookbook's run, tests/fixtures/issue13-pending-cases.json).
const base = [
  'serve',
  'deepseek-v4-pro',
  '--engine',
  'sglang',
  '--gpu',
  'b200',
  '--gpus',
  '8',
  '--tp',
  '1',
  '--ep',
  '8',
  '--batch',
  '256',
  '--input',
  '4096',
  '--output',
  '512',
];
const json = (extra: string[]) => JSON.parse(runCli([...base, ...extra, '--json']).stdout);

describe('serve --enable-prefill-delayer', () => {
  it('holds prompts for SGLang’s default 30 passes: fewer prefill passes, more output, a shorter TPOT', () => {
    const off = json([]);
    const on = json(['--enable-prefill-delayer']);
    expect(off.assumptions.memory.prefillDelayPasses).toBeNull();
    expect(on.assumptions.memory.prefillDelayPasses).toBe(30);
    expect(on.workload.prefillPassesPerStep).toBeLessThan(off.workload.prefillPassesPerStep / 2);
    expect(on.workload.outputTokensPerSecond).toBeGreaterThan(off.workload.outputTokensPerSecond);
    expect(on.workload.timePerOutputTokenSeconds).toBeLessThan(
      off.workload.timePerOutputTokenSeconds,
    );
    // The decode step itself is the same.
    expect(on.decode.stepSeconds).toBe(off.decode.stepSeconds);
  });

  it('takes the passes beside it, and says so in the summary', () => {
    const five = json(['--enable-prefill-delayer', '--prefill-delayer-max-delay-passes', '5']);
    expect(five.assumptions.memory.prefillDelayPasses).toBe(5);
    const text = runCli([...base, '--enable-prefill-delayer']).stdout;
    expect(text).toContain("prefill delayer (a rank's prompts held up to 30 passes)");
  });

  it('refuses the passes alone, another engine and a layout without DP attention, in one line', () => {
    const alone = runCli([...base, '--prefill-delayer-max-delay-passes', '5']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(
      '--prefill-delayer-max-delay-passes: expected --enable-prefill-delayer beside it',
    );
    const vllm = runCli([...base, '--enable-prefill-delayer', '--engine', 'vllm']);
    expect(vllm.stderr).toContain(
      '--enable-prefill-delayer: expected SGLang with data-parallel attention (tp below the devices, experts over them), got vllm',
    );
    const tp8 = runCli([...base.slice(0, 8), '--tp', '8', '--enable-prefill-delayer']);
    expect(tp8.stderr).toContain('got tp 8, dp 1');
    expect(tp8.stderr.trim().split('\n')).toHaveLength(1);
  });
});
