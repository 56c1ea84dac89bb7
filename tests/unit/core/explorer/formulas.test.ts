import { describe, expect, it } from 'vitest';
import {
  countParams,
  defaultConfig,
  estimateServing,
  explain,
  findDevice,
  parseHFConfig,
  resolveExplorer,
  type ExplorerConfig,
} from '../../../../src/lib/core/index.ts';
import { readJson } from '../../helpers/fixtures.ts';

describe('explain', () => {
  it('explains active with the values substituted', () => {
    const r = resolveExplorer(defaultConfig());
    const why = explain(r.spec, r.count, r.serving, 'bf16', 'GB');
    expect(why.active.substituted).toBe(
      '108,641,793,536 − 871,932,416 − 48 × (16 − 1) × 125,829,120 = 17,172,894,720',
    );
    expect(why.kvPerToken.substituted).toBe(
      '12 layers × 2 (K, V) × 8 KV heads × 128 head dim × 2 B = 4,096 B = 49,152 B per token',
    );
  });

  it('explains total as the sum of its components (Scout)', () => {
    const r = resolveExplorer(defaultConfig());
    // embedding and lm_head 202,048 x 5120; attention 48 x 62,914,560; norms 48 x 2 x 5120 + 5120;
    // router 48 x 5120 x 16; routed 48 x 16 x 125,829,120; shared 48 x 125,829,120; no dense FFN;
    // vision 871,932,416 (expected-params.json: 108,641,793,536 in all)
    expect(explain(r.spec, r.count, r.serving, 'bf16', 'GB').total.substituted).toBe(
      '1,034,485,760 + 1,034,485,760 + 3,019,898,880 + 496,640 + 3,932,160 + 96,636,764,160 + 6,039,797,760 + 0 + 871,932,416 = 108,641,793,536',
    );
  });

  it('explains a dense model as every parameter active', () => {
    const r = resolveExplorer(defaultConfig('llama3.1-8b'));
    expect(explain(r.spec, r.count, r.serving, 'bf16', 'GB').active.substituted).toBe(
      '8,030,261,248 − 0 = 8,030,261,248 (dense: every parameter is active)',
    );
  });

  it('explains the MLA KV cache as latent + RoPE dims (DeepSeek-V3: 61 layers x 1,152 B)', () => {
    const config: ExplorerConfig = { ...defaultConfig('deepseek-v3') };
    config.deployment = { ...config.deployment, devices: 16 };
    const r = resolveExplorer(config);
    expect(explain(r.spec, r.count, r.serving, 'bf16', 'GB').kvPerToken.substituted).toBe(
      '61 layers × (512 latent + 64 RoPE) × 2 B = 1,152 B = 70,272 B per token',
    );
  });

  it('explains cost as GPUs x $/GPU-hour / (tokens/s x 3600) x 10^6', () => {
    const r = resolveExplorer(defaultConfig());
    expect(explain(r.spec, r.count, r.serving, 'bf16', 'GB').cost.substituted).toMatch(
      /^8 × \$2\.69 \/ \([\d,]+ × 3600\) × 10⁶ = \$[\d.]+$/,
    );
  });

  it("names a synchronous scheduler's wait in the decode step only when there is one", () => {
    const r = resolveExplorer(defaultConfig());
    const decode = (serving: NonNullable<typeof r.serving>) =>
      explain(r.spec, r.count, serving, 'bf16', 'GB').decode.substituted;
    expect(decode(r.serving!)).not.toContain('scheduling');
    const waiting = { ...r.serving!, decode: { ...r.serving!.decode, schedulingSeconds: 0.0021 } };
    expect(decode(waiting)).toContain(', scheduling 2.10 ms →');
  });

  it('says what DeepSeek Sparse Attention reads of the cache, past its top-k only', () => {
    const spec = parseHFConfig(readJson('new-families/deepseek-v3.2.config.json') as never);
    const count = countParams(spec);
    const at = (contextTokens: number) => {
      const options = {
        device: findDevice('b200')!,
        devices: 8,
        weights: 'fp8',
        contextTokens,
        batch: 1,
      } as const;
      return explain(spec, count, estimateServing(spec, options, count), 'bf16', 'GB').decode
        .substituted;
    };
    // 61 x (2,048 x 1,152 + 128,000 x 132) = 1.18 GB (shown 1.2) read of 61 x 128,000 x 1,284 = 10.0 GB.
    expect(at(128_000)).toMatch(
      /\(DSA reads each query's top 2,048 tokens and every token's indexer key: 1\.2 GB of the 10\.0 GB cached\)/,
    );
    expect(at(2000)).not.toContain('DSA');
  });

  it('names the time block-scaled GEMMs add on AMD CDNA3 only where the weights are block-scaled', () => {
    const config = defaultConfig();
    config.deployment = { ...config.deployment, deviceId: 'mi300x', weights: 'fp8' };
    const r = resolveExplorer(config);
    const decode = explain(r.spec, r.count, r.serving, 'bf16', 'GB').decode.substituted;
    expect(decode).toMatch(/overhead [\d.]+ ms \(with 27 µs more per block-scaled GEMM\),/);
    config.deployment = { ...config.deployment, weights: 'bf16' };
    const bf16 = resolveExplorer(config);
    expect(
      explain(bf16.spec, bf16.count, bf16.serving, 'bf16', 'GB').decode.substituted,
    ).not.toContain('block-scaled');
  });

  it('says a pipeline step is its stages: in turn under llama.cpp, a micro-batch each under vLLM', () => {
    const r = resolveExplorer(defaultConfig());
    const options = {
      device: findDevice('h100-sxm')!,
      devices: 4,
      tp: 1,
      pp: 4,
      contextTokens: 4096,
      batch: 8,
    };
    const at = (engine: 'llamacpp' | 'vllm') =>
      explain(
        r.spec,
        r.count,
        estimateServing(r.spec, { ...options, memory: { engine } }, r.count),
        'bf16',
        'GB',
      ).decode.substituted;
    // Llama 4 Scout's 48 layers, 12 a stage.
    expect(at('llamacpp')).toMatch(
      /overhead 0\.48 ms \(12 layers × 40 µs\).*; slowest of 4 stages [\d.]+ ms, the stages in turn, the whole batch through each → step/,
    );
    expect(at('vllm')).toMatch(
      /; slowest of 4 stages [\d.]+ ms, each on a micro-batch of its own → step/,
    );
  });

  it("counts llama.cpp's overhead by layer, and says so: Llama 4 Scout's 48 layers x 40 us", () => {
    const r = resolveExplorer(defaultConfig());
    const spec = r.spec;
    const options = { device: findDevice('h100-sxm')!, devices: 1, contextTokens: 4096, batch: 1 };
    const llama = estimateServing(spec, { ...options, memory: { engine: 'llamacpp' } }, r.count);
    expect(explain(spec, r.count, llama, 'bf16', 'GB').decode.substituted).toMatch(
      /overhead 1\.92 ms \(48 layers × 40 µs\),/,
    );
    const vllm = estimateServing(spec, options, r.count);
    expect(explain(spec, r.count, vllm, 'bf16', 'GB').decode.substituted).not.toContain('layers ×');
  });

  it('names the share of its peaks and of its bandwidth a device sustains (AMD’s Max-Achievable FLOPs, BabelStream), and none on H100', () => {
    const decodeOn = (deviceId: string) => {
      const config = defaultConfig();
      config.deployment = { ...config.deployment, deviceId };
      const r = resolveExplorer(config);
      return explain(r.spec, r.count, r.serving, 'bf16', 'GB').decode.substituted;
    };
    // sustained-compute.ts: (1,273 / 2,614.9) / (1,550 / 1,979) = 0.62; (708 / 1,307.4) / (740 / 989.4) = 0.72.
    expect(decodeOn('mi300x')).toMatch(
      /compute [\d.]+ ms \(peak × 0\.62 at FP8 and × 0\.72 at BF16: what the device sustains\), overhead/,
    );
    expect(decodeOn('h100-sxm')).not.toContain('sustains');
    // sustained-bandwidth.ts: BabelStream Triad (4.09 / 5.3) / (2.97 / 3.35) = 0.870.
    expect(decodeOn('mi300x')).toMatch(
      /^memory [\d.]+ ms \(bandwidth × 0\.870: what the device sustains\), compute/,
    );
    expect(decodeOn('h200')).toMatch(/^memory [\d.]+ ms \(bandwidth × 0\.975: /);
  });

  it('names the share of the expert bandwidth INT4 weight-only experts reach, off Blackwell only', () => {
    const decodeOn = (deviceId: string) => {
      const config = defaultConfig();
      config.deployment = { ...config.deployment, deviceId, expertWeights: 'int4' };
      const r = resolveExplorer(config);
      return explain(r.spec, r.count, r.serving, 'bf16', 'GB').decode.substituted;
    };
    expect(decodeOn('h100-sxm')).toMatch(
      /^memory [\d.]+ ms \(INT4 experts at 0\.28 of the expert bandwidth\), compute/,
    );
    expect(decodeOn('b200')).not.toContain('INT4');
  });

  it('takes the larger of the device’s work and the host’s launches, and names the launches only when there are some', () => {
    const r = resolveExplorer(defaultConfig());
    const why = (serving: NonNullable<typeof r.serving>) =>
      explain(r.spec, r.count, serving, 'bf16', 'GB').decode;
    expect(why(r.serving!).formula).toMatch(/^step = max\(.*, host launch\); host launch = /);
    expect(why(r.serving!).substituted).not.toContain('host launch');
    const launched = { ...r.serving!, decode: { ...r.serving!.decode, launchSeconds: 0.018432 } };
    expect(why(launched).substituted).toContain(', host launch 18.43 ms →');
  });

  it('says why an SGLang batch past its CUDA-graph batch is host-bound: it runs eagerly (eager.ts)', () => {
    // gpt-oss-120b on 8 x B200 at 600 sequences: SGLang captures graphs up to 512
    const config = defaultConfig();
    config.source = { kind: 'preset', id: 'gpt-oss-120b' };
    config.deployment = {
      ...config.deployment,
      deviceId: 'b200',
      devices: 8,
      tp: 8,
      engine: 'sglang',
      batch: 600,
      contextTokens: 1024,
    };
    const r = resolveExplorer(config);
    const decode = explain(r.spec, r.count, r.serving, 'bf16', 'GB').decode.substituted;
    expect(decode).toMatch(
      /host launch [\d.]+ ms \(SGLang runs a batch past its CUDA-graph batch of 512 eagerly, 80 µs a kernel\)/,
    );
    config.deployment = { ...config.deployment, batch: 512 };
    const graphed = resolveExplorer(config);
    expect(
      explain(graphed.spec, graphed.count, graphed.serving, 'bf16', 'GB').decode.substituted,
    ).not.toContain('host launch');
  });

  it('without a serving estimate (invalid deployment) every serving figure says it is not available', () => {
    const r = resolveExplorer(defaultConfig());
    const why = explain(r.spec, r.count, null, 'bf16', 'GB');
    for (const id of ['weights', 'kvPerToken', 'kvAtContext', 'fits', 'decode', 'cost'] as const)
      expect(why[id]).toEqual({
        formula: 'Not available: the deployment settings are invalid.',
        substituted: '',
      });
    expect(why.total.substituted).not.toBe('');
  });

  it('under SGLang a hybrid model’s fit names the KV and state pools (state-pool.ts)', () => {
    const qwen36 = parseHFConfig(
      readJson('new-families/qwen3.6-35b-a3b.config.json') as Record<string, unknown>,
    );
    const options = {
      device: findDevice('h200')!,
      devices: 1,
      contextTokens: 9216,
      batch: 64,
      weights: 'fp8' as const,
    };
    const fit = (engine: 'sglang' | 'vllm') =>
      explain(
        qwen36,
        countParams(qwen36),
        estimateServing(qwen36, { ...options, memory: { engine } }),
        'bf16',
        'GB',
      ).fits.formula;
    expect(fit('sglang')).toContain(
      "a hybrid model's KV cache gets 1 / 1.9 of what the weights leave and its states the rest (mamba_full_memory_ratio 0.9), a third of whose slots run at once",
    );
    expect(fit('vllm')).not.toContain('1 / 1.9');
  });
});
