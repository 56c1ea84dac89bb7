import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EFFICIENCY,
  PIECEWISE_LAUNCH_SECONDS,
  SYNC_SCHEDULING_SECONDS,
} from '../../../src/lib/core/index.ts';
import { EFFICIENCY_OPTION_TABLE, efficiencyOptions } from '../../../src/cli/efficiency-options.ts';
import { runCli } from '../../../src/cli/run.ts';

const opts = (o: Record<string, string>) => new Map(Object.entries(o));

describe('efficiencyOptions', () => {
  it('gives the core only what the command line sets, microseconds in seconds', () => {
    expect(efficiencyOptions(opts({}))).toEqual({});
    expect(
      efficiencyOptions(
        opts({
          'expert-bandwidth-efficiency': '0.6',
          'kernel-us': '4',
          'attention-efficiency': '0.5',
        }),
      ),
    ).toEqual({ expertBandwidth: 0.6, kernelSeconds: 4e-6, attentionCompute: 0.5 });
  });

  it("shows the core's defaults in the help", () => {
    const shown = (name: string) => EFFICIENCY_OPTION_TABLE.find((o) => o.name === name)!.default;
    expect(shown('expert-bandwidth-efficiency')).toBe(
      `${DEFAULT_EFFICIENCY.expertBandwidth}; llama.cpp: the bandwidth efficiency (its mat-vec kernels read experts as dense layers)`,
    );
    expect(shown('layer-overhead-us')).toBe(
      'by kernel count; llama.cpp: 40, 160 on AMD GPUs (ROCm)',
    );
    expect(shown('attention-efficiency')).toBe(String(DEFAULT_EFFICIENCY.attentionCompute));
    expect(shown('kernel-us')).toBe('5');
    expect(shown('block-scaled-gemm-us')).toBe('27 on MI300X and MI325X (AMD CDNA3), else 0');
  });

  it('--block-scaled-gemm-us sets what each FP8 GEMM of DeepSeek-V3 on MI300X adds, and the summary says it', () => {
    const serve = (extra: string[]) =>
      runCli([
        'serve',
        'deepseek-v3',
        '--gpu',
        'mi300x',
        '--gpus',
        '8',
        '--weights',
        'fp8',
        '--batch',
        '4',
        ...extra,
      ]).stdout;
    const json = (extra: string[]) => JSON.parse(serve([...extra, '--json']));
    expect(json([]).assumptions.efficiency.blockScaledGemmSeconds).toBe(27e-6);
    // 421 block-scaled GEMMs a step under vLLM (kernels.test.ts): 27 us each is 11.367 ms of it
    const step = (extra: string[]) => json(extra).decode.overheadSeconds as number;
    expect(step([]) - step(['--block-scaled-gemm-us', '0'])).toBeCloseTo(11.367e-3, 9);
    expect(serve([])).toContain('5 us per kernel and 27 more per block-scaled GEMM');
    // BF16 weights (the later --weights wins) have no block-scaled GEMMs to pay for
    const bf16 = serve(['--weights', 'bf16']);
    expect(bf16).toContain('5 us per kernel, scheduling overlapped');
    expect(bf16).not.toContain('block-scaled');
  });

  it('slows the decode of a model whose experts are read when their efficiency drops', () => {
    const tps = (extra: string[]) =>
      JSON.parse(
        runCli(['serve', 'qwen3-30b-a3b', '--gpu', 'h100-sxm', '--batch', '64', ...extra, '--json'])
          .stdout,
      ).decode.tokensPerSecond as number;
    expect(tps(['--expert-bandwidth-efficiency', '0.25'])).toBeLessThan(tps([]));
  });

  it('--int4-expert-efficiency sets how fast INT4 weight-only experts are read, by device unless given, and the summary says it', () => {
    const serve = (gpu: string, extra: string[]) =>
      runCli([
        'serve',
        'qwen3-30b-a3b',
        '--gpu',
        gpu,
        '--weights',
        'bf16',
        '--expert-weights',
        'int4',
        '--batch',
        '64',
        ...extra,
      ]).stdout;
    const json = (gpu: string, extra: string[]) => JSON.parse(serve(gpu, [...extra, '--json']));
    expect(efficiencyOptions(opts({ 'int4-expert-efficiency': '0.5' }))).toEqual({
      int4ExpertBandwidth: 0.5,
    });
    expect(json('h200', []).assumptions.efficiency.int4ExpertBandwidth).toBe(0.28);
    expect(json('b200', []).assumptions.efficiency.int4ExpertBandwidth).toBe(1);
    const tps = (extra: string[]) => json('h200', extra).decode.tokensPerSecond as number;
    expect(tps(['--int4-expert-efficiency', '1'])).toBeGreaterThan(tps([]));
    expect(serve('h200', [])).toContain('INT4 experts at 0.28 of the expert bandwidth');
    expect(serve('b200', [])).not.toContain('INT4 experts');
    expect(() => efficiencyOptions(opts({ 'int4-expert-efficiency': '0' }))).toThrow(
      /int4-expert-efficiency/,
    );
  });

  it('--cuda-graph-max-bs sets TensorRT-LLM’s graph batch, past which its decode runs eagerly, and the summary says it', () => {
    const serve = (extra: string[]) =>
      runCli([
        'serve',
        'deepseek-v3',
        '--engine',
        'trtllm',
        '--gpu',
        'b200',
        '--gpus',
        '8',
        '--weights',
        'fp8',
        '--batch',
        '384',
        ...extra,
      ]).stdout;
    const json = (extra: string[]) => JSON.parse(serve([...extra, '--json']));
    expect(json([]).assumptions.memory.cudaGraphMaxBatch).toBe(128);
    expect(serve([])).toContain('2048 sequences, CUDA graphs up to 128,');
    // 1,321 kernels at 80 us
    expect(json([]).decode.launchSeconds).toBeCloseTo(0.10568, 9);
    expect(json(['--cuda-graph-max-bs', '384']).decode.launchSeconds).toBe(0);
    expect(serve(['--cuda-graph-max-bs', '384'])).toContain('CUDA graphs up to 384,');
  });

  it('--cuda-graph-max-bs under SGLang is its max sequences; both, differing, are refused by name', () => {
    const sglang = (extra: string[]) =>
      runCli(['serve', 'llama4-scout', '--engine', 'sglang', '--gpu', 'h200', ...extra]);
    const json = JSON.parse(sglang(['--cuda-graph-max-bs', '64', '--json']).stdout);
    expect(json.assumptions.memory).toMatchObject({ maxSequences: 64, cudaGraphMaxBatch: 64 });
    const both = sglang(['--cuda-graph-max-bs', '64', '--max-num-seqs', '128']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      "--cuda-graph-max-bs: expected SGLang's max sequences, 128, which is its cuda_graph_max_bs: give one of them, got 64",
    );
  });

  it("--no-async-scheduling sets vLLM's synchronous scheduler's wait; --scheduling-us sets any", () => {
    expect(efficiencyOptions(opts({ 'no-async-scheduling': 'true' }))).toEqual({
      schedulingSecondsPerSequence: SYNC_SCHEDULING_SECONDS,
    });
    expect(efficiencyOptions(opts({ 'scheduling-us': '10' }))).toEqual({
      schedulingSecondsPerSequence: 10e-6,
    });
    expect(() =>
      efficiencyOptions(opts({ 'no-async-scheduling': 'true', 'scheduling-us': '10' })),
    ).toThrow('--scheduling-us: not with --no-async-scheduling, which sets 21; give one of them');
  });

  it("slows a large batch's decode under a synchronous scheduler, and says so", () => {
    const serve = (extra: string[]) =>
      runCli(['serve', 'gpt-oss-20b', '--gpu', 'h100-sxm', '--batch', '512', ...extra]);
    const json = (extra: string[]) => JSON.parse(serve([...extra, '--json']).stdout);
    const overlapped = json([]).decode;
    const waiting = json(['--no-async-scheduling']).decode;
    // 512 sequences x 21 us = 10.752 ms more per step (assumptions.ts SYNC_SCHEDULING_SECONDS)
    expect(waiting.schedulingSeconds).toBeCloseTo(0.010752, 9);
    expect(waiting.stepSeconds - overlapped.stepSeconds).toBeCloseTo(0.010752, 9);
    expect(serve([]).stdout).toContain('scheduling overlapped');
    expect(serve(['--no-async-scheduling']).stdout).toContain(
      '21 us of scheduling per sequence per step',
    );
  });

  it('--cuda-graphs piecewise sets vLLM’s launch time per layer before v0.11; --launch-us sets any', () => {
    expect(efficiencyOptions(opts({ 'cuda-graphs': 'piecewise' }))).toEqual({
      launchSecondsPerLayer: PIECEWISE_LAUNCH_SECONDS,
    });
    expect(efficiencyOptions(opts({ 'cuda-graphs': 'FULL' }))).toEqual({
      launchSecondsPerLayer: 0,
    });
    expect(efficiencyOptions(opts({ 'launch-us': '130' }))).toEqual({
      launchSecondsPerLayer: 130e-6,
    });
    expect(() => efficiencyOptions(opts({ 'cuda-graphs': 'eager' }))).toThrow(
      '--cuda-graphs: expected one of full, piecewise, got "eager"',
    );
    expect(() =>
      efficiencyOptions(opts({ 'cuda-graphs': 'piecewise', 'launch-us': '130' })),
    ).toThrow('--launch-us: not with --cuda-graphs, which sets 384; give one of them');
  });

  it('makes gpt-oss-120b at batch 1 on an A100 host-bound under piecewise graphs, and says so', () => {
    const serve = (extra: string[]) =>
      runCli([
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
        ...extra,
      ]);
    const full = JSON.parse(serve(['--json']).stdout).decode;
    const pw = JSON.parse(serve(['--cuda-graphs', 'piecewise', '--json']).stdout).decode;
    // 36 layers x 384 us = 13.824 ms, longer than the device's 6.6 ms
    expect(full.bound).toBe('memory');
    expect(pw.bound).toBe('host');
    expect(pw.stepSeconds).toBeCloseTo(0.013824, 9);
    const text = serve(['--cuda-graphs', 'piecewise']).stdout;
    expect(text).toContain('host-bound');
    expect(text).toContain('384 us of host launch per layer');
  });

  it('refuses a value out of range, naming the flag', () => {
    const out = runCli(['serve', 'qwen3-30b-a3b', '--expert-bandwidth-efficiency', '2']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--expert-bandwidth-efficiency: expected a number from 0.01 to 1');
  });
});
