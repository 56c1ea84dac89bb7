import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_ROUTING,
  findDevice,
  keptTokens,
  parseHFConfig,
  formatFlops,
  peakFlops,
  resolveServing,
  stageKvBytesPerSequence,
  stageStep,
  type Deployment,
  type ModelSpec,
  type StageWork,
} from '../../../../src/lib/core/index.ts';
import { fixtureConfig } from '../../helpers/fixtures.ts';

const h100 = findDevice('h100-sxm')!; // 3.35 TB/s, 989.5 dense BF16 TFLOP/s
const llama8b = parseHFConfig(fixtureConfig('llama3.1-8b'));
const mixtral = parseHFConfig(fixtureConfig('mixtral-8x7b'));

function deployOne(spec: ModelSpec): Deployment {
  return resolveServing(spec, { device: h100, devices: 1, contextTokens: 1024, batch: 1 })
    .deployment;
}

/** One decode token of one sequence at `context` tokens, as speed.ts builds it. */
function decodeWork(d: Deployment, context: number): StageWork {
  return {
    tokensPerReplica: 1,
    tokensPerExpertGroup: 1,
    attended: (kind) => keptTokens(kind, context, 'hybrid'),
    selected: (kind) => keptTokens(kind, context, 'hybrid'),
    phase: 'decode',
    eager: false,
    kvReadBytes: stageKvBytesPerSequence(d, d.stages[0]!, context, 'hybrid'),
    lmHeadTokens: 1,
  };
}

describe('peakFlops', () => {
  it.each([
    ['h100-sxm', 'bf16', 989.5],
    ['h100-sxm', 'fp8', 1979],
    ['h100-sxm', 'fp4', 989.5], // no FP4 on Hopper: weight-only, at the BF16 rate (vLLM Marlin)
    ['b200', 'fp4', 9000],
    ['a100-80gb', 'fp8', 312], // no FP8 on Ampere: the BF16 rate
    ['a100-80gb', 'fp4', 312],
  ] as const)('peakFlops(%s, %s) is %d TFLOP/s', (id, precision, tflops) => {
    expect(peakFlops(findDevice(id)!, precision)).toBe(tflops * 1e12);
  });
});

describe('formatFlops', () => {
  it.each([
    ['a100-80gb', 'int8', 624], // W8A8 on Ampere's INT8 tensor cores
    ['h100-sxm', 'int8', 1979], // no INT8 figure of its own: the FP8 rate
    ['h100-sxm', 'mxfp4', 989.5],
    ['b200', 'nvfp4', 9000],
    // gpt-oss's MXFP4 experts with MXFP8 activations (TensorRT-LLM gpt-oss deployment guide)
    ['b200', 'mxfp4', 4500],
    ['mi355x', 'mxfp4', 10066.3], // CDNA4's MX matrix cores: no source of another rate
    ['mi355x', 'nvfp4', 2516.6], // MX scales only: NVFP4 converted or emulated, at BF16
  ] as const)('formatFlops(%s, %s) is %d TFLOP/s', (id, format, tflops) => {
    expect(formatFlops(findDevice(id)!, format)).toBeCloseTo(tflops * 1e12, -6);
  });
});

describe('stageStep', () => {
  const d = deployOne(llama8b);
  const step = stageStep(
    d,
    d.stages[0]!,
    decodeWork(d, 1024),
    DEFAULT_EFFICIENCY,
    DEFAULT_ROUTING,
    true,
  );

  it('stageStep(Llama 3.1 8B decode) reads every Linear weight once: 2 B x (32 x (attention + MLP) + lm_head)', () => {
    // attention 41,943,040 + MLP 176,160,768 per layer; lm_head 128,256 x 4096 (norms aside)
    expect(step.weightsReadBytes).toBe(2 * (32 * (41_943_040 + 176_160_768) + 525_336_576));
  });

  it('stageStep(Llama 3.1 8B decode, 1024 tokens) reads the KV cache: 32 layers x 1024 tokens x 4096 B', () => {
    expect(step.kvReadBytes).toBe(32 * 1024 * 4096);
  });

  it('stageStep(Llama 3.1 8B decode) does 2 FLOPs per weight plus attention, 4 x 32 heads x 128 x 1024 per layer', () => {
    expect(step.flops).toBe(
      2 * (32 * (41_943_040 + 176_160_768) + 525_336_576) + 32 * 4 * 32 * 128 * 1024,
    );
  });

  it('stageStep at batch 1 is memory-bound: bytes / (3.35 TB/s x 0.7) + 32 layers x 9 kernels x 5 us', () => {
    expect(step.bound).toBe('memory');
    const bytes = step.weightsReadBytes + step.kvReadBytes;
    expect(step.memorySeconds).toBeCloseTo(bytes / (3.35e12 * 0.7), 12);
    expect(step.overheadSeconds).toBeCloseTo(32 * 9 * 5e-6, 15);
    expect(step.communicationSeconds).toBe(0);
    expect(step.seconds).toBeCloseTo(step.memorySeconds + step.overheadSeconds, 12);
  });

  it('stageStep of one Mixtral token reads the 2 experts it routes to in each of 32 layers', () => {
    // touched 8 x (1 - (1 - 2/8)^1) = 2 experts; one expert 3 x 4096 x 14336 parameters;
    // attention 41,943,040 and router 4096 x 8 per layer; lm_head 32,000 x 4096; BF16
    const m = deployOne(mixtral);
    const s = stageStep(
      m,
      m.stages[0]!,
      decodeWork(m, 1024),
      DEFAULT_EFFICIENCY,
      DEFAULT_ROUTING,
      true,
    );
    expect(s.distinctExpertsPerLayer).toBe(2);
    expect(s.weightsReadBytes).toBe(
      2 * (32 * (41_943_040 + 32_768 + 2 * 176_160_768) + 131_072_000),
    );
  });

  it('stageStep reads INT4 weight-only experts at int4ExpertBandwidth of the expert bandwidth, other formats at all of it', () => {
    // Mixtral's two touched experts per layer, 32 layers: 2 x 32 x 176,160,768 parameters
    const expertSeconds = (experts: 'int4' | 'w4a8', int4ExpertBandwidth: number) => {
      const m = resolveServing(mixtral, {
        device: h100,
        devices: 1,
        contextTokens: 1024,
        batch: 1,
        weights: 'bf16',
        expertWeights: experts,
      }).deployment;
      const eff = { ...DEFAULT_EFFICIENCY, int4ExpertBandwidth };
      return stageStep(m, m.stages[0]!, decodeWork(m, 1024), eff, DEFAULT_ROUTING, true)
        .memorySeconds;
    };
    const bytes = (2 * 32 * 176_160_768 * 4.125) / 8;
    const atFull = bytes / (h100.bandwidthBytesPerSecond * DEFAULT_EFFICIENCY.expertBandwidth);
    expect(expertSeconds('int4', 0.28) - expertSeconds('int4', 1)).toBeCloseTo(
      atFull / 0.28 - atFull,
      12,
    );
    expect(expertSeconds('w4a8', 0.28)).toBe(expertSeconds('w4a8', 1));
  });

  it('stageStep sends experts’ tokens all-to-all only where the experts spread past the TP group', () => {
    // Mixtral on 8 H100s: TP 8 with EP 8 (every rank holds every token; the second all-reduce
    // combines the experts: vLLM use_all2all_kernels = dp_size > 1 and use_ep) against
    // data-parallel attention, TP 1 with EP 8 (each rank's tokens go to the others' experts)
    const a2aBytes = (tp: number) => {
      const r = resolveServing(mixtral, {
        device: h100,
        devices: 8,
        tp,
        ep: 8,
        contextTokens: 1024,
        batch: 8,
      });
      const m = r.deployment;
      const work = { ...decodeWork(m, 1024), tokensPerReplica: 8 / m.layout.dp };
      return stageStep(m, m.stages[0]!, work, DEFAULT_EFFICIENCY, DEFAULT_ROUTING, true)
        .allToAllBytesPerLayer;
    };
    expect(a2aBytes(8)).toBe(0);
    // one token per rank, top-2, 7 of 8 copies remote: 2 x 7/8 x 4096 x (1 + 2) bytes
    expect(a2aBytes(1)).toBe(2 * (7 / 8) * 4096 * 3);
  });

  it('stageStep of an 8192-token prefill pass is compute-bound', () => {
    const work: StageWork = {
      ...decodeWork(d, 8192),
      tokensPerReplica: 8192,
      tokensPerExpertGroup: 8192,
      phase: 'prefill',
      kvReadBytes: 0,
    };
    const s = stageStep(d, d.stages[0]!, work, DEFAULT_EFFICIENCY, DEFAULT_ROUTING, true);
    expect(s.bound).toBe('compute');
    expect(s.computeSeconds).toBeGreaterThan(s.memorySeconds);
  });
});
