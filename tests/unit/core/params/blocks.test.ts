import { describe, expect, it } from 'vitest';
import {
  attentionParams,
  mlpParams,
  normParams,
  parseHFConfig,
  routerParams,
  sharedExpertParams,
  stateMixerParams,
  visionParams,
} from '../../../../src/lib/core/index.ts';
import { fixtureSpec, moreModelConfig } from '../../helpers/fixtures.ts';

describe('component formulas', () => {
  it('mlpParams(4096, SwiGLU 14336) is 3 x 4096 x 14336 (models/llama LlamaMLP)', () => {
    expect(mlpParams(4096, { intermediateSize: 14336, gated: true, bias: false })).toBe(
      176_160_768,
    );
  });

  it('mlpParams of a gpt-oss expert counts gate_up and down biases (models/gpt_oss GptOssExperts)', () => {
    // 2880 x 5760 + 5760 + 2880 x 2880 + 2880
    expect(mlpParams(2880, { intermediateSize: 2880, gated: true, bias: true })).toBe(24_891_840);
  });

  it('attentionParams(DeepSeek-V3 MLA) is 187,107,328 per layer', () => {
    // q_a 7168x1536 + norm 1536 + q_b 1536x(128x192) + kv_a 7168x576 + norm 512
    // + kv_b 512x(128x256) + o (128x128)x7168 (models/deepseek_v3 DeepseekV3Attention)
    expect(attentionParams(7168, fixtureSpec('deepseek-v3').attention)).toBe(187_107_328);
  });

  it('attentionParams(gpt-oss-20b) counts biases and 64 sinks', () => {
    // q 2880x4096+4096, k and v 2880x512+512, o 4096x2880+2880, sinks 64
    expect(attentionParams(2880, fixtureSpec('gpt-oss-20b').attention)).toBe(26_550_144);
  });

  it('attentionParams of Qwen3 per-head q/k norms adds 2 x head_dim', () => {
    // q 2048x4096, k and v 2048x512, o 4096x2048, q_norm and k_norm 128 each
    expect(attentionParams(2048, fixtureSpec('qwen3-30b-a3b').attention)).toBe(18_874_624);
  });

  it('visionParams(Llama 4 vision tower + projector) is the published total minus the text model', () => {
    // 108,641,793,536 - 107,769,861,120 (expected-params.json, llama4-scout)
    const spec = fixtureSpec('llama4-scout');
    expect(visionParams(spec.vision!, 5120)).toBe(871_932_416);
  });
});

describe('mlpParams', () => {
  it('mlpParams of a plain (ungated) MLP with bias is up + down + their biases', () => {
    // up 1024 x 4096 + 4096, down 4096 x 1024 + 1024 (torch.nn.Linear)
    expect(mlpParams(1024, { intermediateSize: 4096, gated: false, bias: true })).toBe(
      2 * 1024 * 4096 + 4096 + 1024,
    );
  });
});

describe('normParams', () => {
  it.each([
    [{ kind: 'rmsnorm', bias: false }, 4096], // RMSNorm: a weight
    [{ kind: 'layernorm', bias: false }, 4096], // DBRX: LayerNorm without bias
    [{ kind: 'layernorm', bias: true }, 8192], // Phi-3.5-MoE: weight and bias (torch.nn.LayerNorm)
  ] as const)('normParams(4096, %j) is %i', (norm, params) => {
    expect(normParams(4096, norm)).toBe(params);
  });
});

describe('attentionParams', () => {
  it('attentionParams(Llama 3.1 8B) is 41,943,040: q and o 4096^2, k and v 4096 x 1024', () => {
    // models/llama LlamaAttention; the TSDoc example of attentionParams
    expect(attentionParams(4096, fixtureSpec('llama3.1-8b').attention)).toBe(41_943_040);
  });

  it('attentionParams of OLMoE full-width q/k norms adds heads x head_dim + kv_heads x head_dim', () => {
    // models/olmoe: 4 x 2048^2 + q_norm 2048 + k_norm 2048
    const olmoe = parseHFConfig(moreModelConfig('olmoe-1b-7b'));
    expect(attentionParams(2048, olmoe.attention)).toBe(4 * 2048 * 2048 + 2 * 2048);
  });

  it('attentionParams of DeepSeek-V2-Lite MLA projects queries directly (q_lora_rank null)', () => {
    // q_proj 2048 x 16 x 192 + kv_a 2048 x 576 + norm 512 + kv_b 512 x 16 x 256 + o 16 x 128 x 2048
    const lite = parseHFConfig(moreModelConfig('deepseek-v2-lite'));
    expect(attentionParams(2048, lite.attention)).toBe(
      2048 * 16 * 192 + 2048 * 576 + 512 + 512 * 16 * 256 + 16 * 128 * 2048,
    );
  });
});

describe('routerParams', () => {
  it('routerParams(DeepSeek-V3) is 7168 x 256 plus the 256 e_score_correction_bias values', () => {
    const moe = fixtureSpec('deepseek-v3').moe!;
    expect(routerParams(7168, moe)).toBe(7168 * 256 + 256);
  });

  it('routerParams(gpt-oss-20b) is 2880 x 32 plus a bias of 32', () => {
    expect(routerParams(2880, fixtureSpec('gpt-oss-20b').moe!)).toBe(2880 * 32 + 32);
  });
});

describe('sharedExpertParams', () => {
  it('sharedExpertParams(Qwen1.5-MoE-A2.7B) is one SwiGLU of 5632 plus its sigmoid gate of 2048', () => {
    // models/qwen2_moe: shared_expert 3 x 2048 x 5632, shared_expert_gate Linear(2048, 1)
    const qwen = parseHFConfig(moreModelConfig('qwen1.5-moe-a2.7b'));
    expect(sharedExpertParams(2048, qwen.moe!)).toBe(3 * 2048 * 5632 + 2048);
  });

  it('sharedExpertParams is 0 without shared experts (Mixtral)', () => {
    expect(sharedExpertParams(4096, fixtureSpec('mixtral-8x7b').moe!)).toBe(0);
  });
});

describe('stateMixerParams: linear-attention and state-space mixers', () => {
  // Each expected value: docs/research/families/<family>.md section 2, from the modeling file's
  // tensor shapes (the checkpoint's tensor list where one was read).
  it.each([
    [
      'Gated DeltaNet, Qwen3-Next-80B-A3B (H 2048)',
      2048,
      {
        kind: 'gated_deltanet',
        keyHeads: 16,
        valueHeads: 32,
        keyHeadDim: 128,
        valueHeadDim: 128,
        convKernel: 4,
      },
      33_718_464,
    ],
    [
      'KDA, Kimi-Linear-48B (H 2304)',
      2304,
      { kind: 'kda', heads: 32, headDim: 128, convKernel: 4 },
      39_514_272,
    ],
    [
      'lightning attention, MiniMax-01 (H 6144)',
      6144,
      { kind: 'lightning', heads: 64, headDim: 128 },
      251_666_432,
    ],
    [
      'Mamba-1, Jamba-v0.1 (H 4096)',
      4096,
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
      105_308_448,
    ],
    [
      'Mamba-2, Nemotron-H-8B (H 4096)',
      4096,
      {
        kind: 'mamba2',
        heads: 128,
        headDim: 64,
        groups: 8,
        stateSize: 128,
        convKernel: 4,
        convBias: true,
        projBias: false,
      },
      109_635_968,
    ],
    [
      'Mamba-2, Granite-4.0-H-Tiny (H 1536)',
      1536,
      {
        kind: 'mamba2',
        heads: 48,
        headDim: 64,
        groups: 1,
        stateSize: 128,
        convKernel: 4,
        convBias: true,
        projBias: false,
      },
      14_642_576,
    ],
  ] as const)('%s: %i', (_, hidden, mixer, expected) => {
    expect(stateMixerParams(hidden, mixer)).toBe(expected);
  });

  it("gated attention's q_proj is twice as wide (Qwen3-Next full attention: 27,263,488 per layer)", () => {
    const attention = {
      kind: 'gqa',
      heads: 16,
      kvHeads: 2,
      headDim: 256,
      qkvBias: false,
      outBias: false,
      fusedQkv: false,
      qkNorm: 'per-head',
      sinks: false,
      outputGate: true,
    } as const;
    // 2·nh·hd·H + 2·kv·hd·H + H·nh·hd + 2·hd (docs/research/families/qwen3_next.md section 2)
    expect(attentionParams(2048, attention)).toBe(27_263_488);
  });
});
