import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  expandLayers,
  parseHFConfig,
  SUPPORTED_MODEL_TYPES,
} from '../../src/lib/core/index.ts';
import { fixtureConfig } from './fixtures.ts';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseHFConfig', () => {
  it('reads Llama 4 Scout: nested text_config, vision_config, chunked and NoPE layers', () => {
    const spec = parseHFConfig(fixtureConfig('llama4-scout'));
    expect(spec.family).toBe('llama4');
    expect(spec.hiddenSize).toBe(5120);
    expect(spec.vision?.layers).toBe(34);
    // no_rope_layers: 1,1,1,0 repeated: three chunked RoPE layers, then one global NoPE layer.
    expect(spec.attentionPattern).toEqual([
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'chunked', tokens: 8192 }, rope: true },
      { window: { kind: 'global' }, rope: false },
    ]);
    // moe_layers lists all 48 layers: the rule "every layer" fits it.
    expect(spec.moeLayers).toEqual({ firstDense: 0, step: 1, offset: 0, denseLayers: [] });
    expect(spec.attention).toMatchObject({
      kind: 'gqa',
      heads: 40,
      kvHeads: 8,
      headDim: 128,
      qkNorm: 'weightless',
    });
  });

  it('reads Llama 4 Maverick interleave_moe_layer_step 2 as MoE on odd layers', () => {
    const spec = parseHFConfig(fixtureConfig('llama4-maverick'));
    expect(spec.moeLayers).toEqual({ firstDense: 0, step: 2, offset: 1, denseLayers: [] });
    expect(spec.denseMlp?.intermediateSize).toBe(16384);
  });

  it('reads a bare llama4_text config without a vision tower', () => {
    const config = fixtureConfig('llama4-scout');
    const spec = parseHFConfig({ ...(config.text_config as object), model_type: 'llama4_text' });
    expect(spec.vision).toBeNull();
  });

  it('reads gpt-oss layer_types as alternating sliding (128) and full attention', () => {
    const spec = parseHFConfig(fixtureConfig('gpt-oss-20b'));
    expect(spec.attentionPattern).toEqual([
      { window: { kind: 'sliding', tokens: 128 }, rope: true },
      { window: { kind: 'global' }, rope: true },
    ]);
    expect(spec.checkpoint).toEqual({
      dtype: 'bfloat16',
      quantMethod: 'mxfp4',
      notQuantized: [
        'model.layers.*.self_attn',
        'model.layers.*.mlp.router',
        'model.embed_tokens',
        'lm_head',
      ],
    });
  });

  it('reads DeepSeek-V3 MLA, dense prefix, shared expert, score-correction bias and MTP', () => {
    const spec = parseHFConfig(fixtureConfig('deepseek-v3'));
    expect(spec.attention).toEqual({
      kind: 'mla',
      heads: 128,
      qLoraRank: 1536,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
      bias: false,
    });
    expect(spec.moeLayers.firstDense).toBe(3);
    expect(spec.moe?.shared?.count).toBe(1);
    expect(spec.moe?.scoreCorrectionBias).toBe(true);
    expect(spec.mtp).toEqual({ modules: 1 });
    expect(spec.checkpoint.quantMethod).toBe('fp8');
  });

  it('reads Qwen2-MoE shared expert with its gate and qkv bias, and mlp_only_layers', () => {
    const spec = parseHFConfig({
      model_type: 'qwen2_moe',
      hidden_size: 2048,
      intermediate_size: 5632,
      moe_intermediate_size: 1408,
      shared_expert_intermediate_size: 5632,
      num_hidden_layers: 24,
      num_attention_heads: 16,
      num_key_value_heads: 16,
      num_experts: 60,
      num_experts_per_tok: 4,
      vocab_size: 151936,
      mlp_only_layers: [0],
      decoder_sparse_step: 1,
    });
    expect(spec.moe?.shared).toEqual({
      count: 1,
      mlp: { intermediateSize: 5632, gated: true, bias: false },
      gate: true,
    });
    expect(spec.attention).toMatchObject({ qkvBias: true, outBias: false });
    expect(
      expandLayers(spec)
        .map((l) => l.ffn.kind)
        .slice(0, 2),
    ).toEqual(['dense', 'moe']);
  });

  it('reads DBRX attn_config and ffn_config', () => {
    const spec = parseHFConfig({
      model_type: 'dbrx',
      d_model: 6144,
      n_heads: 48,
      n_layers: 40,
      vocab_size: 100352,
      attn_config: { kv_n_heads: 8 },
      ffn_config: { ffn_hidden_size: 10752, moe_num_experts: 16, moe_top_k: 4 },
    });
    expect(spec.moe).toMatchObject({ experts: 16, topK: 4 });
    expect(spec.attention).toMatchObject({ kvHeads: 8, headDim: 128, fusedQkv: true });
    expect(spec.norm).toEqual({ kind: 'layernorm', bias: false });
  });

  it('ignores unknown fields', () => {
    const config = {
      ...fixtureConfig('mixtral-8x7b'),
      some_future_field: { deeply: ['nested'] },
      auto_map: 'x',
    };
    expect(parseHFConfig(config).moe?.experts).toBe(8);
  });

  it('takes the name from _name_or_path or the option', () => {
    expect(
      parseHFConfig({
        ...fixtureConfig('mixtral-8x7b'),
        _name_or_path: 'mistralai/Mixtral-8x7B-v0.1',
      }).name,
    ).toBe('Mixtral-8x7B-v0.1');
    expect(parseHFConfig(fixtureConfig('mixtral-8x7b'), { name: 'M' }).name).toBe('M');
  });
});

describe('parseHFConfig errors name the field, the value and what is expected', () => {
  it('an unsupported model_type lists the supported ones', () => {
    const error = errorOf(() => parseHFConfig({ model_type: 'mamba' }));
    expect(error.field).toBe('model_type');
    expect(error.message).toContain('"mamba"');
    for (const type of Object.keys(SUPPORTED_MODEL_TYPES)) expect(error.message).toContain(type);
  });

  it('a missing field', () => {
    const { hidden_size: _, ...config } = fixtureConfig('mixtral-8x7b');
    expect(errorOf(() => parseHFConfig(config)).message).toBe(
      'hidden_size: expected an integer >= 1, got nothing (the field is missing)',
    );
  });

  it('a negative field inside text_config', () => {
    const config = fixtureConfig('llama4-scout');
    const bad = {
      ...config,
      text_config: { ...(config.text_config as object), num_local_experts: -16 },
    };
    expect(errorOf(() => parseHFConfig(bad)).message).toBe(
      'text_config.num_local_experts: expected an integer >= 1, got -16',
    );
  });

  it('top-k above the number of experts', () => {
    const config = { ...fixtureConfig('mixtral-8x7b'), num_experts_per_tok: 9 };
    expect(errorOf(() => parseHFConfig(config)).message).toContain(
      'num_experts_per_tok: expected at most the number of routed experts (8), got 9',
    );
  });

  it('a fractional or string size', () => {
    expect(
      errorOf(() => parseHFConfig({ ...fixtureConfig('mixtral-8x7b'), hidden_size: 4096.5 })).field,
    ).toBe('hidden_size');
    expect(
      errorOf(() => parseHFConfig({ ...fixtureConfig('mixtral-8x7b'), hidden_size: '4096' }))
        .message,
    ).toContain('got "4096"');
  });

  it('not an object', () => {
    expect(errorOf(() => parseHFConfig([1, 2])).message).toContain(
      'config: expected a JSON object',
    );
    expect(errorOf(() => parseHFConfig(null)).field).toBe('config');
  });

  it('heads not divisible by KV heads', () => {
    const config = { ...fixtureConfig('mixtral-8x7b'), num_key_value_heads: 5 };
    expect(errorOf(() => parseHFConfig(config)).field).toBe('num_key_value_heads');
  });
});

describe('parseHFConfig on hostile names', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'model_type %j is unsupported, not a crash',
    (name) => {
      const error = errorOf(() =>
        parseHFConfig({ ...fixtureConfig('mixtral-8x7b'), model_type: name }),
      );
      expect(error.field).toBe('model_type');
    },
  );

  it('a "__proto__" torch_dtype or quant_method is not a weight format', () => {
    const spec = parseHFConfig({
      ...fixtureConfig('mixtral-8x7b'),
      torch_dtype: '__proto__',
      quantization_config: { quant_method: 'constructor' },
    });
    expect(spec.checkpoint.dtype).toBe('__proto__');
  });
});
