import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EFFICIENCY,
  DEFAULT_LOCAL_EFFICIENCY,
  DEFAULT_PLACEMENT,
  estimateLocalServing,
  customDevice,
  estimateServing,
  findDevice,
  type ServingOptions,
} from '../../../../src/lib/core/index.ts';
import {
  LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS,
  llamaCppDefaults,
  llamaCppEfficiency,
  llamaCppLayerOverheadSeconds,
  llamaCppRunsHip,
} from '../../../../src/lib/core/serving/llamacpp-efficiency.ts';
import { fixtureSpec } from '../../helpers/fixtures.ts';

describe('llamaCppEfficiency', () => {
  it('streams experts at the dense bandwidth, one time a layer, nothing overlapped', () => {
    expect(
      llamaCppEfficiency({ bandwidth: 0.7, compute: 0.45, layerOverheadSeconds: 40e-6 }),
    ).toEqual({
      expertBandwidth: 0.7,
      attentionCompute: 0.45,
      overlap: 0,
      kernelSeconds: 0,
      layerOverheadSeconds: 40e-6,
      blockScaledGemmSeconds: 0,
      int4ExpertBandwidth: 1,
    });
  });

  it('takes what the user gave for the bandwidth, the compute and the layer time, else the defaults', () => {
    expect(llamaCppDefaults()).toMatchObject({
      expertBandwidth: DEFAULT_EFFICIENCY.bandwidth,
      attentionCompute: DEFAULT_EFFICIENCY.compute,
      layerOverheadSeconds: DEFAULT_LOCAL_EFFICIENCY.layerOverheadSeconds,
    });
    expect(
      llamaCppDefaults({ bandwidth: 0.8, compute: 0.5, layerOverheadSeconds: 1e-5 }),
    ).toMatchObject({ expertBandwidth: 0.8, attentionCompute: 0.5, layerOverheadSeconds: 1e-5 });
  });
});

describe('llama.cpp on one GPU: the data-centre model and the local model agree', () => {
  // gpt-oss-20b wholly on one RTX 4090 at batch 1, BF16 beside its MXFP4 experts (as released;
  // the gated gpt-oss-20b-rtx4090-llamacpp-tg runs ggml-org's file, Q8_0 beside them).
  const oss = fixtureSpec('gpt-oss-20b');
  const options: ServingOptions = {
    device: findDevice('rtx-4090')!,
    devices: 1,
    contextTokens: 128,
    batch: 1,
    weights: 'bf16',
    expertWeights: 'mxfp4',
  };
  const dc = estimateServing(oss, { ...options, memory: { engine: 'llamacpp' } });
  const local = estimateLocalServing(oss, options, { placement: DEFAULT_PLACEMENT });

  it('reads the same weights a step, the output head included', () => {
    // The data-centre step reads the output head too (stage-traffic.ts); the local one also
    // reads the layers' two RMSNorms, 2 x 2,880 BF16 weights x 24 layers = 276,480 bytes.
    expect(local.decode.weightsReadBytes - dc.decode.weightsReadBytes).toBe(2 * 2_880 * 2 * 24);
    // Without the 201,088 x 2,880 BF16 head (1,158,266,880 bytes) it would read a third less.
    expect(dc.decode.weightsReadBytes).toBeGreaterThan(3 * 201_088 * 2_880 * 2);
  });

  it('takes the same step: 40 us for each of the 24 layers over the same roofline', () => {
    expect(dc.assumptions.efficiency).toMatchObject(llamaCppDefaults());
    expect(dc.decode.overheadSeconds).toBeCloseTo(24 * 40e-6, 12);
    expect(local.decode.overheadSeconds).toBeCloseTo(24 * 40e-6, 12);
    // Equal but for the norms' 276,480 bytes at 0.7 x 1,008 GB/s: 0.39 us of 6.2 ms.
    expect(local.decode.seconds - dc.decode.seconds).toBeCloseTo(276_480 / (0.7 * 1008e9), 12);
  });

  it('lets the user set the expert bandwidth still', () => {
    const given = estimateServing(oss, {
      ...options,
      memory: { engine: 'llamacpp' },
      efficiency: { expertBandwidth: 0.35 },
    });
    expect(given.assumptions.efficiency.expertBandwidth).toBe(0.35);
    expect(given.decode.seconds).toBeGreaterThan(dc.decode.seconds);
  });
});

describe('llama.cpp through ROCm (HIP)', () => {
  it.each([
    ['rx-7900-xtx', true],
    ['radeon-ai-pro-r9700', true],
    ['mi300x', true],
    ['rtx-4090', false],
    ['ryzen-ai-max-395-128gb', false], // its published runs are Vulkan (RADV)
    ['custom', false],
  ])('llamaCppRunsHip(%s) is %s', (id, hip) => {
    expect(llamaCppRunsHip({ id })).toBe(hip);
    expect(llamaCppLayerOverheadSeconds({ id })).toBe(
      hip ? 160e-6 : DEFAULT_LOCAL_EFFICIENCY.layerOverheadSeconds,
    );
  });

  // gpt-oss-20b wholly on one GPU, each run's per-layer time from its published tokens/s.
  const oss = fixtureSpec('gpt-oss-20b');
  const perLayer = (options: ServingOptions, tokensPerSecond: number) => {
    const bare = estimateServing(oss, {
      ...options,
      memory: { engine: 'llamacpp' },
      efficiency: { layerOverheadSeconds: 0 },
    });
    return (1 / tokensPerSecond - bare.decode.stepSeconds) / 24;
  };

  it('160 us a layer: what an MI100 and an RX 7900 XT take, each alone', () => {
    // llama.cpp PR #22254, gfx908 (MI100: 32 GB, 1,229 GB/s, 92.3 FP16 TFLOP/s), ggml-org's
    // file (Q8_0 beside the MXFP4 experts), tg64 146.28 tok/s on master.
    const mi100 = customDevice({
      memoryBytes: 32e9,
      bandwidthBytesPerSecond: 1229e9,
      bf16FlopsPerSecond: 92.3e12,
    });
    const onMi100 = perLayer(
      {
        device: mi100,
        devices: 1,
        contextTokens: 64,
        batch: 1,
        weights: 'q8_0',
        expertWeights: 'mxfp4',
      },
      146.28,
    );
    expect(onMi100 * 1e6).toBeCloseTo(160.4, 1);
    // local-cases.json llamacpp-7900xt-gpt-oss-20b-cmoe: the same file wholly on the GPU, ~94
    // tok/s (BF16 beside the MXFP4 experts, f16 KV, 4,096 tokens assumed).
    const on7900xt = perLayer(
      {
        device: findDevice('rx-7900-xt')!,
        devices: 1,
        contextTokens: 4096,
        batch: 1,
        kvDtype: 'fp16',
      },
      94,
    );
    expect(on7900xt * 1e6).toBeCloseTo(159.8, 1);
    expect(LLAMACPP_HIP_LAYER_OVERHEAD_SECONDS).toBe(160e-6);
  });

  it('the data-centre model and the local model take it alike on an RX 7900 XTX', () => {
    const options: ServingOptions = {
      device: findDevice('rx-7900-xtx')!,
      devices: 1,
      contextTokens: 128,
      batch: 1,
      weights: 'q8_0',
      expertWeights: 'mxfp4',
    };
    const dc = estimateServing(oss, { ...options, memory: { engine: 'llamacpp' } });
    const local = estimateLocalServing(oss, options, { placement: DEFAULT_PLACEMENT });
    expect(dc.decode.overheadSeconds).toBeCloseTo(24 * 160e-6, 12);
    expect(local.decode.overheadSeconds).toBeCloseTo(24 * 160e-6, 12);
  });
});
