import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attendedTokens,
  keptTokens,
  KV_LAYOUTS,
  kvBytesPerSequence,
  kvBytesPerToken,
  kvBytesPerTokenPerLayer,
  kvDtypeBytes,
  kvRowBytes,
  parseHFConfig,
  roundUpToBlock,
  stateBytesPerSequencePerLayer,
  stateElements,
} from '../../../../src/lib/core/index.ts';
import {
  FIXTURES,
  fixtureConfig,
  fixtureModelIds,
  moreModelConfig,
  moreModelIds,
} from '../../helpers/fixtures.ts';

const scout = parseHFConfig(fixtureConfig('llama4-scout'));
const deepseek = parseHFConfig(fixtureConfig('deepseek-v3'));
const gptOss20b = parseHFConfig(fixtureConfig('gpt-oss-20b'));

describe('KV cache', () => {
  it('kvBytesPerTokenPerLayer: GQA stores K and V per KV head; MLA stores the latent and RoPE key once', () => {
    expect(kvBytesPerTokenPerLayer(scout.attention, 'bf16')).toBe(2 * 8 * 128 * 2);
    // ISCA'25 "Insights into DeepSeek-V3", Table 1: (512 + 64) x 2 bytes per layer
    expect(kvBytesPerTokenPerLayer(deepseek.attention, 'bf16')).toBe(1152);
    expect(kvBytesPerTokenPerLayer(deepseek.attention, 'fp8')).toBe(576);
  });

  it('keptTokens caps sliding and chunked layers in the hybrid layout only', () => {
    const sliding = { window: { kind: 'sliding', tokens: 128 }, rope: true } as const;
    expect(keptTokens(sliding, 1000, 'hybrid')).toBe(128);
    expect(keptTokens(sliding, 100, 'hybrid')).toBe(100);
    expect(keptTokens(sliding, 1000, 'full')).toBe(1000);
  });

  it('attendedTokens: a chunked layer reads its own chunk, ((position - 1) mod chunk) + 1', () => {
    const chunked = { window: { kind: 'chunked', tokens: 8192 }, rope: true } as const;
    const sliding = { window: { kind: 'sliding', tokens: 128 }, rope: true } as const;
    const global = { window: { kind: 'global' }, rope: false } as const;
    // Llama 4's attention_chunk_size 8192 (modeling_llama4.py chunked causal mask)
    expect(attendedTokens(chunked, 8192)).toBe(8192);
    expect(attendedTokens(chunked, 8193)).toBe(1);
    expect(attendedTokens(chunked, 8704)).toBe(512); // 8k in, halfway through 1k out
    expect(attendedTokens(chunked, 100)).toBe(100);
    expect(attendedTokens(sliding, 1000)).toBe(128);
    expect(attendedTokens(global, 8704)).toBe(8704);
    // what it stores is a bound on this, position by position
    for (const t of [1, 8191, 8192, 8193, 20_000])
      expect(attendedTokens(chunked, t)).toBeLessThanOrEqual(keptTokens(chunked, t, 'hybrid'));
  });

  it('kvBytesPerSequence(Scout, 1M, hybrid): 12 global layers grow, 36 chunked layers hold one 8192 chunk', () => {
    // 12 x 4096 x 1e6 + 36 x 8192 x 4096 = 50,359,959,552 (serving-cases.json, scout-kv-hybrid)
    expect(kvBytesPerSequence(scout, 1_000_000, 'bf16', 'hybrid')).toBe(50_359_959_552);
    expect(kvBytesPerSequence(scout, 1_000_000, 'bf16', 'full')).toBe(196_608_000_000);
  });

  it('kvBytesPerToken counts only the layers that keep growing', () => {
    expect(kvBytesPerToken(scout, 'bf16', 'hybrid')).toBe(49_152);
    expect(kvBytesPerToken(gptOss20b, 'bf16', 'hybrid')).toBe(24_576);
    expect(kvBytesPerToken(gptOss20b, 'fp8', 'full')).toBe(24 * 2 * 8 * 64);
  });
});

describe('kvBytesPerToken of published models', () => {
  // ISCA'25 "Insights into DeepSeek-V3", Table 1: KV cache per token, BF16.
  it.each([
    ['DeepSeek-V3 (MLA)', () => deepseek, 70_272], // 70.272 KB: 61 layers x 576 x 2 B
    ['LLaMA-3.1 405B (GQA)', () => parseHFConfig(moreModelConfig('llama3.1-405b')), 516_096], // 516.096 KB
  ])('kvBytesPerToken(%s, bf16) is %i bytes', (_, spec, bytes) => {
    expect(kvBytesPerToken(spec(), 'bf16', 'full')).toBe(bytes);
  });
});

describe('roundUpToBlock', () => {
  it.each([
    [1, 16, 16],
    [16, 16, 16],
    [17, 16, 32],
    [1000, 1, 1000],
  ])('roundUpToBlock(%i, %i) is %i', (tokens, block, rounded) => {
    expect(roundUpToBlock(tokens, block)).toBe(rounded);
  });
});

describe('kvBytesPerSequence', () => {
  it('kvBytesPerSequence(gpt-oss-20b, 1000, 16-token blocks) rounds each layer up to whole blocks', () => {
    // 12 sliding layers keep 128 tokens (8 blocks), 12 global layers 1000 -> 1008 tokens; 2048 B per token per layer
    expect(kvBytesPerSequence(gptOss20b, 1000, 'bf16', 'hybrid', 16)).toBe(
      (12 * 128 + 12 * 1008) * 2048,
    );
  });

  it('kvBytesPerSequence over given layers counts only those (Scout layers 0-3: 3 chunked, 1 global)', () => {
    expect(kvBytesPerSequence(scout, 100_000, 'bf16', 'hybrid', 1, [0, 1, 2, 3])).toBe(
      (3 * 8192 + 100_000) * 4096,
    );
  });

  it('KV_LAYOUTS are hybrid and full', () => {
    expect(KV_LAYOUTS).toEqual(['hybrid', 'full']);
  });
});

describe('the fixed state of linear-attention and state-space layers', () => {
  // Each figure: docs/research/families/<family>.md section 3, from the modeling file's cache
  // shapes and vLLM's state shapes (conv window kernel − 1 wide).
  it.each([
    [
      // Qwen3-Next-80B-A3B: conv 8192 × 3, recurrent 32 × 128 × 128
      'Gated DeltaNet (Qwen3-Next-80B-A3B)',
      {
        kind: 'gated_deltanet',
        keyHeads: 16,
        valueHeads: 32,
        keyHeadDim: 128,
        valueHeadDim: 128,
        convKernel: 4,
      },
      8192 * 3,
      32 * 128 * 128,
    ],
    // Kimi-Linear-48B: conv 3 × 4096 × 3 = 36,864; recurrent 32 × 128 × 128 = 524,288
    [
      'KDA (Kimi-Linear-48B)',
      { kind: 'kda', heads: 32, headDim: 128, convKernel: 4 },
      36_864,
      524_288,
    ],
    // MiniMax-01: 64 × 128 × 128 = 1,048,576, no conv
    [
      'lightning attention (MiniMax-01)',
      { kind: 'lightning', heads: 64, headDim: 128 },
      0,
      1_048_576,
    ],
    [
      // Jamba-v0.1: conv 8192 × 3 (vLLM), SSM 8192 × 16
      'Mamba-1 (Jamba-v0.1)',
      {
        kind: 'mamba1',
        innerSize: 8192,
        stateSize: 16,
        convKernel: 4,
        dtRank: 256,
        convBias: true,
        projBias: false,
        innerNorms: true,
      },
      8192 * 3,
      8192 * 16,
    ],
    [
      // Nemotron 3 Nano: conv 6144 × 3, SSM 64 × 64 × 128 = 524,288
      'Mamba-2 (Nemotron 3 Nano)',
      {
        kind: 'mamba2',
        heads: 64,
        headDim: 64,
        groups: 8,
        stateSize: 128,
        convKernel: 4,
        convBias: true,
        projBias: false,
      },
      6144 * 3,
      524_288,
    ],
  ] as const)(
    '%s: %i conv and %i state elements per sequence and layer',
    (_, mixer, conv, state) => {
      expect(stateElements(mixer)).toEqual({ conv, state });
      // conv in BF16, recurrent state in FP32
      expect(stateBytesPerSequencePerLayer(mixer)).toBe(conv * 2 + state * 4);
    },
  );

  it('a sequence keeps the state of each state layer and the KV of each attention layer; only attention grows', () => {
    // Qwen3-30B-A3B made hybrid as Qwen3-Next is: 3 of every 4 layers Gated DeltaNet.
    const qwen = parseHFConfig(fixtureConfig('qwen3-30b-a3b'));
    const linear = { window: { kind: 'global' }, rope: true, mixer: 'state' } as const;
    const full = { window: { kind: 'global' }, rope: true } as const;
    const hybrid = {
      ...qwen,
      attentionPattern: [linear, linear, linear, full],
      stateMixer: {
        kind: 'gated_deltanet',
        keyHeads: 16,
        valueHeads: 32,
        keyHeadDim: 128,
        valueHeadDim: 128,
        convKernel: 4,
      },
    } as const;
    const perToken = kvBytesPerTokenPerLayer(qwen.attention, 'bf16'); // 2 × 4 × 128 × 2 = 2048
    const attentionLayers = qwen.layers / 4; // 48 layers: 12 attention, 36 Gated DeltaNet
    const state = 36 * (8192 * 3 * 2 + 32 * 128 * 128 * 4);
    expect(kvBytesPerSequence(hybrid, 1000, 'bf16', 'hybrid')).toBe(
      attentionLayers * 1000 * perToken + state,
    );
    expect(kvBytesPerSequence(hybrid, 2000, 'bf16', 'hybrid')).toBe(
      attentionLayers * 2000 * perToken + state,
    );
    expect(kvBytesPerToken(hybrid, 'bf16', 'full')).toBe(attentionLayers * perToken);
    expect(keptTokens(linear, 1000, 'full')).toBe(0);
  });
});

describe('DeepSeek-V3.2: the lightning indexer keeps a key per token too', () => {
  it('1,284 B per token per layer in BF16: the MLA latent (576 × 2 B) and the indexer key (128 B FP8 + 4 B scale)', () => {
    // docs/research/families/deepseek_v32.md section 3: inference/model.py k_cache (float8_e4m3fn)
    // and k_scale_cache (float32, one per 128 values): 132 B per token per layer.
    const v32 = parseHFConfig(
      JSON.parse(
        readFileSync(join(FIXTURES, 'new-families', 'deepseek-v3.2.config.json'), 'utf8'),
      ) as unknown,
    );
    expect(kvBytesPerTokenPerLayer(v32.attention, 'bf16')).toBe(576 * 2 + 132);
    expect(kvBytesPerTokenPerLayer(v32.attention, 'fp8')).toBe(576 + 132);
    expect(kvBytesPerToken(v32, 'bf16', 'hybrid')).toBe(61 * 1284);
  });
});

describe("llama.cpp's quantized KV cache", () => {
  it('q8_0 and q4_0 store 32 values in 34 and 18 bytes (ggml-common.h block_q8_0, block_q4_0)', () => {
    // Scout: K and V rows of 8 KV heads × 128 = 1,024 values: 32 blocks each.
    expect(kvBytesPerTokenPerLayer(scout.attention, 'q8_0')).toBe(2 * 32 * 34);
    expect(kvBytesPerTokenPerLayer(scout.attention, 'q4_0')).toBe(2 * 32 * 18);
    // DeepSeek-V3: a 576-value latent row, 18 blocks.
    expect(kvBytesPerTokenPerLayer(deepseek.attention, 'q8_0')).toBe(18 * 34);
  });

  it('a row that is not a whole number of blocks is rounded up to whole blocks', () => {
    expect(kvRowBytes(33, 'q4_0')).toBe(2 * 18);
    expect(kvRowBytes(33, 'bf16')).toBe(66);
    expect(kvDtypeBytes('q8_0')).toBe(34 / 32);
  });
});

describe('kvBytesPerSequence over every layer', () => {
  // Every real config with its own layer pattern: sliding and chunked windows, global layers,
  // state-space and linear-attention layers (Jamba, Nemotron-H, Qwen3-Next, Kimi-Linear).
  const newFamilies = readdirSync(join(FIXTURES, 'new-families'))
    .filter((f) => f.endsWith('.config.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(FIXTURES, 'new-families', f), 'utf8'))] as const);
  const specs = [
    ...fixtureModelIds.map((id) => [id, fixtureConfig(id)] as const),
    ...moreModelIds.map((id) => [id, moreModelConfig(id)] as const),
    ...newFamilies,
  ].map(
    // Jamba-v0.1's published config.json has no model_type (jamba.test.ts adds it the same way).
    ([id, config]) => [id, parseHFConfig({ model_type: 'jamba', ...config })] as const,
  );

  it('counts each entry of the repeating pattern once per layer it covers, as layer by layer', () => {
    expect(specs.length).toBeGreaterThan(40);
    // The real configs' depths are whole periods of their patterns; cut ones test the remainder.
    const cut = specs.flatMap(([id, spec]) =>
      [1, 3].map((n) => [`${id} less ${n}`, { ...spec, layers: spec.layers - n }] as const),
    );
    for (const [id, spec] of [...specs, ...cut]) {
      const every = Array.from({ length: spec.layers }, (_, i) => i);
      for (const [context, layout, block] of [
        [1, 'hybrid', 1],
        [5_000, 'hybrid', 16],
        [10_485_760, 'hybrid', 16],
        [131_072, 'full', 1],
      ] as const) {
        const whole = kvBytesPerSequence(spec, context, 'bf16', layout, block);
        expect(whole, `${id} at ${context} (${layout})`).toBe(
          kvBytesPerSequence(spec, context, 'bf16', layout, block, every),
        );
      }
    }
  });
});
