import { describe, expect, it } from 'vitest';
import {
  defaultComparison,
  defaultConfig,
  resolveExplorer,
  type ExplorerConfig,
} from '../../../src/lib/core/index.ts';
import { decode, encode, encodePin, type SharedState } from '../../../src/lib/share/url-codec.ts';

const state = (config: ExplorerConfig): SharedState => ({
  config,
  view: { unit: 'GB', theme: 'system' },
  compare: defaultComparison(),
});

function deepseek(deployment: Partial<ExplorerConfig['deployment']>): ExplorerConfig {
  const config = defaultConfig('deepseek-v3');
  config.deployment = { ...config.deployment, ...deployment };
  return config;
}

describe('engine, nodes and speculative decoding in the link', () => {
  it('leaves the defaults out: vLLM, the device node size, no speculation', () => {
    expect(encode(state(defaultConfig()))).toBe('v=1');
  });

  it('encodes eng, gpn, sd, dt and acc in compact keys', () => {
    const config = deepseek({
      engine: 'sglang',
      devices: 16,
      gpusPerNode: 8,
      speculative: { method: 'mtp', draftTokens: 3, acceptance: 0.8 },
    });
    const query = encode(state(config));
    expect(query).toContain('eng=sglang');
    expect(query).toContain('gpn=8');
    expect(query).toContain('sd=mtp');
    expect(query).toContain('dt=3');
    expect(query).toContain('acc=0.8');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    expect(back.config.deployment).toEqual(config.deployment);
  });

  it('leaves draft tokens and acceptance out at their defaults (1 at 0.85)', () => {
    const config = deepseek({ speculative: { method: 'mtp', draftTokens: 1, acceptance: 0.85 } });
    const query = encode(state(config));
    expect(query).toMatch(/sd=mtp$/);
    expect(decode(query).config.deployment.speculative).toEqual(config.deployment.speculative);
  });

  it('carries vLLM’s synchronous scheduler as ss=1; anything else in ss is refused by name', () => {
    const config = deepseek({ syncScheduling: true });
    const query = encode(state(config));
    expect(query).toContain('ss=1');
    expect(decode(query).config.deployment.syncScheduling).toBe(true);
    const bad = decode('v=1&m=deepseek-v3&ss=yes');
    expect(bad.config.deployment.syncScheduling).toBeUndefined();
    expect(bad.warnings).toEqual(['ss: expected one of 1, got "yes"; ignored']);
  });

  it('carries vLLM’s piecewise CUDA graphs as pw=1; anything else in pw is refused by name', () => {
    const config = deepseek({ piecewiseGraphs: true });
    const query = encode(state(config));
    expect(query).toContain('pw=1');
    expect(decode(query).config.deployment.piecewiseGraphs).toBe(true);
    expect(encode(state(deepseek({})))).not.toContain('pw=');
    const bad = decode('v=1&m=deepseek-v3&pw=on');
    expect(bad.config.deployment.piecewiseGraphs).toBeUndefined();
    expect(bad.warnings).toEqual(['pw: expected one of 1, got "on"; ignored']);
  });

  it('carries sequences per step (vLLM max_num_seqs) as mns, and the estimate reads it', () => {
    const config = deepseek({ maxSequences: 64 });
    const query = encode(state(config));
    expect(query).toContain('mns=64');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    expect(back.config.deployment.maxSequences).toBe(64);
    expect(resolveExplorer(back.config).serving!.assumptions.memory.maxSequences).toBe(64);
    expect(encode(state(deepseek({})))).not.toContain('mns=');
    // SGLang sizes its pool without it (serving/engines.ts): kept in the link, not read.
    const sglang = deepseek({ maxSequences: 64, engine: 'sglang' });
    expect(resolveExplorer(sglang).serving!.assumptions.memory.maxSequences).not.toBe(64);
  });

  it('carries the CUDA-graph batch as cgb; TensorRT-LLM and SGLang read it, vLLM keeps it unread', () => {
    const config = deepseek({ engine: 'trtllm', graphBatch: 384 });
    const query = encode(state(config));
    expect(query).toContain('cgb=384');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    expect(back.config.deployment.graphBatch).toBe(384);
    const memory = (c: ExplorerConfig) => resolveExplorer(c).serving!.assumptions.memory;
    expect(memory(back.config).cudaGraphMaxBatch).toBe(384);
    expect(memory(deepseek({ engine: 'trtllm' })).cudaGraphMaxBatch).toBe(128);
    // SGLang's cuda_graph_max_bs is its max sequences (serving/resolve.ts)
    const sglang = memory(deepseek({ engine: 'sglang', graphBatch: 96 }));
    expect([sglang.cudaGraphMaxBatch, sglang.maxSequences]).toEqual([96, 96]);
    expect(memory(deepseek({ graphBatch: 96 })).cudaGraphMaxBatch).toBe(512);
    expect(encode(state(deepseek({})))).not.toContain('cgb=');
  });

  it('carries the whole run’s prompt and answer tokens as wi and wo, and drops them when emptied', () => {
    const config = deepseek({ promptTokens: 1000, answerTokens: 500 });
    const query = encode(state(config));
    expect(query).toContain('wi=1000');
    expect(query).toContain('wo=500');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    expect(back.config.deployment.promptTokens).toBe(1000);
    expect(back.config.deployment.answerTokens).toBe(500);
    const emptied = encode(state(deepseek({ promptTokens: null, answerTokens: null })));
    expect(emptied).not.toMatch(/\bw[io]=/);
  });

  it('carries the memory fraction and tokens per pass as mf and mbt, read by the estimate', () => {
    const config = deepseek({ memoryFraction: 0.85, batchedTokens: 2048 });
    const query = encode(state(config));
    expect(query).toContain('mf=0.85');
    expect(query).toContain('mbt=2048');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    const memory = resolveExplorer(back.config).serving!.assumptions.memory;
    expect([memory.utilization, memory.maxBatchedTokens]).toEqual([0.85, 2048]);
    expect(encode(state(deepseek({})))).not.toMatch(/\b(mf|mbt)=/);
  });

  it('carries the benchmark run’s prompts, rate and answers as wn, wr, ws, wmin and wmax', () => {
    const config = deepseek({
      promptTokens: 1000,
      answerTokens: 500,
      runPrompts: 640,
      requestRate: 2.5,
      answerSpread: 'exponential',
      shortestAnswer: 4,
      longestAnswer: 2044,
    });
    const query = encode(state(config));
    expect(query).toContain('wn=640');
    expect(query).toContain('wr=2.5');
    expect(query).toContain('ws=exponential');
    expect(query).toContain('wmin=4');
    expect(query).toContain('wmax=2044');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    const d = back.config.deployment;
    expect([d.runPrompts, d.requestRate, d.answerSpread]).toEqual([640, 2.5, 'exponential']);
    expect([d.shortestAnswer, d.longestAnswer]).toEqual([4, 2044]);
    // Answers of one length, every prompt at once, and no run at all are the defaults: left out.
    const plain = encode(state(deepseek({ runPrompts: null, answerSpread: 'same' })));
    expect(plain).not.toMatch(/\bw(n|r|s|min|max)=/);
  });

  it('carries SGLang’s mixed chunks as mc=1, and the estimate prefills in the decode steps', () => {
    const config = deepseek({ engine: 'sglang', mixedChunk: true });
    const query = encode(state(config));
    expect(query).toContain('mc=1');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    expect(back.config.deployment.mixedChunk).toBe(true);
    expect(resolveExplorer(back.config).resolved!.prefillScheduling).toBe('mixed');
    expect(resolveExplorer(deepseek({ engine: 'sglang' })).resolved!.prefillScheduling).toBe(
      'separate',
    );
    expect(encode(state(deepseek({ engine: 'sglang' })))).not.toContain('mc=');
  });

  it('carries SGLang’s eager prefill as ef=1: a short prompt then takes its kernels’ host time', () => {
    const config = deepseek({ engine: 'sglang', eagerPrefill: true });
    const query = encode(state(config));
    expect(query).toContain('ef=1');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    expect(back.config.deployment.eagerPrefill).toBe(true);
    expect(resolveExplorer(back.config).resolved!.deployment.memory.piecewisePrefill).toBe(false);
    // read with SGLang only: vLLM's prefill is not eager
    expect(
      resolveExplorer(deepseek({ eagerPrefill: true })).resolved!.deployment.memory
        .piecewisePrefill,
    ).toBe(true);
    expect(encode(state(deepseek({ engine: 'sglang' })))).not.toContain('ef=');
  });

  it('carries SGLang’s prefill delayer as pd=1: under DP attention its prompts wait for every rank', () => {
    const config = deepseek({ engine: 'sglang', tp: 1, ep: 8, prefillDelayer: true });
    const query = encode(state(config));
    expect(query).toContain('pd=1');
    const back = decode(query);
    expect(back.warnings).toEqual([]);
    expect(back.config.deployment.prefillDelayer).toBe(true);
    expect(resolveExplorer(back.config).resolved!.deployment.memory.prefillDelayPasses).toBe(30);
    // read with SGLang only, and off outside DP attention (serving/resolve.ts)
    const vllm = resolveExplorer(deepseek({ tp: 1, ep: 8, prefillDelayer: true }));
    expect(vllm.resolved!.deployment.memory.prefillDelayPasses).toBeNull();
    expect(encode(state(deepseek({ engine: 'sglang' })))).not.toContain('pd=');
  });

  it('round-trips every engine', () => {
    for (const engine of ['vllm', 'sglang', 'trtllm', 'llamacpp'] as const) {
      const config = deepseek({ engine });
      expect(decode(encode(state(config))).config.deployment.engine).toBe(engine);
    }
  });

  it('carries the settings in a pin', () => {
    const pin = deepseek({
      engine: 'trtllm',
      speculative: { method: 'mtp', draftTokens: 2, acceptance: 0.9 },
    });
    const value = encodePin(pin);
    expect(value).toBe('deepseek-v3,eng:trtllm,sd:mtp,dt:2,acc:0.9');
    const compare = { ...defaultComparison(), pins: [pin] };
    const back = decode(encode({ ...state(defaultConfig()), compare }));
    expect(back.warnings).toEqual([]);
    expect(back.compare.pins[0]!.deployment).toMatchObject({
      engine: 'trtllm',
      speculative: { method: 'mtp', draftTokens: 2, acceptance: 0.9 },
    });
  });

  it.each([
    ['eng=ollama', 'eng: expected one of vllm, sglang, trtllm, llamacpp, got "ollama"; ignored'],
    ['sd=eagle', 'sd: expected one of mtp, got "eagle"; ignored'],
    ['sd=mtp&dt=17', 'dt (Draft tokens): expected a whole number from 1 to 16, got "17"; ignored'],
    [
      'sd=mtp&dt=2.5',
      'dt (Draft tokens): expected a whole number from 1 to 16, got "2.5"; ignored',
    ],
    ['sd=mtp&acc=1.2', 'acc (Acceptance rate): expected a number from 0 to 1, got "1.2"; ignored'],
    ['gpn=0', 'gpn (GPUs per node): expected a whole number from 1 to 72, got "0"; ignored'],
    [
      'mns=70000',
      'mns (Sequences per step): expected a whole number from 1 to 65536, got "70000"; ignored',
    ],
    ['cgb=0', 'cgb (CUDA graphs up to): expected a whole number from 1 to 65536, got "0"; ignored'],
    [
      'wi=0',
      'wi (Prompt tokens per request): expected a whole number from 1 to 1048576, got "0"; ignored',
    ],
    [
      'wo=2000000',
      'wo (Answer tokens per request): expected a whole number from 1 to 1048576, got "2000000"; ignored',
    ],
    ['mf=1.2', 'mf (Memory fraction): expected a number from 0.05 to 1, got "1.2"; ignored'],
    ['mbt=0', 'mbt (Tokens per pass): expected a whole number from 1 to 1048576, got "0"; ignored'],
    [
      'wn=20000',
      'wn (Prompts in the run): expected a whole number from 1 to 10000, got "20000"; ignored',
    ],
    ['wr=0', 'wr (Requests a second): expected a number from 0.001 to 1000000, got "0"; ignored'],
    ['ws=poisson', 'ws: expected one of same, uniform, exponential, got "poisson"; ignored'],
    [
      'wmin=0',
      'wmin (Shortest answer): expected a whole number from 1 to 1048576, got "0"; ignored',
    ],
    [
      'wmax=1.5',
      'wmax (Longest answer): expected a whole number from 1 to 1048576, got "1.5"; ignored',
    ],
    ['mc=yes', 'mc: expected one of 1, got "yes"; ignored'],
    ['dt=3', 'dt: only read with sd=mtp; ignored'],
  ])('a bad value (%s) is named and left out; the rest of the link opens', (bad, warning) => {
    const decoded = decode(`v=1&m=deepseek-v3&b=4&${bad}`);
    expect(decoded.warnings).toContain(warning);
    expect(decoded.config.source).toEqual({ kind: 'preset', id: 'deepseek-v3' });
    expect(decoded.config.deployment.batch).toBe(4);
    expect(() => resolveExplorer(decoded.config)).not.toThrow();
  });

  it('opens a link with MTP on DeepSeek-V3 into a speculative estimate', () => {
    const { config } = decode('v=1&m=deepseek-v3&sd=mtp&dt=2');
    const serving = resolveExplorer(config).serving!;
    expect(serving.speculative?.draftTokens).toBe(2);
    expect(serving.speculative?.tokensPerStep).toBeCloseTo(1 + 0.85 + 0.85 ** 2, 6);
  });
});
