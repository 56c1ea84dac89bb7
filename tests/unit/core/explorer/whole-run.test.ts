import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOST_SETTINGS,
  findDevice,
  findPreset,
  presetSpec,
  resolveServing,
  wholeRun,
  workloadThroughput,
} from '../../../../src/lib/core/index.ts';
import { deepseekDpAttention } from '../../helpers/deployments.ts';

// gpt-oss-120b on 8 x B200 at tp 8, 100 in flight: the SGLang cookbook's concurrency-100 shape.
const spec = presetSpec(findPreset('gpt-oss-120b')!);
const resolve = (engine: 'sglang' | 'vllm') =>
  resolveServing(spec, {
    device: findDevice('b200')!,
    devices: 8,
    tp: 8,
    contextTokens: 4096,
    batch: 100,
    memory: { engine },
  });
const requests = { promptTokens: 300, answerTokens: 200, host: null };

describe('wholeRun', () => {
  it('is null until both token counts are given', () => {
    expect(wholeRun(resolve('sglang'), { ...requests, answerTokens: null })).toBeNull();
    expect(wholeRun(resolve('sglang'), { ...requests, promptTokens: undefined })).toBeNull();
    expect(wholeRun(null, requests)).toBeNull();
  });

  it('is the workload of serving/workload.ts, told with the engine’s way of prefilling', () => {
    const sglang = wholeRun(resolve('sglang'), requests)!;
    expect(sglang.kind).toBe('run');
    if (sglang.kind !== 'run') return;
    expect(sglang.run).toEqual(workloadThroughput(resolve('sglang'), 300, 200));
    expect(sglang.text).toMatch(
      /^[\d.]+k output tokens\/s over the run \([\d.]+ per user\); [\d.]+ ms per output token after the first \(TPOT\), other requests’ prompts included\. Prefill takes [\d.]+% of the time, in passes of its own that pause the batch \(SGLang; 0\.39 per decode step\)\.$/,
    );
    const vllm = wholeRun(resolve('vllm'), requests)!;
    expect(vllm.text).toMatch(/mixed into the decode steps \(vLLM\)\.$/);
  });

  it('says the other ranks wait for a pass under data-parallel attention over shared experts', () => {
    const dp = deepseekDpAttention();
    expect(wholeRun(dp, { promptTokens: 1000, answerTokens: 500, host: null })?.text).toMatch(
      /in passes of its own that the other data-parallel ranks wait for \(SGLang; 0\.12 per decode step\)\.$/,
    );
  });

  it('says where DSA’s sparse prefill runs padded heads: GLM-5 under TP 8 on H200, 8 heads to 64', () => {
    const glm5 = presetSpec(findPreset('glm-5')!);
    const on = (engine: 'vllm' | 'trtllm') =>
      wholeRun(
        resolveServing(glm5, {
          device: findDevice('h200')!,
          devices: 8,
          tp: 8,
          weights: 'fp8',
          contextTokens: 8192,
          batch: 16,
          memory: { engine },
        }),
        { promptTokens: 4096, answerTokens: 512, host: null },
      )?.text;
    expect(on('vllm')).toContain(
      ' Its sparse attention (DSA) runs 64 heads on each device, which holds 8: FlashMLA’s kernel pads them.',
    );
    expect(on('trtllm')).not.toContain('DSA');
    expect(wholeRun(resolve('vllm'), requests)?.text).not.toContain('DSA');
  });

  it('says how long the requests the engine does not run wait for a slot', () => {
    // SGLang under MTP runs 48 of 100 (running.ts); the other 52 wait (workload.ts slotWaitSeconds)
    const mtp = resolveServing(presetSpec(findPreset('deepseek-v3')!), {
      device: findDevice('h200')!,
      devices: 8,
      weights: 'fp8',
      contextTokens: 4096,
      batch: 100,
      memory: { engine: 'sglang' },
      speculative: { method: 'mtp', draftTokens: 1, acceptance: 0.85 },
    });
    const run = wholeRun(mtp, { promptTokens: 500, answerTokens: 500, host: null })!;
    expect(run.kind === 'run' && run.run.slotWaitSeconds).toBeGreaterThan(1);
    expect(run.text).toMatch(
      / The 52 requests the engine does not run wait [\d.]+ s for a slot\.$/,
    );
  });

  it('runs the requests the KV cache holds at the context, and says the rest wait for them', () => {
    // DeepSeek-V3 FP8 on 8 x H200 at 32,768 tokens: 100 asked for, fewer fit (workload.ts benchmarkRun).
    const long = resolveServing(presetSpec(findPreset('deepseek-v3')!), {
      device: findDevice('h200')!,
      devices: 8,
      weights: 'fp8',
      contextTokens: 32_768,
      batch: 100,
    });
    const run = wholeRun(long, { promptTokens: 32_000, answerTokens: 768, host: null })!;
    if (run.kind !== 'run') throw new Error('a run');
    expect(run.run.running.batch).toBeLessThan(100);
    expect(run.text).toMatch(
      / The \d+ requests the engine does not run \(the KV cache, which holds \d+ sequences of 32,768 tokens\) wait [\d.]+ s for a slot\.$/,
    );
  });

  it('asks for more context when a request does not fit it, naming both counts', () => {
    expect(wholeRun(resolve('vllm'), { ...requests, promptTokens: 4000 })).toEqual({
      kind: 'note',
      text: 'A request of 4,000 prompt and 200 answer tokens needs 4,200 tokens of context, more than the 4,096 set: raise the context to see the run.',
    });
  });

  it('says the run is for GPUs alone when the experts sit in system RAM', () => {
    const note = wholeRun(resolve('vllm'), { ...requests, host: DEFAULT_HOST_SETTINGS });
    expect(note?.kind).toBe('note');
    expect(note?.text).toMatch(/^The whole run is for GPUs alone/);
  });
});
