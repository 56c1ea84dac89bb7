import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.ts';

// gpt-oss-120b at batch 1 on one A100: the gated facts vllm-gptoss-120b-1xa100-bs1 (vLLM of
// August 2025) carry --no-async-scheduling --cuda-graphs piecewise by hand.
const base = [
  'serve',
  'gpt-oss-120b',
  '--gpu',
  'a100-80gb',
  '--expert-weights',
  'mxfp4',
  '--batch',
  '1',
  '--context',
  '1024',
];
const json = (extra: string[]) => JSON.parse(runCli([...base, ...extra, '--json']).stdout);

describe('serve --engine-version', () => {
  it('vLLM 0.10.1 is the same estimate as its two flags, and says which defaults it took', () => {
    const release = json(['--engine-version', '0.10.1']);
    const flags = json(['--no-async-scheduling', '--cuda-graphs', 'piecewise']);
    expect(release.decode).toEqual(flags.decode);
    expect(release.assumptions.efficiency).toEqual(flags.assumptions.efficiency);
    expect(release.engineRelease).toEqual({
      engine: 'vllm',
      version: '0.10.1',
      defaults: [
        'piecewise CUDA graphs (384 us of host launch per layer)',
        'synchronous scheduling (21 us per running sequence per step)',
      ],
    });
    expect(release.decode.bound).toBe('host'); // 36 layers x 384 us = 13.8 ms
    expect(flags.engineRelease).toBeNull();
    const text = runCli([...base, '--engine-version', 'v0.10.1']).stdout;
    expect(text).toContain('release   vLLM 0.10.1: piecewise CUDA graphs');
  });

  it('flags given with it win over the release’s defaults', () => {
    const full = json(['--engine-version', '0.10.1', '--cuda-graphs', 'full']);
    expect(full.assumptions.efficiency.launchSecondsPerLayer).toBe(0);
    expect(full.assumptions.efficiency.schedulingSecondsPerSequence).toBeCloseTo(21e-6, 12);
    const async = json(['--engine-version', '0.12', '--scheduling-us', '0']);
    expect(async.assumptions.efficiency.schedulingSecondsPerSequence).toBe(0);
  });

  it('a newer vLLM forced to piecewise graphs launches a layer in 130 us, not 384', () => {
    const newer = json(['--engine-version', '0.16.0', '--cuda-graphs', 'piecewise']);
    expect(newer.assumptions.efficiency.launchSecondsPerLayer).toBeCloseTo(130e-6, 12);
    expect(newer.assumptions.efficiency.schedulingSecondsPerSequence).toBe(0);
    const res = runCli([
      ...base,
      '--engine-version',
      '0.16',
      '--cuda-graphs',
      'piecewise',
      '--launch-us',
      '50',
    ]);
    expect(res.stderr).toContain(
      '--launch-us: not with --cuda-graphs, which sets 130; give one of them',
    );
  });

  it('SGLang before 0.5.10 prefills eagerly: a short prompt takes its layers’ kernels at 80 us each', () => {
    // gpt-oss-20b on one H100, a 16-token prompt: 24 layers of 13 kernels (kernels.ts), 312 x
    // 80 us = 24.96 ms of host time (eager.ts), well above the device's few milliseconds
    const small = ['serve', 'gpt-oss-20b', '--gpu', 'h100-sxm', '--batch', '1', '--context', '16'];
    const sglang = [...small, '--engine', 'sglang', '--json'];
    const old = JSON.parse(runCli([...sglang, '--engine-version', '0.5.6']).stdout);
    const newest = JSON.parse(runCli(sglang).stdout);
    expect(old.prefill.timeToFirstTokenSeconds).toBeCloseTo(312 * 80e-6, 12);
    expect(old.prefill.bound).toBe('host');
    expect(newest.prefill.timeToFirstTokenSeconds).toBeLessThan(0.01);
    expect(old.decode).toEqual(newest.decode);
    expect(old.engineRelease.defaults).toEqual([
      'prefill passes run eagerly (piecewise prefill CUDA graphs are its default from 0.5.10)',
      "DeepSeek's shared expert fused; all-reduce fused with the norms for DeepSeek and gpt-oss on SM100 (0.5.4)",
    ]);
  });

  it('another engine’s release is said back and changes nothing', () => {
    const trtllm = ['--engine', 'trtllm'];
    expect(json([...trtllm, '--engine-version', '1.2.0'])).toMatchObject({
      decode: json(trtllm).decode,
      prefill: json(trtllm).prefill,
    });
    const text = runCli([...base, ...trtllm, '--engine-version', '1.2.0']).stdout;
    expect(text).toContain('release   TensorRT-LLM 1.2.0: no default of its releases is modelled');
  });

  it("SGLang before 0.5.15 keeps DeepSeek-V4's HCA states in its pools, at --swa-full-tokens-ratio", () => {
    // sglang-v4-pools.ts: V4-Pro at r 0.15, 32,781.44 bytes a full token on 0.5.13 (nothing set
    // aside), 13,735.04 and a block for its requests' HCA states from 0.5.15: more full tokens
    const v4 = ['serve', 'deepseek-v4-pro', '--engine', 'sglang', '--gpu', 'mi355x', '--gpus', '8'];
    const at = (version: string) =>
      JSON.parse(
        runCli([...v4, '--engine-version', version, '--swa-full-tokens-ratio', '0.15', '--json'])
          .stdout,
      ).kvCapacityTokens as number;
    expect(at('0.5.15') / at('0.5.13')).toBeGreaterThan(2.2);
    const bad = runCli([...v4, '--swa-full-tokens-ratio', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--swa-full-tokens-ratio: expected a number from 0.01 to 1, got "2"',
    );
    const vllm = runCli([...v4.slice(0, 2), '--swa-full-tokens-ratio', '0.15']);
    expect(vllm.stderr).toContain("--swa-full-tokens-ratio: expected SGLang's setting, got 0.15");
  });

  it('DeepSeek-V4 under SGLang: FP8 KV unasked, BF16 refused in one line (apply_deepseek_v4_defaults)', () => {
    const v4 = ['serve', 'deepseek-v4-flash', '--engine', 'sglang', '--gpu', 'b200', '--gpus', '4'];
    // 3,461 bytes a further token in FP8 rows against 6,229 in BF16 (deepseek-v4.test.ts)
    expect(JSON.parse(runCli([...v4, '--json']).stdout).kvBytesPerToken).toBe(3461);
    const vllm = JSON.parse(runCli([...v4.slice(0, 2), '--gpu', 'b200', '--json']).stdout);
    expect(vllm.kvBytesPerToken).toBe(6229);
    const bf16 = runCli([...v4, '--kv-dtype', 'bf16']);
    expect(bf16.code).toBe(2);
    expect(bf16.stderr.trim().split('\n')).toHaveLength(1);
    expect(bf16.stderr).toContain(
      "--kv-dtype: expected fp8: SGLang keeps DeepSeek-V4's cache in FP8 only (its V4 defaults assert fp8_e4m3), got bf16",
    );
  });

  it('a version that is not one gets a message naming the flag, the value and the form', () => {
    const res = runCli([...base, '--engine-version', 'latest']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      '--engine-version: expected a release of vLLM such as 0.10.1 or v0.11.0rc2, got latest',
    );
  });
});
