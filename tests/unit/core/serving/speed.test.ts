import { describe, expect, it } from 'vitest';
import {
  decodeStep,
  DEFAULT_EFFICIENCY,
  DEFAULT_ROUTING,
  parseHFConfig,
  PIECEWISE_LAUNCH_SECONDS,
  prefill,
  prefillPass,
  SYNC_SCHEDULING_SECONDS,
  type ModelSpec,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import { deployOnH100 } from '../../helpers/deployments.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const llama8b = parseHFConfig(fixtureConfig('llama3.1-8b'));
const scout = parseHFConfig(fixtureConfig('llama4-scout'));

const deploy = (spec: ModelSpec, options: Partial<ServingOptions> = {}) =>
  deployOnH100(spec, options, 1024);

describe('decodeStep', () => {
  it('decodeStep(Llama 3.1 8B on one H100, 1024 tokens, batch 1) is 127 tokens/s', () => {
    // Memory-bound: weights 2 x (32 x 218,103,808 + 525,336,576) B + KV 32 x 1024 x 4096 B
    // = 15,143,534,592 B at 3.35 TB/s x 0.7, plus 32 layers of 9 kernels (GQA 5, dense FFN 4) x 5 us
    const stepSeconds = 15_143_534_592 / (3.35e12 * 0.7) + 32 * 9 * 5e-6;
    const e = decodeStep(deploy(llama8b), 1024, 1, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    expect(e.stepSeconds).toBeCloseTo(stepSeconds, 12);
    expect(e.tokensPerSecond).toBeCloseTo(1 / stepSeconds, 6);
    expect(Math.round(e.tokensPerSecond)).toBe(127);
  });

  it('decodeStep gives tokens/s = batch / step, per user 1 / step, per device tokens/s / devices', () => {
    const e = decodeStep(
      deploy(scout, { devices: 8 }),
      4096,
      16,
      DEFAULT_EFFICIENCY,
      DEFAULT_ROUTING,
    );
    expect(e.tokensPerSecond).toBeCloseTo(16 / e.stepSeconds, 9);
    expect(e.tokensPerSecondPerUser).toBeCloseTo(1 / e.stepSeconds, 9);
    expect(e.tokensPerSecondPerDevice).toBeCloseTo(e.tokensPerSecond / 8, 9);
  });

  it('decodeStep through a pipeline of 2 stages takes both stage ticks per token', () => {
    const e = decodeStep(
      deploy(scout, { devices: 16, pp: 2 }),
      4096,
      2,
      DEFAULT_EFFICIENCY,
      DEFAULT_ROUTING,
    );
    expect(e.stepSeconds).toBeCloseTo(2 * e.seconds, 15);
  });
});

describe('decodeStep over Llama 4’s chunked attention', () => {
  it('reads the chunked layers’ own chunk: at 8,704 tokens 512 of their tokens, not 8,192', () => {
    const d = deploy(scout, { devices: 8 });
    const at = (t: number) => decodeStep(d, t, 1, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).kvReadBytes;
    // per device (KV heads split 8 ways): 12 global layers x 8,704 + 36 chunked layers x 512
    // tokens, x 2 (K, V) x 1 KV head x 128 x 2 bytes
    expect(at(8704)).toBe((12 * 8704 + 36 * 512) * 2 * 128 * 2);
    expect(at(8192)).toBe(48 * 8192 * 2 * 128 * 2);
  });
});

describe('decodeStep with a synchronous scheduler', () => {
  const sync = { ...DEFAULT_EFFICIENCY, schedulingSecondsPerSequence: SYNC_SCHEDULING_SECONDS };

  it('adds 21 us per running sequence to each step: 256 sequences wait 5.376 ms', () => {
    // vLLM's synchronous scheduler (assumptions.ts): 256 x 21 us = 5.376 ms, the size of the gap
    // vLLM #10634 measured at batch 256 ("about 5-6ms").
    const d = deploy(llama8b);
    const overlapped = decodeStep(d, 1024, 256, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    const waiting = decodeStep(d, 1024, 256, sync, DEFAULT_ROUTING);
    expect(overlapped.schedulingSeconds).toBe(0);
    expect(waiting.schedulingSeconds).toBeCloseTo(0.005376, 12);
    expect(waiting.stepSeconds - overlapped.stepSeconds).toBeCloseTo(0.005376, 12);
    expect(waiting.tokensPerSecond).toBeCloseTo(256 / waiting.stepSeconds, 9);
  });

  it("counts each replica's own sequences: 8 data-parallel replicas of 32 wait 32 x 21 us", () => {
    const d = deploy(llama8b, { devices: 8, tp: 1 });
    const waiting = decodeStep(d, 1024, 256, sync, DEFAULT_ROUTING);
    expect(waiting.schedulingSeconds).toBeCloseTo(32 * SYNC_SCHEDULING_SECONDS, 12);
  });

  it('waits once per micro-batch through a pipeline: the whole step still waits for every sequence', () => {
    const d = deploy(scout, { devices: 16, pp: 2 });
    const overlapped = decodeStep(d, 4096, 64, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    const waiting = decodeStep(d, 4096, 64, sync, DEFAULT_ROUTING);
    expect(waiting.schedulingSeconds).toBeCloseTo(64 * SYNC_SCHEDULING_SECONDS, 12);
    expect(waiting.stepSeconds - overlapped.stepSeconds).toBeCloseTo(
      64 * SYNC_SCHEDULING_SECONDS,
      12,
    );
  });
});

describe('decodeStep under piecewise CUDA graphs', () => {
  const piecewise = { ...DEFAULT_EFFICIENCY, launchSecondsPerLayer: PIECEWISE_LAUNCH_SECONDS };

  it('waits for the host where the device is quicker: Llama 3.1 8B at batch 1 takes 32 x 384 us', () => {
    // The device's step is 7.87 ms (127 tokens/s, above); the host launches 32 layers in 12.288 ms.
    const e = decodeStep(deploy(llama8b), 1024, 1, piecewise, DEFAULT_ROUTING);
    expect(e.launchSeconds).toBeCloseTo(0.012288, 12);
    expect(e.stepSeconds).toBeCloseTo(0.012288, 12);
    expect(e.bound).toBe('host');
  });

  it('hides the launches behind a longer device step: the larger of the two, not their sum', () => {
    // Batch 256 reads 34 GB of KV cache a step: longer than the 12.3 ms of launches.
    const d = deploy(llama8b);
    const full = decodeStep(d, 1024, 256, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    const pw = decodeStep(d, 1024, 256, piecewise, DEFAULT_ROUTING);
    expect(full.stepSeconds).toBeGreaterThan(0.012288);
    expect(pw.stepSeconds).toBe(full.stepSeconds);
    expect(pw.bound).toBe('memory');
  });

  it('launches each pipeline stage’s own layers: 24 of Scout’s 48 per stage', () => {
    const e = decodeStep(
      deploy(scout, { devices: 16, pp: 2 }),
      4096,
      2,
      piecewise,
      DEFAULT_ROUTING,
    );
    expect(e.launchSeconds).toBeCloseTo(24 * PIECEWISE_LAUNCH_SECONDS, 12);
    expect(e.stepSeconds).toBeCloseTo(2 * 24 * PIECEWISE_LAUNCH_SECONDS, 12);
  });

  it('launches nothing with full graphs (the default)', () => {
    const e = decodeStep(deploy(llama8b), 1024, 1, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    expect(e.launchSeconds).toBe(0);
    expect(e.bound).toBe('memory');
  });
});

describe('prefill', () => {
  it('prefill of one 32,768-token prompt in passes of 8192 takes 4 passes to the first token', () => {
    const p = prefill(deploy(llama8b), 32_768, 1, 8192, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    expect(p.chunkTokens).toBe(8192);
    expect(p.timeToFirstTokenSeconds).toBeCloseTo(4 * p.seconds, 15);
    expect(p.tokensPerSecond).toBeCloseTo(8192 / p.seconds, 6);
  });

  it('prefill of a prompt past whole passes runs the rest in a shorter pass: 40,960 at 8,192 is 5, 36,864 is 4 and 4,096', () => {
    const d = deploy(llama8b);
    const at = (tokens: number) =>
      prefill(d, tokens, 1, 8192, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).timeToFirstTokenSeconds;
    const pass = (prompt: number, chunk: number) =>
      prefillPass(d, prompt, chunk, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).seconds;
    expect(at(40_960)).toBeCloseTo(5 * pass(40_960, 8192), 12);
    expect(at(36_864)).toBeCloseTo(4 * pass(36_864, 8192) + pass(36_864, 4096), 12);
    // Not five whole passes: the first token comes sooner than for 40,960 tokens.
    expect(at(36_864)).toBeLessThan(at(40_960) * 0.95);
  });

  it('prefill packs several short prompts into one pass: 4 prompts of 1000 tokens are a 4000-token pass', () => {
    const p = prefill(deploy(llama8b), 1000, 4, 8192, DEFAULT_EFFICIENCY, DEFAULT_ROUTING);
    expect(p.chunkTokens).toBe(4000);
  });

  it('prefill of a long prompt is compute-bound', () => {
    expect(
      prefill(deploy(llama8b), 32_768, 1, 8192, DEFAULT_EFFICIENCY, DEFAULT_ROUTING).bound,
    ).toBe('compute');
  });
});
