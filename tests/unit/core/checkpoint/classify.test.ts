import { describe, expect, it } from 'vitest';
import { storedParameters, tensorKind } from '../../../../src/lib/core/checkpoint/classify.ts';

describe('tensorKind', () => {
  // Names from the families' checkpoints (the modeling files' named_parameters).
  it.each([
    ['model.embed_tokens.weight', { component: 'embedding' }],
    ['language_model.model.embed_tokens.weight', { component: 'embedding' }],
    ['lm_head.weight', { component: 'lmHead' }],
    ['model.layers.0.self_attn.q_proj.weight', { component: 'attention' }],
    ['model.layers.0.self_attn.q_a_layernorm.weight', { component: 'attention' }],
    ['model.layers.0.self_attn.sinks', { component: 'attention' }],
    ['model.layers.0.input_layernorm.weight', { component: 'norms' }],
    ['model.norm.weight', { component: 'norms' }],
    ['model.layers.1.block_sparse_moe.gate.weight', { component: 'router' }],
    ['model.layers.1.mlp.gate.e_score_correction_bias', { component: 'router' }],
    ['model.layers.1.mlp.router.bias', { component: 'router' }],
    ['model.layers.1.mlp.experts.7.down_proj.weight', { component: 'routedExperts' }],
    ['model.layers.1.mlp.experts.gate_up_proj_blocks', { component: 'routedExperts' }],
    ['model.layers.1.mlp.shared_experts.up_proj.weight', { component: 'sharedExperts' }],
    ['model.layers.1.mlp.shared_expert_gate.weight', { component: 'sharedExperts' }],
    ['model.layers.0.mlp.gate_proj.weight', { component: 'denseFfn' }],
    ['language_model.model.layers.0.feed_forward.router.weight', { component: 'router' }],
    ['vision_model.model.layers.0.self_attn.q_proj.weight', { component: 'vision' }],
    ['multi_modal_projector.linear_1.weight', { component: 'vision' }],
    ['model.layers.1.mlp.experts.0.down_proj.weight_scale_inv', { extra: 'scale' }],
    ['model.layers.1.mlp.experts.down_proj_scales', { extra: 'scale' }],
    ['model.layers.0.self_attn.rotary_emb.inv_freq', { extra: 'buffer' }],
    ['model.layers.61.eh_proj.weight', { extra: 'mtp' }],
    ['model.layers.61.mlp.experts.0.up_proj.weight', { extra: 'mtp' }],
    ['mtp.layers.0.mlp.experts.0.up_proj.weight', { extra: 'mtp' }],
    // Jamba (models/jamba): the Mamba-1 mixer, its inner norms included, is the token mixer.
    ['model.layers.0.mamba.in_proj.weight', { component: 'attention' }],
    ['model.layers.0.mamba.A_log', { component: 'attention' }],
    ['model.layers.0.mamba.dt_layernorm.weight', { component: 'attention' }],
    ['model.layers.0.pre_ff_layernorm.weight', { component: 'norms' }],
    ['model.layers.0.feed_forward.gate_proj.weight', { component: 'denseFfn' }],
    ['model.layers.1.feed_forward.router.weight', { component: 'router' }],
    ['model.layers.1.feed_forward.experts.15.down_proj.weight', { component: 'routedExperts' }],
    ['model.final_layernorm.weight', { component: 'norms' }],
    // Granite-4.0-H (models/granitemoehybrid): Mamba-2 under `mamba.`, fused GraniteMoe experts.
    ['model.layers.0.mamba.norm.weight', { component: 'attention' }],
    ['model.layers.0.mamba.conv1d.bias', { component: 'attention' }],
    ['model.layers.0.block_sparse_moe.input_linear.weight', { component: 'routedExperts' }],
    ['model.layers.0.block_sparse_moe.output_linear.weight', { component: 'routedExperts' }],
    ['model.layers.0.block_sparse_moe.router.layer.weight', { component: 'router' }],
    ['model.layers.0.shared_mlp.input_linear.weight', { component: 'sharedExperts' }],
    // Nemotron-H (the Hub's backbone.* names): every block's module is `mixer`.
    ['backbone.embeddings.weight', { component: 'embedding' }],
    ['backbone.layers.0.norm.weight', { component: 'norms' }],
    ['backbone.layers.0.mixer.in_proj.weight', { component: 'attention' }],
    ['backbone.layers.0.mixer.norm.weight', { component: 'attention' }],
    ['backbone.layers.0.mixer.dt_bias', { component: 'attention' }],
    ['backbone.layers.5.mixer.o_proj.weight', { component: 'attention' }],
    ['backbone.layers.1.mixer.up_proj.weight', { component: 'denseFfn' }],
    ['backbone.layers.1.mixer.down_proj.weight', { component: 'denseFfn' }],
    ['backbone.layers.1.mixer.gate.weight', { component: 'router' }],
    ['backbone.layers.1.mixer.gate.e_score_correction_bias', { component: 'router' }],
    ['backbone.layers.1.mixer.experts.127.up_proj.weight', { component: 'routedExperts' }],
    ['backbone.layers.1.mixer.shared_experts.down_proj.weight', { component: 'sharedExperts' }],
    ['backbone.norm_f.weight', { component: 'norms' }],
    ['mtp.layers.0.eh_proj.weight', { extra: 'mtp' }],
  ])('%s is %j (a 61-layer decoder)', (name, kind) => {
    expect(tensorKind(name, 61)).toEqual(kind);
  });

  it('a name no rule knows is null', () => {
    expect(tensorKind('something.else', 61)).toBeNull();
  });
});

describe('storedParameters', () => {
  it('MXFP4 blocks hold two parameters per byte (gpt-oss); other tensors one per element', () => {
    // gpt-oss-20b: gate_up_proj_blocks [32, 5760, 90, 16] U8 = 32 x 5760 x 2880 parameters.
    expect(storedParameters('m.experts.gate_up_proj_blocks', 'U8', 32 * 5760 * 90 * 16)).toBe(
      32 * 5760 * 2880,
    );
    expect(storedParameters('m.experts.gate_up_proj_bias', 'BF16', 32 * 5760)).toBe(32 * 5760);
  });
});
